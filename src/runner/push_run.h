// A push run (reverse ETL, issue 5): model → change detection → Salesforce (or a Marketing Cloud
// Data Extension) → per-row outcomes.
//
//   1. plan: Describe the object, validate the mapping (push_plan.h), open the model (bad SQL,
//      unreachable database) — every problem here is an Error before any data call;
//   2. diff: stream the model through run_pipeline(); each row is mapped, hashed (with the
//      mapping fingerprint, so a changed mapping resends all) and compared with the sync's
//      snapshot; changed rows are spooled, unchanged ones cost nothing;
//   3. send: the spool goes out through sObject Collections (≤ 200 per call, allOrNone false) or,
//      above bulk_threshold, Bulk API 2.0 ingest jobs; after each batch the snapshot records what
//      Salesforce accepted (only then is a row "sent") and the execution records what it refused;
//   4. mirror: records this sync created whose key left the model are deleted.
// REQUEST_LIMIT_EXCEEDED (or any request-level failure) stops the run; batches already answered
// stay recorded and the next run sends only what is still pending.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "salesforce/salesforce_client.h"
#include "sfmc/data_extension_rows.h"
#include "sfmc/marketing_cloud_client.h"
#include "sinks/store/customer_store.h"

namespace sfsync {

struct PushRequest {
  bool full = false;       // `--full`: resend every row
  bool dry_run = false;    // count and show; send nothing, record nothing
  size_t samples = 3;      // dry run: payloads shown per operation
  std::string store_path;  // the customer store's SQLite file (snapshot tables, "store" models)
  std::string store_postgres_url;  // set: the store is PostgreSQL (snapshot tables there instead)
  const std::atomic<bool>* cancel = nullptr;
  AsyncWait wait;  // Data Extension pushes: how the run polls an async request (tests shorten it)
};

struct PushSample {
  std::string op;       // "insert" | "update" | "upsert" | "delete"
  std::string key;
  std::string payload;  // record JSON, or the record id for a delete
};

struct PushOutcome {
  int64_t execution_id = 0;  // 0 for a dry run
  ExecutionStatus status = ExecutionStatus::Ok;
  std::string error_code;
  std::string reason;
  ExecutionCounts counts;  // read = model rows, written = rows Salesforce accepted, failed = refused
  int64_t unchanged = 0;
  int64_t changed = 0;     // rows that needed sending (this run's change set)
  int64_t created = 0, updated = 0, deleted = 0;
  bool bulk = false;       // the change set went through Bulk API 2.0
  ApiUsage api;
  double seconds = 0;
  // Dry run: what would be sent.
  int64_t would_insert = 0, would_update = 0, would_delete = 0;
  std::vector<PushSample> samples;
};

// Errors returned (not outcomes) are found before any data call: bad config/input (codes
// "bad_config", "bad_input"), or auth/connection failures while describing.
Result<PushOutcome> run_push(const Config& config, const SyncConfig& sync, SalesforceClient& client,
                             CustomerStore& store, const PushRequest& request);

// The same run into a Marketing Cloud Data Extension (`destination.data_extension`): rows upserted
// by the DE's primary key through the async rows API, batch_size rows per request (default
// 1,000), each request awaited before the snapshot records its rows. No mirror deletes (the API
// has none). Errors as above; a token without data_extensions_write is Error{"missing_scope"}.
Result<PushOutcome> run_data_extension_push(const Config& config, const SyncConfig& sync,
                                            MarketingCloudClient& client, CustomerStore& store,
                                            const PushRequest& request);

}  // namespace sfsync
