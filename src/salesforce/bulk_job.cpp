#include "salesforce/bulk_job.h"

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace sfsync {

Result<std::string> bulk_string_member(const std::string& body, const char* name) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view v;
  if (parser.parse(body).get(doc) || doc[name].get(v))
    return make_error("bad_response", std::string("Bulk API answer without ") + name + ": " + body.substr(0, 200));
  return std::string(v);
}

Result<std::string> wait_for_bulk_job(SalesforceClient& client, const std::string& job_path, const BulkPolling& polling,
                                      const std::string& what) {
  int delay = polling.initial_ms;
  int64_t waited = 0;  // the sum of the waits: the calls themselves are quick beside them
  for (;;) {
    auto status = client.get(job_path);
    if (!status) return status.error();
    auto state = bulk_string_member(status->body, "state");
    if (!state) return state.error();
    if (*state == "JobComplete") return status->body;
    if (*state == "Failed" || *state == "Aborted") {
      auto why = bulk_string_member(status->body, "errorMessage");
      return make_error("bulk_job_failed", what + " " + *state + (why ? ": " + *why : std::string()));
    }
    if (polling.timeout_ms > 0 && waited >= polling.timeout_ms)
      return make_error("bulk_timeout", what + " still " + *state + " after " + std::to_string(waited / 1000) + " s");
    if (polling.sleep) polling.sleep(delay);
    else std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    waited += delay;
    delay = std::min(delay * 2, polling.max_ms);
  }
}

}  // namespace sfsync
