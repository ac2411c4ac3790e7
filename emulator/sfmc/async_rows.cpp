#include "emulator/sfmc/async_rows.h"

#include <simdjson.h>

#include "common/json_writer.h"
#include "emulator/auth/crypto_util.h"
#include "emulator/sfmc/rowset_response.h"

namespace emu {
namespace {

using sfsync::JsonWriter;

void process(AsyncRowRequest& r, DataExtensionStore& store, int64_t now_ms) {
  r.pickup_ms = now_ms;
  for (const auto& row : r.rows) {
    auto written = store.write_row(r.de_key, row, r.mode);
    if (!written) r.errors.push_back({"UnexpectedError", written.error().message});
  }
  r.rows.clear();
  r.rows.shrink_to_fit();
  r.completion_ms = now_ms;
  r.processed = true;
}

}  // namespace

std::string AsyncRowRequests::submit(std::string de_key, DataExtensionStore::WriteMode mode,
                                     std::vector<DeRowValues> rows, int64_t now_ms) {
  auto r = std::make_shared<AsyncRowRequest>();
  r->de_key = std::move(de_key);
  r->mode = mode;
  r->rows = std::move(rows);
  r->call_ms = now_ms;
  std::lock_guard lock(mu_);
  r->id = stable_uuid("async-rows:" + std::to_string(now_ms) + ":" + std::to_string(next_++));
  requests_.push_back(r);
  while (requests_.size() > kMaxKept) requests_.pop_front();
  return r->id;
}

std::optional<AsyncRowRequest> AsyncRowRequests::look(const std::string& id, DataExtensionStore& store,
                                                      int64_t now_ms) {
  std::lock_guard lock(mu_);  // held while processing: a request is processed once
  for (auto& r : requests_) {
    if (r->id != id) continue;
    if (++r->looks > 1 && !r->processed) process(*r, store, now_ms);
    return *r;
  }
  return std::nullopt;
}

void AsyncRowRequests::clear() {
  std::lock_guard lock(mu_);
  requests_.clear();
}

sfsync::Result<std::vector<DeRowValues>> parse_async_items(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array items;
  if (parser.parse(body).get(doc) || (doc.is_object() ? doc["items"].get(items) : doc.get(items))) {
    return sfsync::make_error("bad_request", "body must be {\"items\":[{...}]}");
  }
  std::vector<DeRowValues> rows;
  for (auto item : items) {
    simdjson::dom::object object;
    if (item.get(object)) return sfsync::make_error("bad_request", "each item must be an object");
    DeRowValues row;
    for (auto [name, value] : object) {
      std::string text = value.is_string() ? std::string(value.get_string().value())
                         : value.is_null() ? std::string()
                                           : simdjson::minify(value);
      row.emplace_back(std::string(name), std::move(text));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string render_async_accepted(const std::string& request_id) {
  std::string out;
  JsonWriter(out).begin_object().member("requestId", request_id).key("resultMessages").begin_array().end_array()
      .end_object();
  return out;
}

std::string render_async_status(const AsyncRowRequest& r, const std::string& call_id) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("status").begin_object().member("callDateTime", format_token_expiry(r.call_ms));
  if (r.processed) {
    w.member("completionDateTime", format_token_expiry(r.completion_ms))
        .member("hasErrors", !r.errors.empty())
        .member("pickupDateTime", format_token_expiry(r.pickup_ms))
        .member("requestStatus", "Complete")
        .member("resultStatus", r.errors.empty() ? "OK" : "Error");
  } else {
    w.member("hasErrors", false).member("requestStatus", "Pending").member("resultStatus", "");
  }
  w.member("requestId", r.id).end_object().member("requestId", call_id).end_object();
  return out;
}

std::string render_async_results(const AsyncRowRequest& r, int64_t page, int64_t page_size) {
  std::string out;
  JsonWriter w(out);
  w.begin_object()
      .member("page", page)
      .member("pageSize", page_size)
      .member("count", int64_t(r.errors.size()))
      .key("items")
      .begin_array();
  const size_t first = size_t((page - 1) * page_size);
  for (size_t i = first; i < r.errors.size() && i < first + size_t(page_size); ++i) {
    w.begin_object()
        .member("errorCode", r.errors[i].error_code)
        .member("message", r.errors[i].message)
        .member("status", "Error")
        .end_object();
  }
  w.end_array().end_object();
  return out;
}

}  // namespace emu
