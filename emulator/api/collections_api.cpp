// sObject Collections (REST guide: "Create/Update/Upsert/Delete/Get Records Using sObject Collections"):
//
//   POST   /composite/sobjects                          insert; records carry attributes.type, no id
//   PATCH  /composite/sobjects                          update; records carry attributes.type and id
//   PATCH  /composite/sobjects/{Object}/{ExtIdField}    upsert; results carry "created"
//   DELETE /composite/sobjects?ids=a,b&allOrNone=       delete
//   GET    /composite/sobjects/{Object}?ids=&fields=    retrieve (POST with {"ids","fields"} too)
//
// At most 200 records (2,000 ids on retrieve). A well-formed request answers 200 whatever happens to
// its records: one result per record, in request order; failed items carry no id, and their errors
// use "statusCode". With allOrNone every write runs in one transaction, rolled back when any record
// fails, and the others are reported as ALL_OR_NONE_OPERATION_ROLLED_BACK.
#include <functional>

#include "common/json_writer.h"
#include "emulator/api/apis.h"
#include "emulator/api/record_json.h"
#include "emulator/api/write_support.h"
#include "emulator/org/record_writer.h"
#include "emulator/org/sfid.h"
#include "emulator/server/errors.h"

namespace emu {
namespace {

constexpr size_t kMaxRecords = 200;
constexpr size_t kMaxRetrieveIds = 2000;

// One record of the request, converted, waiting for its write.
struct PendingRecord {
  std::unique_ptr<RecordValidator> values;  // null when the record could not be read
  std::optional<WriteError> error;          // record-level error found while reading it
};

// Writes one pending record; returns its result.
using WriteFn = std::function<WriteResult(RecordWriter&, PendingRecord&)>;

void write_item(sfsync::JsonWriter& w, const WriteResult& r, bool upsert) {
  w.begin_object();
  if (!r.id.empty()) w.member("id", r.id);
  w.member("success", !r.error.has_value());
  w.key("errors").begin_array();
  if (r.error) {
    w.begin_object().member("statusCode", r.error->status_code).member("message", r.error->message);
    w.key("fields").begin_array();
    for (const auto& f : r.error->fields) w.value(f);
    w.end_array().end_object();
  }
  w.end_array();
  if (upsert && !r.error) w.member("created", r.created);
  w.end_object();
}

void send_results(httplib::Response& res, const std::vector<WriteResult>& results, bool upsert) {
  std::string body;
  sfsync::JsonWriter w(body);
  w.begin_array();
  for (const auto& r : results) write_item(w, r, upsert);
  w.end_array();
  json_body(res, 200, std::move(body));
}

WriteResult failed(WriteError e) {
  WriteResult r;
  r.error = std::move(e);
  return r;
}

// Runs `write` over every record, all-or-none when asked, and answers with the results.
void write_all(ApiContext& ctx, std::vector<PendingRecord>& records, bool all_or_none, bool upsert,
               const WriteFn& write, httplib::Response& res) {
  std::vector<WriteResult> results;
  RecordWriter writer(*ctx.store);
  auto run = [&]() -> sfsync::Result<void> {
    bool any_failed = false;
    for (auto& rec : records) {
      results.push_back(rec.error ? failed(*rec.error) : write(writer, rec));
      any_failed = any_failed || !results.back().ok();
    }
    if (any_failed && all_or_none) return sfsync::make_error("ALL_OR_NONE", "rolled back");
    return {};
  };
  if (all_or_none) {
    (void)ctx.store->transaction(run);
    bool any_failed = false;
    for (const auto& r : results) any_failed = any_failed || !r.ok();
    if (any_failed) {
      for (auto& r : results) {
        if (!r.ok()) continue;
        r.error = WriteError{"ALL_OR_NONE_OPERATION_ROLLED_BACK",
                             "Record rolled back because not all records were valid and the request "
                             "was using AllOrNone header",
                             {}, false};
      }
    }
  } else {
    (void)run();
  }
  send_results(res, results, upsert);
}

struct CollectionBody {
  bool all_or_none = false;
  simdjson::dom::array records;
};

// {"allOrNone":..., "records":[...]} with at most 200 records; false when an error was sent.
bool read_collection(simdjson::dom::parser& parser, const httplib::Request& req, CollectionBody& out,
                     httplib::Response& res) {
  simdjson::dom::element body;
  if (!parse_json_body(parser, req, body, res)) return false;
  simdjson::dom::object obj;
  if (body.get(obj) != simdjson::SUCCESS || obj["records"].get(out.records) != simdjson::SUCCESS) {
    sf_error(res, 400, "JSON_PARSER_ERROR", "The request body is either invalid or incomplete.");
    return false;
  }
  bool flag = false;
  if (obj["allOrNone"].get(flag) == simdjson::SUCCESS) out.all_or_none = flag;
  if (out.records.size() > kMaxRecords) {
    sf_error(res, 400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
    return false;
  }
  return true;
}

// The record's object: attributes.type, or `fixed` when the URL names it.
const ObjectSchema* record_object(ApiContext& ctx, simdjson::dom::object record, const ObjectSchema* fixed,
                                  httplib::Response& res) {
  if (fixed) return fixed;
  std::string_view type;
  if (record["attributes"]["type"].get(type) != simdjson::SUCCESS) {
    sf_error(res, 400, "INVALID_TYPE", "Must send a concrete entity type.");
    return nullptr;
  }
  const ObjectSchema* object = ctx.catalog.find(type);
  if (!object)
    sf_error(res, 400, "INVALID_TYPE",
             "sObject type '" + std::string(type) +
                 "' is not supported. If you are attempting to use a custom object, be sure to append the "
                 "'__c' after the entity name. Please reference your WSDL or the describe call for the "
                 "appropriate names.");
  return object;
}

// Converts every record. Request-level problems (no type, unknown field, JSON of the wrong type)
// answer 400 for the whole request; record-level ones stay with their record.
bool read_records(ApiContext& ctx, const httplib::Request& req, const CollectionBody& body,
                  const ObjectSchema* fixed_object, std::vector<PendingRecord>& out, httplib::Response& res) {
  for (simdjson::dom::element item : body.records) {
    simdjson::dom::object record;
    if (item.get(record) != simdjson::SUCCESS) {
      sf_error(res, 400, "JSON_PARSER_ERROR", "The request body is either invalid or incomplete.");
      return false;
    }
    const ObjectSchema* object = record_object(ctx, record, fixed_object, res);
    if (!object) return false;
    PendingRecord pending{std::make_unique<RecordValidator>(*object, req.body), std::nullopt};
    if (auto err = pending.values->add_json_record(record)) {
      if (err->request_level) {
        send_write_error(res, 400, *err);
        return false;
      }
      pending.error = std::move(err);
    }
    out.push_back(std::move(pending));
  }
  return true;
}

void handle_insert_or_update(ApiContext& ctx, const httplib::Request& req, httplib::Response& res, bool update) {
  simdjson::dom::parser parser;
  CollectionBody body;
  std::vector<PendingRecord> records;
  if (!read_collection(parser, req, body, res) || !read_records(ctx, req, body, nullptr, records, res)) return;
  WriteFn write = [update](RecordWriter& writer, PendingRecord& rec) {
    if (!update) return writer.insert(*rec.values);
    auto id = rec.values->take_id();
    if (!id || id->empty())
      return failed(WriteError{"MISSING_ARGUMENT", "Id not specified in an update call", {}, false});
    return writer.update(*id, *rec.values);
  };
  write_all(ctx, records, body.all_or_none, /*upsert=*/false, write, res);
}

void handle_upsert(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const ObjectSchema* object = find_object_or_404(ctx, req.matches[2].str(), res);
  if (!object) return;
  const FieldSchema* field = object->field(req.matches[3].str());
  if (!field || !(field->external_id || field->type == FieldType::Id))
    return sf_error(res, 404, "NOT_FOUND",
                    "Provided external ID field does not exist or is not accessible: " + req.matches[3].str());
  simdjson::dom::parser parser;
  CollectionBody body;
  std::vector<PendingRecord> records;
  if (!read_collection(parser, req, body, res) || !read_records(ctx, req, body, object, records, res)) return;
  WriteFn write = [field](RecordWriter& writer, PendingRecord& rec) {
    const FieldValue* key = rec.values->value_of(*field);
    if (!key || std::holds_alternative<std::monostate>(*key)) {
      if (field->type != FieldType::Id)
        return failed(WriteError{"MISSING_ARGUMENT", field->name + " not specified", {}, false});
    }
    FieldValue value = key ? *key : FieldValue{};
    if (field->type == FieldType::Id) rec.values->take_id();
    WriteResult r = writer.upsert(*field, value, *rec.values);
    if (!r.matches.empty()) {
      std::string ids;
      for (const auto& id : r.matches) {
        if (!ids.empty()) ids += ", ";
        ids += id;
      }
      r = failed(WriteError{"DUPLICATE_EXTERNAL_ID",
                            field->name + ": more than one record found for external id field: [" + ids + "]",
                            {field->name}, false});
    }
    return r;
  };
  write_all(ctx, records, body.all_or_none, /*upsert=*/true, write, res);
}

std::vector<std::string> split_ids(const std::string& list) {
  std::vector<std::string> ids;
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t comma = list.find(',', pos);
    std::string id = list.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (!id.empty()) ids.push_back(id);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return ids;
}

void handle_delete(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::vector<std::string> ids = split_ids(query_param(req, "ids"));
  if (ids.empty()) return sf_error(res, 400, "REQUIRED_FIELD_MISSING", "At least 1 Id is required.");
  if (ids.size() > kMaxRecords)
    return sf_error(res, 400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
  std::vector<PendingRecord> records(ids.size());
  size_t next = 0;
  WriteFn write = [&ids, &next](RecordWriter& writer, PendingRecord&) { return writer.remove(ids[next++]); };
  write_all(ctx, records, iequals(query_param(req, "allOrNone"), "true"), /*upsert=*/false, write, res);
}

// Retrieve: one entry per id, the record or null when there is none (other object, deleted, bad id).
void send_retrieved(ApiContext& ctx, const ObjectSchema& object, const std::vector<std::string>& ids,
                    const std::vector<const FieldSchema*>& fields, const std::string& version,
                    httplib::Response& res) {
  std::string body;
  sfsync::JsonWriter w(body);
  w.begin_array();
  for (const auto& raw : ids) {
    auto id = normalize_sfid(raw);
    auto record = id && id->compare(0, 3, object.key_prefix) == 0 ? ctx.store->get(object, *id) : std::nullopt;
    if (record) write_record_json(w, object, *record, version, fields);
    else w.null();
  }
  w.end_array();
  json_body(res, 200, std::move(body));
}

void retrieve(ApiContext& ctx, const ObjectSchema& object, const std::vector<std::string>& ids,
              const std::string& field_list, const std::string& version, httplib::Response& res) {
  if (ids.empty()) return sf_error(res, 400, "REQUIRED_FIELD_MISSING", "At least 1 Id is required.");
  if (ids.size() > kMaxRetrieveIds)
    return sf_error(res, 400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 2000 records into this call");
  if (field_list.empty()) return sf_error(res, 400, "MISSING_ARGUMENT", "fields: required parameter missing");
  std::string bad;
  auto fields = parse_field_list(object, field_list, bad);
  if (!fields) return sf_error(res, 400, "INVALID_FIELD", "No such column '" + bad + "' on sobject of type " + object.name);
  send_retrieved(ctx, object, ids, *fields, version, res);
}

// POST body {"ids":[...],"fields":[...]}: the form that avoids long URLs.
void retrieve_post(ApiContext& ctx, const ObjectSchema& object, const httplib::Request& req,
                   const std::string& version, httplib::Response& res) {
  simdjson::dom::parser parser;
  simdjson::dom::element body;
  if (!parse_json_body(parser, req, body, res)) return;
  std::vector<std::string> ids;
  std::string fields;
  simdjson::dom::array arr;
  if (body["ids"].get(arr) == simdjson::SUCCESS)
    for (auto v : arr) if (v.is_string()) ids.emplace_back(std::string_view(v));
  if (body["fields"].get(arr) == simdjson::SUCCESS)
    for (auto v : arr) {
      if (!v.is_string()) continue;
      if (!fields.empty()) fields += ",";
      fields += std::string_view(v);
    }
  retrieve(ctx, object, ids, fields, version, res);
}

}  // namespace

void register_collections_api(Router& router, ApiContext& ctx) {
  const std::string root = "/composite/sobjects/?";
  router.data(Method::Post, root, "collections_insert",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                handle_insert_or_update(ctx, req, res, /*update=*/false);
              });
  router.data(Method::Patch, root, "collections_update",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                handle_insert_or_update(ctx, req, res, /*update=*/true);
              });
  router.data(Method::Delete, root, "collections_delete",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                handle_delete(ctx, req, res);
              });
  register_not_allowed(router, root, {Method::Get, Method::Put}, "POST,PATCH,DELETE");

  const std::string by_object = "/composite/sobjects/([^/]+)/?";
  router.data(Method::Get, by_object, "collections_retrieve",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                const ObjectSchema* object = find_object_or_404(ctx, req.matches[2].str(), res);
                if (object)
                  retrieve(ctx, *object, split_ids(query_param(req, "ids")), query_param(req, "fields"),
                           info.api_version, res);
              });
  router.data(Method::Post, by_object, "collections_retrieve",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                const ObjectSchema* object = find_object_or_404(ctx, req.matches[2].str(), res);
                if (object) retrieve_post(ctx, *object, req, info.api_version, res);
              });
  register_not_allowed(router, by_object, {Method::Put, Method::Patch, Method::Delete}, "GET,POST");

  const std::string upsert = "/composite/sobjects/([^/]+)/([^/]+)/?";
  router.data(Method::Patch, upsert, "collections_upsert",
              [&ctx](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                handle_upsert(ctx, req, res);
              });
  register_not_allowed(router, upsert, {Method::Get, Method::Post, Method::Put, Method::Delete}, "PATCH");
}

}  // namespace emu
