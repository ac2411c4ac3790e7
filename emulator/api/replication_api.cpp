#include <sqlite3.h>

#include <algorithm>

#include "common/json_writer.h"
#include "common/time_util.h"
#include "emulator/api/replication.h"
#include "emulator/api/write_support.h"
#include "emulator/server/errors.h"

namespace emu {
namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kMaxIds = 600'000;

int64_t floor_minute(int64_t ms) { return ms - ((ms % kMinuteMs) + kMinuteMs) % kMinuteMs; }

struct Window {
  int64_t start = 0;   // inclusive, minute-truncated
  int64_t end = 0;     // exclusive: latestDateCovered, never later than now
};

void replication_error(httplib::Response& res, const std::string& message) {
  sf_error(res, 400, "INVALID_REPLICATION_DATE", message);
}

// Reads ?start=&end=. An unencoded "+" in an offset arrives as a space; read it back as "+".
std::optional<int64_t> read_date_param(const httplib::Request& req, const char* name) {
  std::string text = query_param(req, name);
  std::replace(text.begin(), text.end(), ' ', '+');
  auto ms = sfsync::parse_iso_datetime(text, /*allow_no_zone=*/true);
  if (!ms) return std::nullopt;
  return floor_minute(*ms);
}

std::optional<Window> read_window(const httplib::Request& req, httplib::Response& res, int max_days_back,
                                  int64_t now) {
  auto start = read_date_param(req, "start");
  auto end = read_date_param(req, "end");
  if (!start || !end) {
    replication_error(res, std::string("Invalid date/time for ") + (!start ? "start" : "end") + ": '" +
                               query_param(req, !start ? "start" : "end") + "'");
    return std::nullopt;
  }
  if (*start >= *end) {
    replication_error(res, "startDate must chronologically precede endDate");
    return std::nullopt;
  }
  if (*start < floor_minute(now - max_days_back * kDayMs)) {
    replication_error(res, "startDate cannot be more than " + std::to_string(max_days_back) + " days ago");
    return std::nullopt;
  }
  return Window{*start, std::min(*end, floor_minute(now))};
}

// A long transaction still running holds latestDateCovered (and the window) at its start.
void hold_at_open_transaction(ApiContext& ctx, Window& w) {
  int64_t since = ctx.faults->options().long_transaction_since_ms;
  if (since > 0) w.end = std::max(w.start, std::min(w.end, floor_minute(since)));
}

struct ChangedRow {
  std::string id;
  int64_t stamp;
};

// At most kMaxIds + 1 rows of `sql` (binding start, end, limit after `object`), oldest first.
sfsync::Result<std::vector<ChangedRow>> window_rows(ApiContext& ctx, const std::string& sql, const std::string& object,
                                                    const Window& w) {
  auto snap = ctx.store->snapshot();
  if (!snap.ok()) return snap.error();
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(snap.value()->db(), sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    return sfsync::make_error("UNKNOWN_EXCEPTION", sqlite3_errmsg(snap.value()->db()));
  int i = 1;
  if (!object.empty()) sqlite3_bind_text(stmt, i++, object.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(stmt, i++, w.start);
  sqlite3_bind_int64(stmt, i++, w.end);
  sqlite3_bind_int64(stmt, i, kMaxIds + 1);
  std::vector<ChangedRow> rows;
  while (sqlite3_step(stmt) == SQLITE_ROW)
    rows.push_back({reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), sqlite3_column_int64(stmt, 1)});
  sqlite3_finalize(stmt);
  return rows;
}

// getUpdated: live rows stamped in the window. getDeleted: the delete log's entries in the window
// (records purged since, by emptyRecycleBin or a hard delete, included).
sfsync::Result<std::vector<ChangedRow>> changed_rows(ApiContext& ctx, const ObjectSchema& object, Window w,
                                                     bool deleted) {
  if (!deleted)
    return window_rows(ctx,
                       "SELECT \"Id\", \"SystemModstamp\" FROM " + object.table() +
                           " WHERE \"IsDeleted\" = 0 AND \"SystemModstamp\" >= ? AND \"SystemModstamp\" < ?"
                           " ORDER BY \"SystemModstamp\", \"Id\" LIMIT ?",
                       "", w);
  return window_rows(ctx,
                     "SELECT id, MAX(deleted_ms) FROM delete_log WHERE object = ? AND deleted_ms >= ? AND "
                     "deleted_ms < ? GROUP BY id ORDER BY 2, 1 LIMIT ?",
                     object.name, w);
}

// The shared part of both handlers: object, window, rows; false when an error was sent.
bool load(ApiContext& ctx, const httplib::Request& req, httplib::Response& res, int days_back, bool deleted,
          Window& window, std::vector<ChangedRow>& rows) {
  const ObjectSchema* object = find_object_or_404(ctx, req.matches[2].str(), res);
  if (!object) return false;
  auto w = read_window(req, res, days_back, sfsync::now_ms());
  if (!w) return false;
  window = *w;
  hold_at_open_transaction(ctx, window);
  auto found = changed_rows(ctx, *object, window, deleted);
  if (!found.ok()) {
    sf_error(res, 500, "UNKNOWN_EXCEPTION", found.error().message);
    return false;
  }
  rows = std::move(found.value());
  if (static_cast<int64_t>(rows.size()) > kMaxIds) {
    sf_error(res, 400, "EXCEEDED_ID_LIMIT",
             "ID limit exceeded: more than 600000 ids; choose start and end dates closer together");
    return false;
  }
  return true;
}

void get_updated(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Window window;
  std::vector<ChangedRow> rows;
  if (!load(ctx, req, res, 30, /*deleted=*/false, window, rows)) return;
  std::string body;
  sfsync::JsonWriter w(body);
  w.begin_object().key("ids").begin_array();
  for (const auto& r : rows) w.value(r.id);
  w.end_array().member("latestDateCovered", sfsync::format_sf_datetime(window.end)).end_object();
  json_body(res, 200, std::move(body));
}

void get_deleted(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Window window;
  std::vector<ChangedRow> rows;
  // A log trimmed after the window's start cannot say what was deleted before the trim: Salesforce
  // refuses the call ("perform a full pull of the table").
  int64_t trimmed = ctx.faults->options().delete_log_trimmed_before_ms;
  if (auto start = read_date_param(req, "start"); start && *start < trimmed)
    return replication_error(res, "the delete log was purged up to " + sfsync::format_sf_datetime(trimmed) +
                                      ", after startDate: replicate the whole object again");
  if (!load(ctx, req, res, 15, /*deleted=*/true, window, rows)) return;
  // The log reaches back the 15 days getDeleted allows, unless it was trimmed early.
  int64_t earliest = std::max(floor_minute(sfsync::now_ms() - 15 * kDayMs), trimmed);
  std::string body;
  sfsync::JsonWriter w(body);
  w.begin_object().key("deletedRecords").begin_array();
  for (const auto& r : rows)
    w.begin_object().member("id", r.id).member("deletedDate", sfsync::format_sf_datetime(r.stamp)).end_object();
  w.end_array();
  w.member("earliestDateAvailable", sfsync::format_sf_datetime(earliest));
  w.member("latestDateCovered", sfsync::format_sf_datetime(window.end));
  w.end_object();
  json_body(res, 200, std::move(body));
}

}  // namespace

void register_replication_routes(Router& router, ApiContext& ctx) {
  const std::vector<Method> others = {Method::Post, Method::Put, Method::Patch, Method::Delete};
  router.data(Method::Get, "/sobjects/([^/]+)/updated/?", "getUpdated",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                get_updated(ctx, req, res);
              });
  register_not_allowed(router, "/sobjects/([^/]+)/updated/?", others, "HEAD,GET");
  router.data(Method::Get, "/sobjects/([^/]+)/deleted/?", "getDeleted",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                get_deleted(ctx, req, res);
              });
  register_not_allowed(router, "/sobjects/([^/]+)/deleted/?", others, "HEAD,GET");
}

}  // namespace emu
