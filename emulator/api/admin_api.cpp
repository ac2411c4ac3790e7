// /__admin: control of the emulator for tests, benchmarks and the demo — never used by the engine.
// Records written here bypass API validation (a test may need any state) but still move
// SystemModstamp exactly like a user edit in Salesforce would.
#include <simdjson.h>

#include "common/json_writer.h"
#include "common/time_util.h"
#include "emulator/api/apis.h"
#include "emulator/server/errors.h"

namespace emu {

namespace {

void admin_error(httplib::Response& res, int status, const std::string& message) {
  std::string body;
  sfsync::JsonWriter(body).begin_object().member("error", message).end_object();
  json_body(res, status, std::move(body));
}

// JSON value -> stored value, typed by the field (datetimes as ISO strings or epoch ms).
std::optional<FieldValue> to_field_value(const FieldSchema& f, simdjson::dom::element v) {
  using simdjson::dom::element_type;
  if (v.is_null()) return FieldValue{};
  switch (storage_class(f.type)) {
    case StorageClass::Integer:
      if (v.is_bool()) return FieldValue{f.type == FieldType::Boolean ? FieldValue{bool(v.get_bool())}
                                                                      : FieldValue{int64_t(v.get_bool())}};
      if (v.is_int64()) {
        if (f.type == FieldType::Boolean) return FieldValue{int64_t(v.get_int64()) != 0};
        return FieldValue{int64_t(v.get_int64())};
      }
      return std::nullopt;
    case StorageClass::Real:
      if (v.is_number()) return FieldValue{double(v.get_double())};
      return std::nullopt;
    case StorageClass::EpochMillis:
      if (v.is_int64()) return FieldValue{int64_t(v.get_int64())};
      if (v.is_string()) {
        if (auto ms = sfsync::parse_iso_datetime(std::string_view(v.get_string()))) return FieldValue{*ms};
      }
      return std::nullopt;
    default:
      if (v.is_string()) return FieldValue{std::string(std::string_view(v.get_string()))};
      return std::nullopt;
  }
}

// Parses {"Field": value, ...} into assignments; error text on unknown field or bad value.
std::optional<std::string> parse_fields(const ObjectSchema& object, simdjson::dom::object fields,
                                        std::vector<FieldAssignment>& out) {
  for (auto [key, value] : fields) {
    const FieldSchema* f = object.field(key);
    if (!f || !f->stored()) return "unknown field " + std::string(key) + " on " + object.name;
    auto v = to_field_value(*f, value);
    if (!v) return "bad value for " + object.name + "." + f->name;
    out.push_back({f, std::move(*v)});
  }
  return std::nullopt;
}

// Salesforce stamps have whole seconds; so do ours, which makes equal stamps common, as in real orgs.
int64_t whole_second_now() { return sfsync::now_ms() / 1000 * 1000; }

int64_t stamp_from(simdjson::dom::element doc) {
  auto stamp = doc["stamp"];
  if (!stamp.error()) {
    if (stamp.is_string())
      if (auto ms = sfsync::parse_iso_datetime(std::string_view(stamp.get_string()))) return *ms;
    if (stamp.is_int64()) return int64_t(stamp.get_int64());
  }
  return whole_second_now();
}

FaultOptions parse_faults(simdjson::dom::object o, FaultOptions f) {
  auto i = [&](const char* k, int& dst) { if (auto v = o[k]; !v.error() && v.is_int64()) dst = int(int64_t(v)); };
  auto d = [&](const char* k, double& dst) { if (auto v = o[k]; !v.error() && v.is_number()) dst = double(v); };
  i("latency_ms", f.latency_ms);
  d("error_rate", f.error_rate);
  i("error_status", f.error_status);
  d("drop_rate", f.drop_rate);
  i("expire_tokens_after_calls", f.expire_tokens_after_calls);
  i("limit_after_calls", f.limit_after_calls);
  i("invalid_locator_after_pages", f.invalid_locator_after_pages);
  i("slow_body_bytes_per_sec", f.slow_body_bytes_per_sec);
  i("fail_next", f.fail_next);
  i("fail_next_status", f.fail_next_status);
  i("drop_next", f.drop_next);
  i("concurrent_limit_next", f.concurrent_limit_next);
  if (auto v = o["long_transaction_since_ms"]; !v.error() && v.is_int64()) f.long_transaction_since_ms = int64_t(v);
  if (auto v = o["delete_log_trimmed_before_ms"]; !v.error() && v.is_int64())
    f.delete_log_trimmed_before_ms = int64_t(v);
  if (auto v = o["bulk_query_stuck"]; !v.error() && v.is_bool()) f.bulk_query_stuck = bool(v);
  if (auto v = o["query_timeout_over_rows"]; !v.error() && v.is_int64()) f.query_timeout_over_rows = int64_t(v);
  if (auto v = o["next_path_filter"]; !v.error() && v.is_string())
    f.next_path_filter = std::string(std::string_view(v.get_string()));
  return f;
}

struct AdminRoutes {
  ApiContext& ctx;

  const ObjectSchema* object_or_404(const std::string& name, httplib::Response& res) {
    const ObjectSchema* o = ctx.catalog.find(name);
    if (!o) admin_error(res, 404, "unknown object " + name);
    return o;
  }

  void write_result(httplib::Response& res, const sfsync::Result<void>& r, const std::string& id) {
    if (!r) return admin_error(res, r.error().code == "NOT_FOUND" ? 404 : 400, r.error().message);
    std::string body;
    sfsync::JsonWriter(body).begin_object().member("id", id).end_object();
    json_body(res, 200, std::move(body));
  }

  // The request's object and its {"Field": value} body; nullopt after answering the error.
  std::optional<std::pair<const ObjectSchema*, std::vector<FieldAssignment>>> record_body(
      const httplib::Request& req, httplib::Response& res) {
    const ObjectSchema* o = object_or_404(req.matches[1], res);
    if (!o) return std::nullopt;
    simdjson::dom::parser parser;
    simdjson::dom::object fields;
    if (parser.parse(req.body).get_object().get(fields)) {
      admin_error(res, 400, "body must be a JSON object");
      return std::nullopt;
    }
    std::vector<FieldAssignment> values;
    if (auto err = parse_fields(*o, fields, values)) {
      admin_error(res, 400, *err);
      return std::nullopt;
    }
    return std::make_pair(o, std::move(values));
  }

  void insert(const httplib::Request& req, httplib::Response& res) {
    auto body = record_body(req, res);
    if (!body) return;
    auto id = ctx.store->insert(*body->first, body->second, whole_second_now());
    if (!id) return admin_error(res, 400, id.error().message);
    write_result(res, {}, *id);
  }

  void update(const httplib::Request& req, httplib::Response& res) {
    auto body = record_body(req, res);
    if (!body) return;
    std::string id = req.matches[2];
    write_result(res, ctx.store->update(*body->first, id, body->second, whole_second_now()), id);
  }

  void remove(const httplib::Request& req, httplib::Response& res) {
    const ObjectSchema* o = object_or_404(req.matches[1], res);
    if (!o) return;
    std::string id = req.matches[2];
    write_result(res, ctx.store->remove(*o, id, whole_second_now()), id);
  }

  void undelete(const httplib::Request& req, httplib::Response& res) {
    const ObjectSchema* o = object_or_404(req.matches[1], res);
    if (!o) return;
    std::string id = req.matches[2];
    write_result(res, ctx.store->undelete(*o, id, whole_second_now()), id);
  }

  void purge(const httplib::Request& req, httplib::Response& res) {
    const ObjectSchema* o = object_or_404(req.matches[1], res);
    if (!o) return;
    std::string id = req.matches[2];
    write_result(res, ctx.store->purge(*o, id), id);
  }

  // {"object":"Contact","ids":[...],"stamp":"2024-01-02T03:04:05.000Z"}: equal SystemModstamps.
  void stamp(const httplib::Request& req, httplib::Response& res) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(req.body).get(doc) || !doc.is_object()) return admin_error(res, 400, "body must be JSON");
    std::string_view name;
    simdjson::dom::array ids;
    if (doc["object"].get(name) || doc["ids"].get(ids)) return admin_error(res, 400, "need object and ids");
    const ObjectSchema* o = object_or_404(std::string(name), res);
    if (!o) return;
    int64_t stamp = stamp_from(doc);
    for (auto id : ids) {
      std::string_view s;
      if (id.get(s)) return admin_error(res, 400, "ids must be strings");
      if (auto r = ctx.store->set_stamp(*o, std::string(s), stamp); !r) return admin_error(res, 404, r.error().message);
    }
    json_body(res, 200, "{\"updated\":" + std::to_string(ids.size()) + "}");
  }

  void counters(const httplib::Request&, httplib::Response& res) {
    std::string body;
    sfsync::JsonWriter w(body);
    w.begin_object().member("api_usage", ctx.counters.api_usage()).key("endpoints").begin_object();
    for (const auto& [name, n] : ctx.counters.snapshot()) w.member(name, n);
    w.end_object().end_object();
    json_body(res, 200, std::move(body));
  }

  void set_faults(const httplib::Request& req, httplib::Response& res) {
    simdjson::dom::parser parser;
    simdjson::dom::object o;
    if (parser.parse(req.body).get_object().get(o)) return admin_error(res, 400, "body must be a JSON object");
    ctx.faults->set_options(parse_faults(o, FaultOptions{}));
    json_body(res, 200, "{}");
  }

  void reset(const httplib::Request&, httplib::Response& res) {
    ctx.counters.reset();
    ctx.faults->set_options(ctx.options.faults);
    for (auto& hook : ctx.reset_hooks) hook();
    json_body(res, 200, "{}");
  }
};

}  // namespace

void register_admin_api(Router& router, ApiContext& ctx) {
  auto routes = std::make_shared<AdminRoutes>(AdminRoutes{ctx});
  auto bind = [routes](void (AdminRoutes::*fn)(const httplib::Request&, httplib::Response&)) {
    return [routes, fn](const httplib::Request& req, httplib::Response& res) { ((*routes).*fn)(req, res); };
  };
  router.open(Method::Get, "/__admin/health", "admin", [](const httplib::Request&, httplib::Response& res) {
    json_body(res, 200, "{\"status\":\"ok\"}");
  });
  router.open(Method::Get, "/__admin/counters", "admin", bind(&AdminRoutes::counters));
  router.open(Method::Post, "/__admin/reset", "admin", bind(&AdminRoutes::reset));
  router.open(Method::Post, "/__admin/faults", "admin", bind(&AdminRoutes::set_faults));
  router.open(Method::Delete, "/__admin/faults", "admin", [&ctx](const httplib::Request&, httplib::Response& res) {
    ctx.faults->set_options(FaultOptions{});
    json_body(res, 200, "{}");
  });
  router.open(Method::Post, "/__admin/tokens/expire", "admin", [&ctx](const httplib::Request&, httplib::Response& res) {
    ctx.tokens->expire_all_access_tokens();
    json_body(res, 200, "{}");
  });
  router.open(Method::Post, "/__admin/stamp", "admin", bind(&AdminRoutes::stamp));
  router.open(Method::Post, "/__admin/records/([^/]+)", "admin", bind(&AdminRoutes::insert));
  router.open(Method::Patch, "/__admin/records/([^/]+)/([^/]+)", "admin", bind(&AdminRoutes::update));
  router.open(Method::Delete, "/__admin/records/([^/]+)/([^/]+)", "admin", bind(&AdminRoutes::remove));
  router.open(Method::Post, "/__admin/records/([^/]+)/([^/]+)/undelete", "admin", bind(&AdminRoutes::undelete));
  router.open(Method::Post, "/__admin/records/([^/]+)/([^/]+)/purge", "admin", bind(&AdminRoutes::purge));
}

}  // namespace emu
