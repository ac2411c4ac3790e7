// Writing rows into a Data Extension through the async rows API (reference §8.3):
//   PUT /data/v1/async/dataextensions/key:{key}/rows {"items":[..]} -> 202 {"requestId"}
//   GET /data/v1/async/{requestId}/status until requestStatus is no longer Pending
//   GET /data/v1/async/{requestId}/results when hasErrors (one item per refused row)
// The platform processes a request later, so upsert_rows() waits for it, polling with a backoff.
// An error item does not name its row; callers that need per-row outcomes split the batch
// (DataExtensionWriter does).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "sfmc/marketing_cloud_client.h"

namespace sfsync {

struct AsyncWait {
  int first_poll_ms = 50;      // the first status call comes this long after the submit
  int max_poll_ms = 2000;      // the backoff doubles up to this
  int timeout_ms = 600000;     // still Pending then: Error{"timeout"} (the rows may land later; upserts are resent next run)
  std::function<void(int ms)> sleeper;  // tests; default: sleeps
};

struct AsyncRowsOutcome {
  std::string request_id;
  int64_t error_count = 0;            // refused rows
  std::vector<std::string> messages;  // their messages (at most the first 200)
};

// Upserts `items` (JSON objects, field name -> value) into the DE with this CustomerKey and waits
// until the platform has processed them. Error when the request as a whole fails or times out.
Result<AsyncRowsOutcome> upsert_rows(MarketingCloudClient& client, const std::string& key,
                                     const std::vector<std::string>& items, const AsyncWait& wait);

// The same in two steps, so that several requests can be in flight: submit each, then await them
// together (one status poll per pending request per round, the rounds spaced as `wait` says).
Result<std::string> submit_upsert(MarketingCloudClient& client, const std::string& key,
                                  const std::vector<std::string>& items);
// Outcomes in the order of `request_ids`.
Result<std::vector<AsyncRowsOutcome>> await_requests(MarketingCloudClient& client,
                                                     const std::vector<std::string>& request_ids,
                                                     const AsyncWait& wait);

}  // namespace sfsync
