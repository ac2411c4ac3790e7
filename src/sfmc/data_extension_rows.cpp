#include "sfmc/data_extension_rows.h"

#include <simdjson.h>

#include <algorithm>
#include <thread>

namespace sfsync {

namespace {

constexpr int64_t kResultsPageSize = 50;
constexpr size_t kMaxMessages = 200;

Result<simdjson::dom::element> parse_object(simdjson::dom::parser& parser, const HttpResponse& response,
                                            const char* what) {
  simdjson::dom::element doc;
  if (parser.parse(response.body).get(doc) || !doc.is_object())
    return make_error("bad_response", std::string("Marketing Cloud sent a ") + what + " that is not a JSON object");
  return doc;
}

std::string text_of(simdjson::dom::element e, const char* key) {
  std::string_view v;
  return e[key].get(v) ? std::string() : std::string(v);
}

// Polls the request's status until it is no longer Pending; true when it has errors.
Result<bool> wait_for(MarketingCloudClient& client, const std::string& id, const AsyncWait& wait) {
  int waited = 0;
  for (int pause = wait.first_poll_ms;; pause = std::min(pause * 2, wait.max_poll_ms)) {
    if (waited >= wait.timeout_ms)
      return make_error("timeout", "Marketing Cloud has not processed async request " + id + " after " +
                                       std::to_string(waited / 1000) + " s");
    if (wait.sleeper) wait.sleeper(pause);
    else std::this_thread::sleep_for(std::chrono::milliseconds(pause));
    waited += pause;
    auto response = client.get("/data/v1/async/" + url_encode(id) + "/status");
    if (!response) return response.error();
    simdjson::dom::parser parser;
    auto doc = parse_object(parser, *response, "status");
    if (!doc) return doc.error();
    simdjson::dom::element status;
    if ((*doc)["status"].get(status)) return make_error("bad_response", "the async status has no \"status\" object");
    std::string state = text_of(status, "requestStatus");
    if (state == "Pending" || state.empty()) continue;
    bool has_errors = false;
    if (status["hasErrors"].get(has_errors)) has_errors = text_of(status, "resultStatus") != "OK";
    if (state == "Error" && !has_errors)
      return make_error("async_failed", "Marketing Cloud could not process async request " + id + " (" +
                                            text_of(status, "resultStatus") + ")");
    return has_errors;
  }
}

Result<void> read_errors(MarketingCloudClient& client, const std::string& id, AsyncRowsOutcome& out) {
  for (int64_t page = 1;; ++page) {
    auto response = client.get("/data/v1/async/" + url_encode(id) + "/results?$page=" + std::to_string(page) +
                               "&$pageSize=" + std::to_string(kResultsPageSize));
    if (!response) return response.error();
    simdjson::dom::parser parser;
    auto doc = parse_object(parser, *response, "results page");
    if (!doc) return doc.error();
    int64_t count = 0;
    if (!(*doc)["count"].get(count)) out.error_count = count;
    simdjson::dom::array items;
    if ((*doc)["items"].get(items) || items.size() == 0) return {};
    for (auto item : items) {
      if (out.messages.size() >= kMaxMessages) return {};
      std::string code = text_of(item, "errorCode"), message = text_of(item, "message");
      out.messages.push_back(code.empty() ? message : code + ": " + message);
    }
    if (page * kResultsPageSize >= count) return {};
  }
}

std::string items_body(const std::vector<std::string>& items) {
  size_t size = 12;
  for (const auto& i : items) size += i.size() + 1;
  std::string body;
  body.reserve(size);
  body += "{\"items\":[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) body += ',';
    body += items[i];
  }
  body += "]}";
  return body;
}

}  // namespace

Result<AsyncRowsOutcome> upsert_rows(MarketingCloudClient& client, const std::string& key,
                                     const std::vector<std::string>& items, const AsyncWait& wait) {
  auto accepted = client.put_json("/data/v1/async/dataextensions/key:" + url_encode(key) + "/rows", items_body(items));
  if (!accepted) return accepted.error();
  simdjson::dom::parser parser;
  auto doc = parse_object(parser, *accepted, "reply to an async upsert");
  if (!doc) return doc.error();
  AsyncRowsOutcome out;
  out.request_id = text_of(*doc, "requestId");
  if (out.request_id.empty()) return make_error("bad_response", "the async upsert reply has no requestId");
  auto has_errors = wait_for(client, out.request_id, wait);
  if (!has_errors) return has_errors.error();
  if (!*has_errors) return out;
  if (auto r = read_errors(client, out.request_id, out); !r) return r.error();
  if (out.error_count == 0) out.error_count = std::max<int64_t>(1, int64_t(out.messages.size()));
  return out;
}

}  // namespace sfsync
