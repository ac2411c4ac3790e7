#include "emulator/api/record_json.h"

#include <cctype>

#include "common/time_util.h"

namespace emu {
namespace {

void write_value(sfsync::JsonWriter& out, const FieldSchema& field, const FieldValue* value) {
  if (!value || std::holds_alternative<std::monostate>(*value)) { out.null(); return; }
  if (const auto* b = std::get_if<bool>(value)) { out.value(*b); return; }
  if (const auto* d = std::get_if<double>(value)) { out.value(*d); return; }
  if (const auto* s = std::get_if<std::string>(value)) { out.value(*s); return; }
  int64_t n = std::get<int64_t>(*value);
  switch (field.type) {
    case FieldType::DateTime: out.value(sfsync::format_sf_datetime(n)); return;
    case FieldType::Boolean: out.value(n != 0); return;
    case FieldType::Double: case FieldType::Currency: case FieldType::Percent:
      out.value(static_cast<double>(n));
      return;
    default: out.value(n); return;
  }
}

// The key of a component inside its compound value: MailingPostalCode in MailingAddress ->
// "postalCode"; Loc__Latitude__s in Loc__c -> "latitude".
std::string component_key(const FieldSchema& compound, const FieldSchema& component) {
  std::string_view name = component.name;
  if (compound.type == FieldType::Location) {
    return name.find("Latitude") != std::string_view::npos ? "latitude" : "longitude";
  }
  std::string_view prefix = compound.name;
  if (prefix.size() >= 7 && prefix.substr(prefix.size() - 7) == "Address")
    prefix.remove_suffix(7);
  if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size());
  std::string key(name);
  if (!key.empty()) key[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(key[0])));
  return key;
}

void write_compound(sfsync::JsonWriter& out, const ObjectSchema& object, const FieldSchema& compound,
                    const StoredRecord& record) {
  auto components = object.components(compound.name);
  bool any = false;
  for (const auto* c : components) {
    const FieldValue* v = record.get(c->name);
    if (v && !std::holds_alternative<std::monostate>(*v)) any = true;
  }
  if (!any) { out.null(); return; }
  out.begin_object();
  for (const auto* c : components) {
    out.key(component_key(compound, *c));
    write_value(out, *c, record.get(c->name));
  }
  out.end_object();
}

void write_field(sfsync::JsonWriter& out, const ObjectSchema& object, const FieldSchema& field,
                 const StoredRecord& record) {
  out.key(field.name);
  if (field.stored()) write_value(out, field, record.get(field.name));
  else write_compound(out, object, field, record);
}

}  // namespace

std::string record_url(std::string_view api_version, const ObjectSchema& object, std::string_view id) {
  std::string url = "/services/data/v";
  url.append(api_version).append("/sobjects/").append(object.name).append("/").append(id);
  return url;
}

void write_record_json(sfsync::JsonWriter& out, const ObjectSchema& object, const StoredRecord& record,
                       std::string_view api_version, const std::vector<const FieldSchema*>& fields) {
  out.begin_object();
  out.key("attributes").begin_object();
  out.member("type", object.name).member("url", record_url(api_version, object, record.id));
  out.end_object();
  if (fields.empty()) {
    for (const auto& f : object.fields) write_field(out, object, f, record);
  } else {
    bool has_id = false;
    for (const auto* f : fields) {
      write_field(out, object, *f, record);
      has_id = has_id || f->type == FieldType::Id;
    }
    if (!has_id) out.member("Id", record.id);
  }
  out.end_object();
}

std::optional<std::vector<const FieldSchema*>> parse_field_list(const ObjectSchema& object,
                                                                std::string_view list,
                                                                std::string& bad_name) {
  std::vector<const FieldSchema*> out;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
    if (!name.empty()) {
      const FieldSchema* f = object.field(name);
      if (!f) { bad_name = std::string(name); return std::nullopt; }
      out.push_back(f);
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace emu
