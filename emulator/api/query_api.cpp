// REST query surface: GET /query?q=, GET /queryAll?q=, and queryMore through nextRecordsUrl
// (GET /query/<locator>-<offset>, the same form for queryAll cursors).
//
// A query compiles to SQL, opens a QueryCursor on its own snapshot and renders the first page;
// when rows remain the cursor is registered under a locator and nextRecordsUrl points at the next
// offset. The last page has no nextRecordsUrl; totalSize is repeated on every page.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <memory>
#include <string>

#include "common/json_writer.h"
#include "common/time_util.h"
#include "emulator/api/apis.h"
#include "emulator/query/cursor_registry.h"
#include "emulator/query/query_cursor.h"
#include "emulator/server/errors.h"
#include "emulator/soql/compiler.h"

namespace emu {
namespace {

constexpr int64_t kDefaultBatchSize = 2000;
constexpr int64_t kMinBatchSize = 200;
constexpr int64_t kMaxBatchSize = 2000;

// Sforce-Query-Options: batchSize=N. Salesforce treats it as a hint within 200..2,000, so values
// outside are clamped; an unreadable header is ignored.
int64_t batch_size(const httplib::Request& req, int64_t fallback) {
  std::string options = req.get_header_value("Sforce-Query-Options");
  size_t at = options.find("batchSize=");
  if (at == std::string::npos) return fallback;
  const char* begin = options.data() + at + 10;
  int64_t n = 0;
  auto r = std::from_chars(begin, options.data() + options.size(), n);
  if (r.ec != std::errc()) return fallback;
  return std::clamp(n, kMinBatchSize, kMaxBatchSize);
}

void invalid_locator(httplib::Response& res) {
  sf_error(res, 400, "INVALID_QUERY_LOCATOR", "invalid query locator");
}

class QueryService {
 public:
  explicit QueryService(ApiContext& ctx) : ctx_(ctx) {}

  void run(const httplib::Request& req, httplib::Response& res, const RequestInfo& info, bool include_deleted) {
    std::string soql = req.get_param_value("q");
    if (soql.empty()) {
      sf_error(res, 400, "MALFORMED_QUERY", "A query string has to be specified");
      return;
    }
    auto compiled = soql::compile_soql(soql, ctx_.catalog, {include_deleted, sfsync::now_ms()});
    if (!compiled.ok()) {
      sf_error(res, 400, compiled.error().code, compiled.error().message);
      return;
    }
    auto opened = query::QueryCursor::open(*ctx_.store, std::move(compiled.value()));
    if (!opened.ok()) {
      sf_error(res, 500, "UNKNOWN_EXCEPTION", opened.error().message);
      return;
    }
    std::shared_ptr<query::QueryCursor> cursor = std::move(opened.value());
    switch (cursor->compiled().shape) {
      case soql::QueryShape::CountAll: return json_body(res, 200, count_body(cursor->total_size()));
      case soql::QueryShape::CountField: return json_body(res, 200, aggregate_body(cursor->aggregate_count()));
      case soql::QueryShape::Records: break;
    }
    if (int64_t over = ctx_.faults->options().query_timeout_over_rows; over > 0 && cursor->total_size() > over) {
      sf_error(res, 400, "QUERY_TIMEOUT", "Your query request was running for too long.");
      return;
    }
    std::lock_guard lock(cursor->mutex());
    std::string locator;
    int64_t batch = batch_size(req, kDefaultBatchSize);
    cursor->set_batch_size(batch);
    if (cursor->total_size() > batch) locator = registry_.add(info.token.user_id, cursor);
    json_body(res, 200, page(*cursor, locator, 0, batch, info.api_version));
  }

  void more(const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
    std::string path_part = req.matches[2];
    size_t dash = path_part.rfind('-');
    int64_t offset = -1;
    if (dash != std::string::npos) {
      auto r = std::from_chars(path_part.data() + dash + 1, path_part.data() + path_part.size(), offset);
      if (r.ec != std::errc() || r.ptr != path_part.data() + path_part.size()) offset = -1;
    }
    if (offset < 0) return invalid_locator(res);
    std::string locator = path_part.substr(0, dash);
    if (ctx_.faults && ctx_.faults->next_locator_invalid()) {
      registry_.remove(locator);
      return invalid_locator(res);
    }
    std::shared_ptr<query::QueryCursor> cursor = registry_.find(locator);
    if (!cursor || offset > cursor->total_size()) return invalid_locator(res);
    std::lock_guard lock(cursor->mutex());
    json_body(res, 200, page(*cursor, locator, offset, batch_size(req, cursor->batch_size()), info.api_version));
  }

  void reset() { registry_.clear(); }

 private:
  // {"totalSize":N,"done":bool,["nextRecordsUrl":...,]"records":[...]}
  std::string page(query::QueryCursor& cursor, const std::string& locator, int64_t offset, int64_t batch,
                   const std::string& api_version) {
    int64_t total = cursor.total_size();
    int64_t count = std::min(batch, std::max<int64_t>(0, total - offset));
    bool done = offset + count >= total;
    std::string body;
    body.reserve(static_cast<size_t>(count) * last_record_bytes_.load(std::memory_order_relaxed) + 256);
    body.append("{\"totalSize\":");
    body.append(std::to_string(total));
    body.append(done ? ",\"done\":true" : ",\"done\":false");
    if (!done) {
      body.append(",\"nextRecordsUrl\":\"/services/data/v");
      body.append(api_version);
      body.append("/query/");
      body.append(locator);
      body.push_back('-');
      body.append(std::to_string(offset + count));
      body.push_back('"');
    }
    body.append(",\"records\":");
    size_t records_start = body.size();
    int64_t written = cursor.append_records(offset, count, api_version, body);
    body.push_back('}');
    if (written > 0) {
      last_record_bytes_.store((body.size() - records_start) / static_cast<size_t>(written) + 16,
                               std::memory_order_relaxed);
    }
    if (done) cursor.set_finished();
    return body;
  }

  static std::string count_body(int64_t total) {
    std::string out;
    sfsync::JsonWriter w(out);
    w.begin_object().member("totalSize", total).member("done", true).key("records").begin_array().end_array().end_object();
    return out;
  }

  static std::string aggregate_body(int64_t value) {
    std::string out;
    sfsync::JsonWriter w(out);
    w.begin_object().member("totalSize", int64_t{1}).member("done", true).key("records").begin_array();
    w.begin_object().key("attributes").begin_object().member("type", "AggregateResult").end_object();
    w.member("expr0", value).end_object();
    w.end_array().end_object();
    return out;
  }

  ApiContext& ctx_;
  query::CursorRegistry registry_;
  std::atomic<size_t> last_record_bytes_{512};  // reservation hint from the previous page
};

}  // namespace

void register_query_api(Router& router, ApiContext& ctx) {
  auto service = std::make_shared<QueryService>(ctx);
  ctx.on_reset([service] { service->reset(); });
  router.data(Method::Get, "/query/?", "query",
              [service](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                service->run(req, res, info, false);
              });
  router.data(Method::Get, "/queryAll/?", "queryAll",
              [service](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                service->run(req, res, info, true);
              });
  router.data(Method::Get, "/query(?:All)?/([^/]+)/?", "queryMore",
              [service](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                service->more(req, res, info);
              });
}

}  // namespace emu
