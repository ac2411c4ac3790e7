#include "sinks/salesforce/collections_writer.h"

#include <simdjson.h>

#include "common/json_writer.h"

namespace sfsync {

std::string_view write_op_name(WriteOp op) {
  switch (op) {
    case WriteOp::Insert: return "insert";
    case WriteOp::Update: return "update";
    case WriteOp::Upsert: return "upsert";
    case WriteOp::Delete: return "delete";
  }
  return "?";
}

namespace {

std::string delete_path(const std::vector<std::string>& ids) {
  std::string path = "composite/sobjects?allOrNone=false&ids=";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) path.push_back(',');
    path += ids[i];
  }
  return path;
}

}  // namespace

std::string record_json(const FieldKinds& kinds, const WriteRow& row) {
  std::string out = "{";
  for (const auto& [name, value] : row.fields) {
    if (out.size() > 1) out.push_back(',');
    JsonWriter::append_escaped(out, name);
    out.push_back(':');
    auto kind = kinds.find(name);
    append_json_value(out, value, kind == kinds.end() ? FieldKind::Text : kind->second);
  }
  out += "}";
  return out;
}

std::string collections_body(const std::string& object, const std::vector<std::string>& records) {
  std::string out = "{\"allOrNone\":false,\"records\":[";
  for (size_t i = 0; i < records.size(); ++i) {
    if (i) out.push_back(',');
    out += "{\"attributes\":{\"type\":";
    JsonWriter::append_escaped(out, object);
    out += "}";
    if (records[i].size() > 2) {
      out.push_back(',');
      out.append(records[i], 1, std::string::npos);  // the record's members and its '}'
    } else {
      out.push_back('}');
    }
  }
  out += "]}";
  return out;
}

Result<std::vector<WriteResult>> parse_collections_results(std::string_view body, size_t expected, WriteOp op) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array items;
  if (parser.parse(body.data(), body.size()).get(doc) || doc.get_array().get(items) || items.size() != expected)
    return make_error("bad_response", "sObject Collections answered with an unexpected body: " +
                                          std::string(body.substr(0, 200)));
  std::vector<WriteResult> results;
  results.reserve(expected);
  for (simdjson::dom::element item : items) {
    WriteResult r;
    bool success = false, created = false;
    std::string_view id;
    if (!item["success"].get(success)) r.success = success;
    if (!item["id"].get(id)) r.id = std::string(id);
    if (!item["created"].get(created)) r.created = created;
    else r.created = r.success && op == WriteOp::Insert;
    simdjson::dom::array errors;
    if (!item["errors"].get(errors) && errors.size() > 0) {
      simdjson::dom::element e = errors.at(0);
      std::string_view code, message;
      if (!e["statusCode"].get(code)) r.error_code = std::string(code);
      if (!e["message"].get(message)) r.message = std::string(message);
      simdjson::dom::array fields;
      if (!e["fields"].get(fields))
        for (auto f : fields) {
          std::string_view name;
          if (!f.get(name)) r.fields.emplace_back(name);
        }
    }
    results.push_back(std::move(r));
  }
  return results;
}

Result<std::vector<WriteResult>> write_collection(SalesforceClient& client, const WriteTarget& target,
                                                  const std::vector<std::string>& records) {
  if (records.empty()) return std::vector<WriteResult>{};
  Result<HttpResponse> response = make_error("none", "");
  switch (target.op) {
    case WriteOp::Insert:
      // Not idempotent: a resend after a lost answer could create the records twice.
      response = client.call("POST", "composite/sobjects", collections_body(target.object, records), {}, false);
      break;
    case WriteOp::Update: response = client.call("PATCH", "composite/sobjects", collections_body(target.object, records)); break;
    case WriteOp::Upsert:
      response = client.call("PATCH", "composite/sobjects/" + target.object + "/" + target.external_id_field,
                             collections_body(target.object, records));
      break;
    case WriteOp::Delete: response = client.call("DELETE", delete_path(records)); break;
  }
  if (!response) return response.error();
  return parse_collections_results(response->body, records.size(), target.op);
}

}  // namespace sfsync
