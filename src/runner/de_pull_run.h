// A Data Extension pull run: plan (metadata, config checks) → DataExtensionPageSource → the same
// Mapper, pipeline and store as CRM pulls (run_pages).
//
// State is the store's sync state; its fingerprint names the DE key, the fetch mode and the
// modified field, so a sync pointed at another DE (or another order) starts from scratch.
#pragma once

#include "config/config.h"
#include "runner/pull_run.h"
#include "sfmc/data_extension_api.h"
#include "sinks/store/customer_store.h"
#include "sources/data_extension/de_page_source.h"

namespace sfsync {

struct DataExtensionPlan {
  DataExtensionInfo info;
  DePageQuery query;
  std::string fingerprint;
};

// Reads the DE's metadata and checks the sync against it (columns the mapping uses, the modified
// field of an incremental sync). Errors: "bad_config" naming the sync and the fix, or the
// client's auth / missing_scope / network errors. Nothing is written.
Result<DataExtensionPlan> plan_data_extension_pull(MarketingCloudClient& client, const SyncConfig& sync);

Result<PullOutcome> run_data_extension_pull(const SyncConfig& sync, MarketingCloudClient& client,
                                            CustomerStore& store, const PullRequest& request);

}  // namespace sfsync
