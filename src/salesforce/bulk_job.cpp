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
    if (polling.sleep) polling.sleep(delay);
    else std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    delay = std::min(delay * 2, polling.max_ms);
  }
}

}  // namespace sfsync
