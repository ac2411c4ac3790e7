// PushSnapshot: what each push sync last sent, per model key — the basis of change detection.
//
// Kept in the customer store — its SQLite file, or its PostgreSQL database — in tables of its own
// (the store's schema is not touched):
//   push_snapshot(sync, key, hash, sf_id, created, outcome, seen_run)
//     hash     = hash of the mapped row Salesforce accepted; "" while the row is pending (never
//                sent, or its last attempt failed), so a failed row is retried next run;
//     created  = 1 when this sync created the record (mirror deletes only those);
//     seen_run = the last run whose model held the key (mirror: keys not seen left the model).
//   push_spool(seq, key, hash, sf_id, body): this run's changed rows, between the diff pass and
//     the send pass, so the run knows the change-set size (Collections or Bulk) without holding
//     the rows in memory. A key the model repeats keeps its last row. Emptied at the start and
//     end of every run.
// A row is marked sent only after Salesforce reported success for it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace sfsync {
namespace store { class StoreDb; }

struct SnapshotEntry {
  std::string hash;
  std::string sf_id;
  bool created = false;
};

struct SpooledRow {
  int64_t seq = 0;
  std::string key;
  std::string hash;
  std::string sf_id;  // known from an earlier run ("" when none)
  std::string body;   // the mapped row, serialized by the runner
};

struct SentOutcome {
  std::string key;
  std::string hash;   // "" when it failed
  std::string sf_id;
  bool created = false;
  std::string outcome;  // "created", "updated", "deleted" or the error code
};

class PushSnapshot {
 public:
  // In the PostgreSQL store at `postgres_url` when it is set, else in the SQLite file.
  static Result<std::unique_ptr<PushSnapshot>> open(const std::string& sqlite_path, const std::string& postgres_url,
                                                    std::string sync);
  ~PushSnapshot();

  // All methods throw nothing; database failures become Error{"sqlite"} / Error{"postgres"}.
  Result<std::optional<SnapshotEntry>> find(const std::string& key);
  // Buffered in one transaction per flush(): the diff pass calls these for every row.
  Result<void> spool(const SpooledRow& row);
  Result<void> mark_seen(const std::string& key, int64_t run);
  Result<void> flush();
  Result<int64_t> spooled_count();
  // Spooled rows with seq > after, in order, at most `limit`.
  Result<std::vector<SpooledRow>> spooled(int64_t after, size_t limit);
  Result<void> clear_spool();
  // Records the results of one batch of `run` in one transaction (the keys count as seen by it).
  Result<void> record(const std::vector<SentOutcome>& outcomes, int64_t run);
  // Records this sync created that were not seen by `run` (mirror): key → sf_id.
  Result<std::vector<std::pair<std::string, std::string>>> created_not_seen(int64_t run, size_t limit,
                                                                            const std::string& after_key);
  Result<void> forget(const std::vector<std::string>& keys);
  Result<int64_t> size();

 private:
  PushSnapshot(std::unique_ptr<store::StoreDb> db, std::string sync);
  Result<void> guarded(const std::function<void()>& body);
  void begin_if_needed();

  std::unique_ptr<store::StoreDb> db_;
  std::string sync_;
  bool in_transaction_ = false;
};

}  // namespace sfsync
