// sObject CRUD: create, retrieve, update, delete by id; upsert / retrieve / delete by external id.
// getUpdated / getDeleted live in replication_api.cpp and are registered from here.
//
//   POST   /sobjects/{Object}                        201 {"id","success","errors"}
//   GET    /sobjects/{Object}/{id}[?fields=a,b]      200 record | 404 NOT_FOUND / ENTITY_IS_DELETED
//   PATCH  /sobjects/{Object}/{id}                   204
//   DELETE /sobjects/{Object}/{id}                   204 (soft delete)
//   PATCH  /sobjects/{Object}/{ExtField}/{value}     201 created / 200 updated (with "created",
//                                                    API >= 46) / 300 [urls] when several match
//   GET    /sobjects/{Object}/{ExtField}/{value}     200 record / 300 / 404
//   DELETE /sobjects/{Object}/{ExtField}/{value}     204 / 300 / 404
#include "common/json_writer.h"
#include "emulator/api/apis.h"
#include "emulator/api/record_json.h"
#include "emulator/api/replication.h"
#include "emulator/api/write_support.h"
#include "emulator/org/record_writer.h"
#include "emulator/org/sfid.h"
#include "emulator/server/errors.h"

namespace emu {
namespace {

constexpr const char* kNoResource = "The requested resource does not exist";

// A path segment after /sobjects/{Object}/ that belongs to another resource.
constexpr const char* kNotARecord = "(?!(?:describe|updated|deleted)(?:/|$))";

std::string save_result(const std::string& id, const bool* created) {
  std::string body;
  sfsync::JsonWriter w(body);
  w.begin_object().member("id", id).member("success", true);
  w.key("errors").begin_array().end_array();
  if (created) w.member("created", *created);
  w.end_object();
  return body;
}

// Maps a failed write to REST's answer: missing record 404 NOT_FOUND, recycled record 404
// ENTITY_IS_DELETED, anything else 400 with the record error.
void send_failure(httplib::Response& res, const WriteResult& r) {
  if (r.not_found) return sf_error(res, 404, "NOT_FOUND", kNoResource);
  if (r.error->status_code == "ENTITY_IS_DELETED") return sf_error(res, 404, "ENTITY_IS_DELETED", "entity is deleted");
  send_write_error(res, 400, *r.error);
}

// 300 Multiple Choices: the URLs of the matching records.
void send_multiple_matches(httplib::Response& res, const std::string& version, const ObjectSchema& object,
                           const std::vector<std::string>& ids) {
  std::string body;
  sfsync::JsonWriter w(body);
  w.begin_array();
  for (const auto& id : ids) w.value(record_url(version, object, id));
  w.end_array();
  json_body(res, 300, std::move(body));
}

// The JSON body as one record object; answers 400 JSON_PARSER_ERROR otherwise.
bool parse_record_body(simdjson::dom::parser& parser, const httplib::Request& req, const ObjectSchema& object,
                       simdjson::dom::object& out, httplib::Response& res) {
  simdjson::dom::element body;
  if (!parse_json_body(parser, req, body, res)) return false;
  if (body.get(out) == simdjson::SUCCESS) return true;
  sf_error(res, 400, "JSON_PARSER_ERROR",
           "Cannot deserialize instance of " + object.name + " from " +
               (body.is_array() ? "START_ARRAY value [" : "VALUE_STRING value") +
               " or request may be missing a required field at [line:1, column:1]");
  return false;
}

// Converts the body into a validator; false when an error was sent.
bool read_record(simdjson::dom::parser& parser, const httplib::Request& req, const ObjectSchema& object,
                 RecordValidator& record, httplib::Response& res) {
  simdjson::dom::object body;
  if (!parse_record_body(parser, req, object, body, res)) return false;
  if (auto err = record.add_json_record(body)) {
    send_write_error(res, 400, *err);
    return false;
  }
  return true;
}

void send_record(httplib::Response& res, ApiContext& ctx, const ObjectSchema& object, const std::string& id,
                 const httplib::Request& req, const std::string& version) {
  auto record = ctx.store->get(object, id, /*include_deleted=*/true);
  if (!record) return sf_error(res, 404, "NOT_FOUND", kNoResource);
  if (is_deleted(*record)) return sf_error(res, 404, "ENTITY_IS_DELETED", "entity is deleted");
  std::vector<const FieldSchema*> fields;
  if (req.has_param("fields")) {
    std::string bad;
    auto parsed = parse_field_list(object, req.get_param_value("fields"), bad);
    if (!parsed)
      return sf_error(res, 400, "INVALID_FIELD",
                      "No such column '" + bad + "' on entity '" + object.name +
                          "'. If you are attempting to use a custom field, be sure to append the '__c' "
                          "after the custom field name. Please reference your WSDL or the describe call "
                          "for the appropriate names.");
    fields = std::move(*parsed);
  }
  std::string body;
  sfsync::JsonWriter w(body);
  write_record_json(w, object, *record, version, fields);
  json_body(res, 200, std::move(body));
}

void create_record(ApiContext& ctx, const ObjectSchema& object, const httplib::Request& req,
                   httplib::Response& res) {
  simdjson::dom::parser parser;
  RecordValidator record(object, req.body);
  if (!read_record(parser, req, object, record, res)) return;
  WriteResult r = RecordWriter(*ctx.store).insert(record);
  if (!r.ok()) return send_failure(res, r);
  json_body(res, 201, save_result(r.id, nullptr));
}

// An id from the URL of the object's records; a segment that is no id at all is taken, like
// Salesforce does, as an external id field given without a value.
bool url_record_id(const ObjectSchema& object, const std::string& segment, std::string& id,
                   httplib::Response& res) {
  if (!normalize_sfid(segment)) {
    sf_error(res, 404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + segment);
    return false;
  }
  if (auto err = RecordWriter::parse_record_id(object, segment, id)) {
    send_write_error(res, 400, *err);
    return false;
  }
  return true;
}

// The external id field of an upsert URL: an External ID field, or Id.
const FieldSchema* external_id_field(const ObjectSchema& object, const std::string& name,
                                     httplib::Response& res) {
  const FieldSchema* f = object.field(name);
  if (f && (f->external_id || f->type == FieldType::Id)) return f;
  sf_error(res, 404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + name);
  return nullptr;
}

// The one live record that /sobjects/{Object}/{ExtField}/{value} names. Otherwise answers: 404 for an
// unknown object, field or value, 300 with the URLs when several records hold the value.
bool single_external_match(ApiContext& ctx, const httplib::Request& req, httplib::Response& res,
                           const RequestInfo& info, const ObjectSchema*& object, std::string& id) {
  object = find_object_or_404(ctx, req.matches[2].str(), res);
  if (!object) return false;
  const FieldSchema* field = external_id_field(*object, req.matches[3].str(), res);
  if (!field) return false;
  FieldValue value;
  if (auto err = convert_text(*field, req.matches[4].str(), value)) {
    send_write_error(res, 400, *err);
    return false;
  }
  std::vector<std::string> ids;
  if (field->type == FieldType::Id) {
    if (auto rec = ctx.store->get(*object, std::get<std::string>(value))) ids.push_back(rec->id);
  } else {
    ids = ctx.store->find_ids(*object, *field, value);
  }
  if (ids.empty()) {
    sf_error(res, 404, "NOT_FOUND", kNoResource);
    return false;
  }
  if (ids.size() > 1) {
    send_multiple_matches(res, info.api_version, *object, ids);
    return false;
  }
  id = ids.front();
  return true;
}

void register_record_routes(Router& router, ApiContext& ctx) {
  const std::string record_path = std::string("/sobjects/([^/]+)/") + kNotARecord + "([^/]+)/?";
  router.data(Method::Get, record_path, "sobject_get",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                const ObjectSchema* object = find_object_or_404(ctx, req.matches[2].str(), res);
                std::string id;
                if (!object) return;
                if (!normalize_sfid(req.matches[3].str()) ||
                    RecordWriter::parse_record_id(*object, req.matches[3].str(), id))
                  return sf_error(res, 404, "NOT_FOUND", kNoResource);
                send_record(res, ctx, *object, id, req, info.api_version);
              });
  router.data(Method::Patch, record_path, "sobject_update",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                const ObjectSchema* object = find_object_or_404(ctx, req.matches[2].str(), res);
                std::string id;
                if (!object || !url_record_id(*object, req.matches[3].str(), id, res)) return;
                simdjson::dom::parser parser;
                RecordValidator record(*object, req.body);
                if (!read_record(parser, req, *object, record, res)) return;
                record.take_id();  // the URL names the record
                WriteResult r = RecordWriter(*ctx.store).update(id, record);
                if (!r.ok()) return send_failure(res, r);
                res.status = 204;
              });
  router.data(Method::Delete, record_path, "sobject_delete",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                const ObjectSchema* object = find_object_or_404(ctx, req.matches[2].str(), res);
                std::string id;
                if (!object || !url_record_id(*object, req.matches[3].str(), id, res)) return;
                WriteResult r = RecordWriter(*ctx.store).remove(id);
                if (!r.ok()) return send_failure(res, r);
                res.status = 204;
              });
  // POST /sobjects/{Object}/Id creates a record (Id as the external id, with no value); POST on
  // any other record URL is not allowed.
  router.data(Method::Post, record_path, "sobject_create",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                const ObjectSchema* object = find_object_or_404(ctx, req.matches[2].str(), res);
                if (!object) return;
                if (iequals(req.matches[3].str(), "Id")) return create_record(ctx, *object, req, res);
                sf_error(res, 405, "METHOD_NOT_ALLOWED",
                         "HTTP Method 'POST' not allowed. Allowed are HEAD,GET,PATCH,DELETE");
              });
  register_not_allowed(router, record_path, {Method::Put}, "HEAD,GET,PATCH,DELETE");
}

void register_external_id_routes(Router& router, ApiContext& ctx) {
  const std::string path = std::string("/sobjects/([^/]+)/") + kNotARecord + "([^/]+)/([^/]+)/?";
  router.data(Method::Patch, path, "sobject_upsert",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                const ObjectSchema* object = find_object_or_404(ctx, req.matches[2].str(), res);
                if (!object) return;
                const FieldSchema* field = external_id_field(*object, req.matches[3].str(), res);
                if (!field) return;
                FieldValue value;
                if (auto err = convert_text(*field, req.matches[4].str(), value))
                  return send_write_error(res, 400, *err);
                simdjson::dom::parser parser;
                RecordValidator record(*object, req.body);
                if (!read_record(parser, req, *object, record, res)) return;
                WriteResult r = RecordWriter(*ctx.store).upsert(*field, value, record);
                if (!r.matches.empty()) return send_multiple_matches(res, info.api_version, *object, r.matches);
                if (!r.ok()) return send_failure(res, r);
                json_body(res, r.created ? 201 : 200, save_result(r.id, &r.created));
              });
  router.data(Method::Get, path, "sobject_get",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                const ObjectSchema* object = nullptr;
                std::string id;
                if (single_external_match(ctx, req, res, info, object, id))
                  send_record(res, ctx, *object, id, req, info.api_version);
              });
  router.data(Method::Delete, path, "sobject_delete",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                const ObjectSchema* object = nullptr;
                std::string id;
                if (!single_external_match(ctx, req, res, info, object, id)) return;
                WriteResult r = RecordWriter(*ctx.store).remove(id);
                if (!r.ok()) return send_failure(res, r);
                res.status = 204;
              });
  register_not_allowed(router, path, {Method::Post, Method::Put}, "HEAD,GET,PATCH,DELETE");
}

}  // namespace

void register_sobject_api(Router& router, ApiContext& ctx) {
  // Replication routes first: their paths would otherwise read as record ids.
  register_replication_routes(router, ctx);
  router.data(Method::Post, "/sobjects/([^/]+)/?", "sobject_create",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                const ObjectSchema* object = find_object_or_404(ctx, req.matches[2].str(), res);
                if (object) create_record(ctx, *object, req, res);
              });
  register_not_allowed(router, "/sobjects/([^/]+)/?", {Method::Put, Method::Patch, Method::Delete},
                       "HEAD,GET,POST");
  register_record_routes(router, ctx);
  register_external_id_routes(router, ctx);
}

}  // namespace emu
