#include "emulator/org/schema.h"

#include <algorithm>
#include <cctype>

namespace emu {

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view type_name(FieldType t) {
  switch (t) {
    case FieldType::Id: return "id";
    case FieldType::Reference: return "reference";
    case FieldType::String: return "string";
    case FieldType::TextArea: return "textarea";
    case FieldType::Email: return "email";
    case FieldType::Phone: return "phone";
    case FieldType::Url: return "url";
    case FieldType::Picklist: return "picklist";
    case FieldType::MultiPicklist: return "multipicklist";
    case FieldType::Combobox: return "combobox";
    case FieldType::Boolean: return "boolean";
    case FieldType::Int: return "int";
    case FieldType::Double: return "double";
    case FieldType::Currency: return "currency";
    case FieldType::Percent: return "percent";
    case FieldType::Date: return "date";
    case FieldType::DateTime: return "datetime";
    case FieldType::Time: return "time";
    case FieldType::Address: return "address";
    case FieldType::Location: return "location";
  }
  return "string";
}

std::string_view soap_type(FieldType t) {
  switch (t) {
    case FieldType::Id:
    case FieldType::Reference: return "tns:ID";
    case FieldType::Boolean: return "xsd:boolean";
    case FieldType::Int: return "xsd:int";
    case FieldType::Double:
    case FieldType::Currency:
    case FieldType::Percent: return "xsd:double";
    case FieldType::Date: return "xsd:date";
    case FieldType::DateTime: return "xsd:dateTime";
    case FieldType::Time: return "xsd:time";
    case FieldType::Address: return "urn:address";
    case FieldType::Location: return "urn:location";
    default: return "xsd:string";
  }
}

StorageClass storage_class(FieldType t) {
  switch (t) {
    case FieldType::Boolean:
    case FieldType::Int: return StorageClass::Integer;
    case FieldType::Double:
    case FieldType::Currency:
    case FieldType::Percent: return StorageClass::Real;
    case FieldType::DateTime: return StorageClass::EpochMillis;
    case FieldType::Date: return StorageClass::DateText;
    case FieldType::Address:
    case FieldType::Location: return StorageClass::None;
    default: return StorageClass::Text;
  }
}

bool is_text_type(FieldType t) { return storage_class(t) == StorageClass::Text; }

std::string FieldSchema::column() const {
  if (!stored()) return {};
  return "\"" + name + "\"";
}

const FieldSchema* ObjectSchema::field(std::string_view n) const {
  for (const auto& f : fields)
    if (iequals(f.name, n)) return &f;
  return nullptr;
}

const FieldSchema* ObjectSchema::relationship(std::string_view rel) const {
  for (const auto& f : fields)
    if (f.type == FieldType::Reference && !f.relationship_name.empty() &&
        iequals(f.relationship_name, rel))
      return &f;
  return nullptr;
}

std::vector<const FieldSchema*> ObjectSchema::components(std::string_view compound) const {
  std::vector<const FieldSchema*> out;
  for (const auto& f : fields)
    if (iequals(f.compound_field_name, compound)) out.push_back(&f);
  return out;
}

std::string ObjectSchema::table() const { return "\"sobj_" + name + "\""; }

void Catalog::add(ObjectSchema object) {
  auto owned = std::make_unique<ObjectSchema>(std::move(object));
  by_lower_name_[to_lower(owned->name)] = owned.get();
  objects_.push_back(std::move(owned));
}

const ObjectSchema* Catalog::find(std::string_view name) const {
  auto it = by_lower_name_.find(to_lower(name));
  return it == by_lower_name_.end() ? nullptr : it->second;
}

const ObjectSchema* Catalog::find_by_prefix(std::string_view prefix) const {
  for (const auto& o : objects_)
    if (o->key_prefix == prefix) return o.get();
  return nullptr;
}

}  // namespace emu
