// AsyncRowRequests: the Data Extension async rows API (reference §8.3, "Data Extensions Async API").
//
//   POST /data/v1/async/dataextensions/key:{key}/rows   insert   {"items":[{"Field":"value",..}]}
//   PUT  same path                                       upsert (by the DE's primary key)
//     -> 202 {"requestId":"<guid>","resultMessages":[]}
//   GET  /data/v1/async/{requestId}/status   {"status":{callDateTime, completionDateTime, hasErrors,
//        pickupDateTime, requestStatus: Pending|Complete, resultStatus: OK|Error, requestId}, "requestId"}
//   GET  /data/v1/async/{requestId}/results?$page&$pageSize
//        {"page","pageSize","count","items":[{"errorCode","message","status":"Error"}]}
//
// The platform queues a request and processes it later, so a client must poll. Here a request is
// processed the second time anyone asks about it: its first status answer is always Pending. Each
// row is written on its own (DataExtensionStore::write_row); a row that fails adds one error item
// and the others still land. As in the documented example, an error item does not say which row
// it was: a client that needs per-row outcomes must split the batch.
// Not documented, chosen here: an unknown requestId is 404 (errorcode 10000); requests are kept
// for the emulator's lifetime up to kMaxKept (the oldest are forgotten first).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "emulator/sfmc/data_extension_store.h"

namespace emu {

struct AsyncRowError {
  std::string error_code;
  std::string message;
};

struct AsyncRowRequest {
  std::string id;
  std::string de_key;
  DataExtensionStore::WriteMode mode = DataExtensionStore::WriteMode::Upsert;
  std::vector<DeRowValues> rows;  // emptied once processed
  int64_t call_ms = 0, pickup_ms = 0, completion_ms = 0;
  bool processed = false;
  int looks = 0;  // status/results calls so far
  std::vector<AsyncRowError> errors;
};

class AsyncRowRequests {
 public:
  static constexpr size_t kMaxKept = 10000;

  // Queues the rows; returns the request id.
  std::string submit(std::string de_key, DataExtensionStore::WriteMode mode, std::vector<DeRowValues> rows,
                     int64_t now_ms);
  // The request after this look (processing it against `store` on its second look); nullopt when unknown.
  std::optional<AsyncRowRequest> look(const std::string& id, DataExtensionStore& store, int64_t now_ms);
  void clear();

 private:
  std::mutex mu_;
  std::deque<std::shared_ptr<AsyncRowRequest>> requests_;
  uint64_t next_ = 0;
};

// {"items":[{..}]} -> rows (values as text; numbers and booleans as written, null as "").
sfsync::Result<std::vector<DeRowValues>> parse_async_items(const std::string& body);

std::string render_async_accepted(const std::string& request_id);
std::string render_async_status(const AsyncRowRequest& request, const std::string& call_id);
std::string render_async_results(const AsyncRowRequest& request, int64_t page, int64_t page_size);

}  // namespace emu
