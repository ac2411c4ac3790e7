// DataExtensionWriter: pushed rows upserted into a Data Extension, with an exact outcome per row.
//
// A write() is cut into requests of `rows_per_request`; they are all submitted, then awaited
// together (the platform works on them at once, and one round of status polls covers them all).
//
// The async rows API counts and describes refused rows but does not say which rows they were.
// When a request has some refused rows, the writer sends each half of it again, and so on until
// every refused row is alone in its request: rows that landed are upserted again with the same
// values (an upsert changes nothing the second time), so splitting is safe, and it costs about
// 2·k·log2(n/k) requests for k bad rows in n. Plan checks (de_push_plan.h) keep k small: what is
// left are values the DE refuses (too long, not a number, not an email).
// When every row of a request is refused there is nothing to tell apart: all fail, with the
// request's messages.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "sfmc/data_extension_rows.h"
#include "sinks/salesforce/write_result.h"

namespace sfsync {

class DataExtensionWriter {
 public:
  DataExtensionWriter(MarketingCloudClient& client, std::string key, size_t rows_per_request, AsyncWait wait = {})
      : client_(client), key_(std::move(key)), rows_per_request_(rows_per_request ? rows_per_request : 1),
        wait_(std::move(wait)) {}

  // `items`: one JSON object per row (field name -> value). One result per item, in order; a
  // failure of a request as a whole (auth, limits, a timeout) is the Error.
  Result<std::vector<WriteResult>> write(const std::vector<std::string>& items);

 private:
  Result<void> write_range(const std::vector<std::string>& items, size_t begin, size_t end,
                           std::vector<WriteResult>& out);
  // Records one request's outcome for rows [begin, end); splits it when only some were refused.
  Result<void> settle(const AsyncRowsOutcome& outcome, const std::vector<std::string>& items, size_t begin,
                      size_t end, std::vector<WriteResult>& out);

  MarketingCloudClient& client_;
  std::string key_;
  size_t rows_per_request_;
  AsyncWait wait_;
};

}  // namespace sfsync
