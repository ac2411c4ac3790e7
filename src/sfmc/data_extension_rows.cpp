#include "sfmc/data_extension_rows.h"

#include <simdjson.h>

#include <algorithm>
#include <optional>
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

// One status poll: nullopt while the request is Pending, else whether it has errors.
Result<std::optional<bool>> poll_status(MarketingCloudClient& client, const std::string& id) {
  auto response = client.get("/data/v1/async/" + url_encode(id) + "/status");
  if (!response) return response.error();
  simdjson::dom::parser parser;
  auto doc = parse_object(parser, *response, "status");
  if (!doc) return doc.error();
  simdjson::dom::element status;
  if ((*doc)["status"].get(status)) return make_error("bad_response", "the async status has no \"status\" object");
  std::string state = text_of(status, "requestStatus");
  if (state == "Pending" || state.empty()) return std::optional<bool>();
  bool has_errors = false;
  if (status["hasErrors"].get(has_errors)) has_errors = text_of(status, "resultStatus") != "OK";
  if (state == "Error" && !has_errors)
    return make_error("async_failed", "Marketing Cloud could not process async request " + id + " (" +
                                          text_of(status, "resultStatus") + ")");
  return std::optional<bool>(has_errors);
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

Result<std::string> submit_upsert(MarketingCloudClient& client, const std::string& key,
                                  const std::vector<std::string>& items) {
  auto accepted = client.put_json("/data/v1/async/dataextensions/key:" + url_encode(key) + "/rows", items_body(items));
  if (!accepted) return accepted.error();
  simdjson::dom::parser parser;
  auto doc = parse_object(parser, *accepted, "reply to an async upsert");
  if (!doc) return doc.error();
  std::string id = text_of(*doc, "requestId");
  if (id.empty()) return make_error("bad_response", "the async upsert reply has no requestId");
  return id;
}

Result<std::vector<AsyncRowsOutcome>> await_requests(MarketingCloudClient& client,
                                                     const std::vector<std::string>& request_ids,
                                                     const AsyncWait& wait) {
  std::vector<AsyncRowsOutcome> out(request_ids.size());
  std::vector<std::optional<bool>> done(request_ids.size());
  size_t pending = request_ids.size();
  int waited = 0;
  for (int pause = wait.first_poll_ms; pending > 0; pause = std::min(pause * 2, wait.max_poll_ms)) {
    if (waited >= wait.timeout_ms)
      return make_error("timeout", "Marketing Cloud has not processed " + std::to_string(pending) +
                                       " async request(s) after " + std::to_string(waited / 1000) + " s");
    if (wait.sleeper) wait.sleeper(pause);
    else std::this_thread::sleep_for(std::chrono::milliseconds(pause));
    waited += pause;
    for (size_t i = 0; i < request_ids.size(); ++i) {
      if (done[i]) continue;
      auto state = poll_status(client, request_ids[i]);
      if (!state) return state.error();
      if (!*state) continue;
      done[i] = *state;
      --pending;
    }
  }
  for (size_t i = 0; i < request_ids.size(); ++i) {
    out[i].request_id = request_ids[i];
    if (!*done[i]) continue;
    if (auto r = read_errors(client, request_ids[i], out[i]); !r) return r.error();
    if (out[i].error_count == 0) out[i].error_count = std::max<int64_t>(1, int64_t(out[i].messages.size()));
  }
  return out;
}

Result<AsyncRowsOutcome> upsert_rows(MarketingCloudClient& client, const std::string& key,
                                     const std::vector<std::string>& items, const AsyncWait& wait) {
  auto id = submit_upsert(client, key, items);
  if (!id) return id.error();
  auto outcomes = await_requests(client, {*id}, wait);
  if (!outcomes) return outcomes.error();
  return std::move(outcomes->front());
}

}  // namespace sfsync
