#include "salesforce/describe.h"

#include <simdjson.h>

#include "common/text.h"

#include <algorithm>
#include <cctype>

namespace sfsync {

const FieldInfo* ObjectInfo::field(std::string_view n) const {
  for (const auto& f : fields)
    if (iequals_ascii(f.name, n)) return &f;
  return nullptr;
}

const FieldInfo* ObjectInfo::relationship(std::string_view rel) const {
  for (const auto& f : fields)
    if (!f.relationship_name.empty() && iequals_ascii(f.relationship_name, rel)) return &f;
  return nullptr;
}

std::string ObjectInfo::cursor_field() const {
  for (const char* name : {"SystemModstamp", "LastModifiedDate"})
    if (field(name)) return name;
  return {};
}

namespace {

template <typename T>
void read(simdjson::dom::element e, const char* key, T& out) {
  T v;
  if (!e[key].get(v)) out = v;
}

void read_string(simdjson::dom::element e, const char* key, std::string& out) {
  std::string_view v;
  if (!e[key].get(v)) out = std::string(v);
}

FieldInfo parse_field(simdjson::dom::element f) {
  FieldInfo info;
  read_string(f, "name", info.name);
  read_string(f, "label", info.label);
  read_string(f, "type", info.type);
  read_string(f, "relationshipName", info.relationship_name);
  read_string(f, "compoundFieldName", info.compound_field_name);
  int64_t length = 0;
  read(f, "length", length);
  info.length = static_cast<int>(length);
  read(f, "nillable", info.nillable);
  read(f, "createable", info.createable);
  read(f, "updateable", info.updateable);
  read(f, "filterable", info.filterable);
  read(f, "defaultedOnCreate", info.defaulted_on_create);
  read(f, "calculated", info.calculated);
  read(f, "externalId", info.external_id);
  read(f, "idLookup", info.id_lookup);
  simdjson::dom::array refs;
  if (!f["referenceTo"].get(refs))
    for (auto r : refs) {
      std::string_view s;
      if (!r.get(s)) info.reference_to.emplace_back(s);
    }
  return info;
}

}  // namespace

Result<ObjectInfo> parse_describe(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json.data(), json.size()).get(doc) || !doc.is_object())
    return make_error("bad_response", "Describe answered with malformed JSON");
  ObjectInfo info;
  read_string(doc, "name", info.name);
  read_string(doc, "label", info.label);
  read_string(doc, "keyPrefix", info.key_prefix);
  read(doc, "custom", info.custom);
  read(doc, "queryable", info.queryable);
  read(doc, "replicateable", info.replicateable);
  simdjson::dom::array fields;
  if (doc["fields"].get(fields)) return make_error("bad_response", "Describe answered without fields");
  for (auto f : fields) info.fields.push_back(parse_field(f));
  return info;
}

Result<ObjectInfo> describe_object(SalesforceClient& client, const std::string& object) {
  auto response = client.get("sobjects/" + object + "/describe");
  if (!response) {
    if (response.error().code == "NOT_FOUND")
      return make_error("unknown_object", "Salesforce has no object '" + object + "'");
    return response.error();
  }
  return parse_describe(response->body);
}

Result<std::vector<ObjectSummary>> describe_global(SalesforceClient& client) {
  auto response = client.get("sobjects");
  if (!response) return response.error();
  simdjson::dom::parser parser;
  simdjson::dom::array sobjects;
  if (parser.parse(response->body)["sobjects"].get(sobjects))
    return make_error("bad_response", "global Describe answered without sobjects");
  std::vector<ObjectSummary> out;
  for (auto s : sobjects) {
    ObjectSummary o;
    read_string(s, "name", o.name);
    read_string(s, "label", o.label);
    read(s, "custom", o.custom);
    read(s, "queryable", o.queryable);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace sfsync
