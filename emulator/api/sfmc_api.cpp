// Marketing Cloud surface: auth host (/v2/token, /v2/authorize; emulator/sfmc/sfmc_auth.h) and the
// REST data API for Data Extensions, plus /__admin helpers to change DE rows in tests.
//
// Data API (reference §8.2; every route needs a Marketing Cloud token — Router::sfmc answers 401
// "Not Authorized" otherwise — with the data_extensions_read scope, else 403):
//   GET /data/v1/customobjectdata/key/{key}/rowset?$page&$pageSize&$orderBy&$filter
//   GET /data/v1/customobjectdata/{id}/rowset?...                      (same, DE by ObjectID GUID)
//   GET /data/v1/customobjectdata/token/{requestToken}/rowset?$page=N   (continuation)
//   GET /data/v1/customobjects?$search=text   (list; $search is required, 400 without)
//   GET /data/v1/customobjects/{id}           (definition by ObjectID GUID, with fields)
//   GET /data/v1/customobjects/{id}/fields    (columns: what `sfsync discover` reads)
//   POST|PUT /data/v1/async/dataextensions/key:{key}/rows (or /{id}/rows)   insert | upsert rows,
//            needs data_extensions_write; GET /data/v1/async/{requestId}/status|results
//            (emulator/sfmc/async_rows.h: processed on the second look, per-row error items)
// A client finds a DE's GUID through the list call or the customObjectId of any rowset page.
// $pageSize defaults to 2,500 and larger values are capped at 2,500 (community reports).
//
// Not captured from the real service, chosen and documented here:
//   unknown DE key          404 {"documentation":...,"errorcode":10000,"message":"Data Extension with key 'X' not found"}
//   unknown/expired request token   404, same shape
//   bad $filter/$orderBy/$page      400, same shape, the message names the problem
//   missing data_extensions_read    403 "Insufficient privileges to complete this action."
//   GUID not found 404; an id that is not a GUID 400 "Id is invalid" (observed for keys passed as ids)
//
// Admin (tests only, never the engine):
//   POST   /__admin/sfmc/{key}/rows  {"items":[{"SubscriberKey":"..","FirstName":".."}]}  upsert by
//          primary key; ModifiedDate moves to now unless given. -> {"upserted":N}
//   DELETE /__admin/sfmc/{key}/rows  {"items":[{"SubscriberKey":".."}]} -> {"deleted":N}
#include <simdjson.h>

#include <charconv>
#include <cstdio>
#include <memory>
#include <mutex>

#include "common/json_writer.h"
#include "common/time_util.h"
#include "emulator/api/apis.h"
#include "emulator/auth/request_params.h"
#include "emulator/server/errors.h"
#include "emulator/auth/crypto_util.h"
#include "emulator/sfmc/async_rows.h"
#include "emulator/sfmc/de_setup.h"
#include "emulator/sfmc/rowset_response.h"
#include "emulator/sfmc/rowset_session.h"
#include "emulator/sfmc/sfmc_auth.h"

namespace emu {
namespace {

constexpr int64_t kMaxPageSize = 2500;
constexpr int kGenericErrorCode = 10000;

// The tenant's Data Extensions and open rowset queries; /__admin/reset rebuilds both.
class SfmcTenant {
 public:
  explicit SfmcTenant(const EmulatorOptions& options) : options_(options) { rebuild(); }

  std::shared_ptr<DataExtensionStore> store() const {
    std::lock_guard lock(mu_);
    return store_;
  }

  void rebuild() {
    auto built = build_data_extension_store(options_);
    if (!built) {
      std::fprintf(stderr, "sfsync-emulator: Marketing Cloud data extensions: %s\n", built.error().message.c_str());
      built = DataExtensionStore::open();
    }
    std::shared_ptr<DataExtensionStore> fresh = built ? std::move(*built) : nullptr;
    std::lock_guard lock(mu_);
    store_ = std::move(fresh);
    sessions.clear();
    async_rows.clear();
  }

  RowsetSessions sessions;
  AsyncRowRequests async_rows;

 private:
  const EmulatorOptions& options_;
  mutable std::mutex mu_;
  std::shared_ptr<DataExtensionStore> store_;
};

using Tenant = std::shared_ptr<SfmcTenant>;

void data_error(httplib::Response& res, int status, const std::string& message) {
  sfmc_error(res, status, kGenericErrorCode, message);
}

bool has_scope(httplib::Response& res, const RequestInfo& info, const char* scope) {
  if (scope_contains(info.token.scope, scope)) return true;
  sfmc_error(res, 403, 0, "Insufficient privileges to complete this action.");
  return false;
}

bool has_read_scope(httplib::Response& res, const RequestInfo& info) {
  return has_scope(res, info, "data_extensions_read");
}

// The DE the path names by its key (or its id when `by_id`); answers 404 and returns null when none has it.
const DataExtensionDef* find_data_extension(DataExtensionStore& store, const std::string& ref, bool by_id,
                                            httplib::Response& res) {
  const DataExtensionDef* de = by_id ? store.find_by_id(ref) : store.find(ref);
  if (!de) data_error(res, 404, "Data Extension with " + std::string(by_id ? "id" : "key") + " '" + ref + "' not found");
  return de;
}

// A positive integer query parameter; `fallback` when absent, nullopt when malformed.
std::optional<int64_t> positive_param(const httplib::Request& req, const char* name, int64_t fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

// Runs `query` at `page` and answers with the rowset body.
void serve_page(SfmcTenant& tenant, const RowsetQuery& query, const std::string& token, int64_t page,
                httplib::Response& res) {
  auto store = tenant.store();
  const DataExtensionDef* de = store->find(query.de_key);
  if (!de) return data_error(res, 404, "Data Extension with key '" + query.de_key + "' not found");
  auto where = compile_rowset_filter(query.filter, *de);
  if (!where) return data_error(res, 400, where.error().message);
  auto order = compile_rowset_order(query.order_by, *de);
  if (!order) return data_error(res, 400, order.error().message);
  auto count = store->count(*de, *where);
  auto rows = count ? store->read_page(*de, *where, *order, (page - 1) * query.page_size, query.page_size)
                    : sfsync::Result<std::vector<DeRow>>(count.error());
  if (!rows) return data_error(res, 500, rows.error().message);
  RowsetPage body{de, token, query.expires_ms, page, query.page_size, *count, std::move(*rows)};
  json_body(res, 200, render_rowset_page(body));
}

// First page of a new rowset query on the DE named by the path: its key, or its id when `by_id`.
void rowset_by_key(SfmcTenant& tenant, const httplib::Request& req, httplib::Response& res, const RequestInfo& info,
                   bool by_id = false) {
  if (!has_read_scope(res, info)) return;
  const std::string key = req.matches[1];
  auto store = tenant.store();
  const DataExtensionDef* de = find_data_extension(*store, key, by_id, res);
  if (!de) return;
  auto page = positive_param(req, "$page", 1);
  auto page_size = positive_param(req, "$pageSize", kMaxPageSize);
  if (!page || !page_size) return data_error(res, 400, "$page and $pageSize must be positive integers");
  RowsetQuery query{de->key, req.get_param_value("$filter"), req.get_param_value("$orderBy"),
                    std::min(*page_size, kMaxPageSize), 0};
  // Validate before opening a request token, so a bad query leaves nothing behind.
  if (auto w = compile_rowset_filter(query.filter, *de); !w) return data_error(res, 400, w.error().message);
  if (auto o = compile_rowset_order(query.order_by, *de); !o) return data_error(res, 400, o.error().message);
  const int64_t now = sfsync::now_ms();
  const std::string token = tenant.sessions.open(query, now);
  query.expires_ms = now + RowsetSessions::kLifetimeMs;
  serve_page(tenant, query, token, *page, res);
}

void rowset_by_token(SfmcTenant& tenant, const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
  if (!has_read_scope(res, info)) return;
  const std::string token = req.matches[1];
  auto query = tenant.sessions.find(token, sfsync::now_ms());
  if (!query) return data_error(res, 404, "Request token '" + token + "' not found or expired");
  auto page = positive_param(req, "$page", 1);
  if (!page) return data_error(res, 400, "$page must be a positive integer");
  serve_page(tenant, *query, token, *page, res);
}

bool contains_nocase(const std::string& haystack, const std::string& needle) {
  return to_lower(haystack).find(to_lower(needle)) != std::string::npos;
}

int64_t row_count(DataExtensionStore& store, const DataExtensionDef& de) {
  auto n = store.count(de, {});
  return n ? *n : 0;
}

void list_custom_objects(SfmcTenant& tenant, const httplib::Request& req, httplib::Response& res,
                         const RequestInfo& info) {
  if (!has_read_scope(res, info)) return;
  if (!req.has_param("$search")) return data_error(res, 400, "$search is required");
  auto page = positive_param(req, "$page", 1);
  auto page_size = positive_param(req, "$pageSize", 50);
  if (!page || !page_size) return data_error(res, 400, "$page and $pageSize must be positive integers");
  const std::string search = req.get_param_value("$search");
  auto store = tenant.store();
  std::vector<std::pair<const DataExtensionDef*, int64_t>> matches;
  for (const DataExtensionDef* de : store->list()) {
    if (contains_nocase(de->name, search) || contains_nocase(de->key, search)) {
      matches.emplace_back(de, row_count(*store, *de));
    }
  }
  json_body(res, 200, render_custom_object_list(matches, *page, *page_size));
}

bool looks_like_guid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-') || (!dash && !std::isxdigit(static_cast<unsigned char>(s[i])))) return false;
  }
  return true;
}

void custom_object(SfmcTenant& tenant, const httplib::Request& req, httplib::Response& res, const RequestInfo& info,
                   bool fields_only) {
  if (!has_read_scope(res, info)) return;
  const std::string id = req.matches[1];
  if (!looks_like_guid(id)) return data_error(res, 400, "Id is invalid");
  auto store = tenant.store();
  const DataExtensionDef* de = store->find_by_id(id);
  if (!de) return data_error(res, 404, "Data Extension with id '" + id + "' not found");
  json_body(res, 200,
            fields_only ? render_custom_object_fields(*de) : render_custom_object(*de, row_count(*store, *de), true));
}

// ---- async rows (emulator/sfmc/async_rows.h) ----

void submit_async_rows(SfmcTenant& tenant, const httplib::Request& req, httplib::Response& res,
                       const RequestInfo& info, bool by_id, DataExtensionStore::WriteMode mode) {
  if (!has_scope(res, info, "data_extensions_write")) return;
  auto store = tenant.store();
  const DataExtensionDef* de = find_data_extension(*store, req.matches[1], by_id, res);
  if (!de) return;
  auto rows = parse_async_items(req.body);
  if (!rows) return data_error(res, 400, rows.error().message);
  if (rows->empty()) return data_error(res, 400, "items must hold at least one row");
  const std::string id = tenant.async_rows.submit(de->key, mode, std::move(*rows), sfsync::now_ms());
  json_body(res, 202, render_async_accepted(id));
}

void async_request(SfmcTenant& tenant, const httplib::Request& req, httplib::Response& res, const RequestInfo& info,
                   bool results) {
  if (!has_read_scope(res, info)) return;
  const std::string id = req.matches[1];
  auto store = tenant.store();
  auto request = tenant.async_rows.look(id, *store, sfsync::now_ms());
  if (!request) return data_error(res, 404, "Request '" + id + "' not found");
  if (!results) return json_body(res, 200, render_async_status(*request, random_uuid()));
  auto page = positive_param(req, "$page", 1);
  auto page_size = positive_param(req, "$pageSize", 50);
  if (!page || !page_size) return data_error(res, 400, "$page and $pageSize must be positive integers");
  json_body(res, 200, render_async_results(*request, *page, *page_size));
}

// ---- admin ----

void admin_error(httplib::Response& res, int status, const sfsync::Error& e) {
  std::string body;
  sfsync::JsonWriter(body).begin_object().member("error", e.code).member("message", e.message).end_object();
  json_body(res, status, std::move(body));
}

void admin_rows(SfmcTenant& tenant, const httplib::Request& req, httplib::Response& res, bool remove) {
  auto rows = parse_async_items(req.body);
  if (!rows) return admin_error(res, 400, rows.error());
  auto store = tenant.store();
  const std::string key = req.matches[1];
  int64_t changed = 0;
  for (const auto& row : *rows) {
    if (remove) {
      auto deleted = store->delete_row(key, row);
      if (!deleted) return admin_error(res, deleted.error().code == "not_found" ? 404 : 400, deleted.error());
      changed += *deleted;
    } else {
      auto r = store->upsert_row(key, row, sfsync::now_ms());
      if (!r) return admin_error(res, r.error().code == "not_found" ? 404 : 400, r.error());
      ++changed;
    }
  }
  std::string body;
  sfsync::JsonWriter(body).begin_object().member(remove ? "deleted" : "upserted", changed).end_object();
  json_body(res, 200, std::move(body));
}

}  // namespace

void register_sfmc_api(Router& router, ApiContext& ctx) {
  register_sfmc_auth_routes(router, ctx);
  Tenant tenant = std::make_shared<SfmcTenant>(ctx.options);
  ctx.on_reset([tenant] { tenant->rebuild(); });

  const std::string objects = "/data/v1/[cC]ustom[oO]bjects";
  router.sfmc(Method::Get, "/data/v1/customobjectdata/key/([^/]+)/rowset/?", "sfmc_rowset",
              [tenant](const auto& req, auto& res, const auto& info) { rowset_by_key(*tenant, req, res, info); });
  router.sfmc(Method::Get, "/data/v1/customobjectdata/([0-9a-fA-F-]{36})/rowset/?", "sfmc_rowset",
              [tenant](const auto& req, auto& res, const auto& info) { rowset_by_key(*tenant, req, res, info, true); });
  router.sfmc(Method::Get, "/data/v1/customobjectdata/token/([^/]+)/rowset/?", "sfmc_rowset",
              [tenant](const auto& req, auto& res, const auto& info) { rowset_by_token(*tenant, req, res, info); });
  router.sfmc(Method::Get, objects + "/?", "sfmc_customobjects",
              [tenant](const auto& req, auto& res, const auto& info) { list_custom_objects(*tenant, req, res, info); });
  router.sfmc(Method::Get, objects + "/([^/]+)/fields/?", "sfmc_customobjects",
              [tenant](const auto& req, auto& res, const auto& info) { custom_object(*tenant, req, res, info, true); });
  router.sfmc(Method::Get, objects + "/([^/]+)/?", "sfmc_customobjects",
              [tenant](const auto& req, auto& res, const auto& info) { custom_object(*tenant, req, res, info, false); });
  const std::string async_by_key = "/data/v1/async/dataextensions/key:([^/]+)/rows/?";
  const std::string async_by_id = "/data/v1/async/dataextensions/([0-9a-fA-F-]{36})/rows/?";
  using Mode = DataExtensionStore::WriteMode;
  for (auto [method, mode] : {std::pair{Method::Post, Mode::Insert}, std::pair{Method::Put, Mode::Upsert}}) {
    router.sfmc(method, async_by_key, "sfmc_async_rows", [tenant, mode](const auto& req, auto& res, const auto& info) {
      submit_async_rows(*tenant, req, res, info, false, mode);
    });
    router.sfmc(method, async_by_id, "sfmc_async_rows", [tenant, mode](const auto& req, auto& res, const auto& info) {
      submit_async_rows(*tenant, req, res, info, true, mode);
    });
  }
  router.sfmc(Method::Get, "/data/v1/async/([^/]+)/status/?", "sfmc_async_status",
              [tenant](const auto& req, auto& res, const auto& info) { async_request(*tenant, req, res, info, false); });
  router.sfmc(Method::Get, "/data/v1/async/([^/]+)/results/?", "sfmc_async_status",
              [tenant](const auto& req, auto& res, const auto& info) { async_request(*tenant, req, res, info, true); });
  router.open(Method::Post, "/__admin/sfmc/([^/]+)/rows", "admin_sfmc_rows",
              [tenant](const auto& req, auto& res) { admin_rows(*tenant, req, res, false); });
  router.open(Method::Delete, "/__admin/sfmc/([^/]+)/rows", "admin_sfmc_rows",
              [tenant](const auto& req, auto& res) { admin_rows(*tenant, req, res, true); });
}

}  // namespace emu
