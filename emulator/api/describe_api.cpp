// Describe: GET /sobjects (global describe), /sobjects/{Object} (basic info), /sobjects/{Object}/describe,
// the unauthenticated version list GET /services/data/ and the resource directory GET /services/data/vXX.X/.
//
// The Catalog never changes while the emulator runs, so each rendered document is cached per API
// version (the URLs inside carry it): clients call describe before every sync.
#include <map>
#include <memory>
#include <mutex>

#include "common/json_writer.h"
#include "emulator/api/apis.h"
#include "emulator/org/describe_json.h"
#include "emulator/server/errors.h"

namespace emu {
namespace {

class DescribeCache {
 public:
  // The cached document under `key`, rendered by `render` on first use.
  std::shared_ptr<const std::string> get(const std::string& key, const std::function<std::string()>& render) {
    {
      std::lock_guard lock(mu_);
      if (auto it = docs_.find(key); it != docs_.end()) return it->second;
    }
    auto doc = std::make_shared<const std::string>(render());  // rendered outside the lock
    std::lock_guard lock(mu_);
    return docs_.emplace(key, std::move(doc)).first->second;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const std::string>> docs_;
};

void not_found(httplib::Response& res) { sf_error(res, 404, "NOT_FOUND", "The requested resource does not exist"); }

// Records the API user viewed recently (LastViewedDate), newest first, as recentItems lists them.
std::string recent_items_json(ApiContext& ctx, const ObjectSchema& o, const std::string& version) {
  std::string out;
  sfsync::JsonWriter w(out);
  w.begin_array();
  const FieldSchema* viewed = o.field("LastViewedDate");
  const FieldSchema* name = nullptr;
  for (const auto& f : o.fields)
    if (f.name_field && f.stored()) name = &f;
  auto snap = ctx.store->snapshot();
  if (viewed && name && snap) {
    std::string sql = "SELECT \"Id\", " + name->column() + " FROM " + o.table() +
                      " WHERE \"IsDeleted\" = 0 AND \"LastViewedDate\" IS NOT NULL ORDER BY \"LastViewedDate\" DESC LIMIT 25";
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(snap.value()->db(), sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::string id(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        const unsigned char* n = sqlite3_column_text(stmt, 1);
        w.begin_object().key("attributes").begin_object().member("type", o.name)
            .member("url", "/services/data/v" + version + "/sobjects/" + o.name + "/" + id).end_object()
            .member("Id", id).key(name->name);
        if (n) w.value(reinterpret_cast<const char*>(n));
        else w.null();
        w.end_object();
      }
    }
    sqlite3_finalize(stmt);
  }
  w.end_array();
  return out;
}

// GET /services/data/vXX.X/: the resources this API version offers (the ones the emulator serves).
std::string resources_json(const std::string& version) {
  static const char* kResources[] = {"composite", "jobs", "limits", "query", "queryAll", "sobjects"};
  std::string out;
  sfsync::JsonWriter w(out);
  w.begin_object();
  for (const char* r : kResources) w.member(r, "/services/data/v" + version + "/" + r);
  w.end_object();
  return out;
}

}  // namespace

void register_describe_api(Router& router, ApiContext& ctx) {
  auto cache = std::make_shared<DescribeCache>();

  router.open(Method::Get, "/services/data/?", "versions", [cache](const httplib::Request&, httplib::Response& res) {
    json_body(res, 200, *cache->get("versions", versions_json));
  });

  router.data(Method::Get, "/?", "resources",
              [](const httplib::Request&, httplib::Response& res, const RequestInfo& info) {
                json_body(res, 200, resources_json(info.api_version));
              });

  router.data(Method::Get, "/sobjects/?", "describeGlobal",
              [&ctx, cache](const httplib::Request&, httplib::Response& res, const RequestInfo& info) {
                auto doc = cache->get("global/" + info.api_version,
                                      [&] { return global_describe_json(ctx.catalog, info.api_version); });
                json_body(res, 200, *doc);
              });

  router.data(Method::Get, "/sobjects/([^/]+)/describe/?", "describe",
              [&ctx, cache](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                const ObjectSchema* o = ctx.catalog.find(req.matches[2].str());
                if (!o) return not_found(res);
                auto doc = cache->get("describe/" + info.api_version + "/" + o->name, [&] {
                  return object_describe_json(ctx.catalog, *o, info.api_version, ctx.base_url);
                });
                json_body(res, 200, *doc);
              });

  router.data(Method::Get, "/sobjects/([^/]+)/?", "sobjectBasic",
              [&ctx, cache](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                const ObjectSchema* o = ctx.catalog.find(req.matches[2].str());
                if (!o) return not_found(res);
                auto summary = cache->get("summary/" + info.api_version + "/" + o->name,
                                          [&] { return object_summary_json(*o, info.api_version); });
                std::string body = "{\"objectDescribe\":" + *summary +
                                   ",\"recentItems\":" + recent_items_json(ctx, *o, info.api_version) + "}";
                json_body(res, 200, std::move(body));
              });
}

}  // namespace emu
