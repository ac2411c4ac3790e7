#include "emulator/org/custom_objects.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "emulator/org/object_builder.h"

namespace emu {
namespace {

// Thrown inside this file only; the public functions turn it into a Result error. `where` is the
// YAML path of the offending entry ("custom_objects[0].fields[2]").
struct BadConfig {
  std::string where;
  std::string problem;
};

bool ends_with_c(const std::string& name) {
  return name.size() > 3 && name.compare(name.size() - 3, 3, "__c") == 0;
}

bool valid_api_name(const std::string& name) {
  if (!ends_with_c(name) || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name.substr(0, name.size() - 3))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return name.find("__") == name.size() - 3;  // only the suffix has a double underscore
}

// "Loyalty_Tier__c" -> "Loyalty Tier".
std::string label_from_name(const std::string& name) {
  std::string base = ends_with_c(name) ? name.substr(0, name.size() - 3) : name;
  for (char& c : base)
    if (c == '_') c = ' ';
  return base;
}

std::string scalar(const YAML::Node& node, const char* key, const std::string& where, bool needed) {
  YAML::Node v = node[key];
  if (!v || v.IsNull()) {
    if (needed) throw BadConfig{where, std::string("missing '") + key + "'"};
    return {};
  }
  if (!v.IsScalar()) throw BadConfig{where, std::string("'") + key + "' must be a single value"};
  return v.as<std::string>();
}

template <typename T>
T number(const YAML::Node& node, const char* key, T fallback, const std::string& where) {
  YAML::Node v = node[key];
  if (!v) return fallback;
  try {
    return v.as<T>();
  } catch (const YAML::Exception&) {
    throw BadConfig{where, std::string("'") + key + "' must be a number"};
  }
}

bool flag(const YAML::Node& node, const char* key, const std::string& where) {
  YAML::Node v = node[key];
  if (!v) return false;
  try {
    return v.as<bool>();
  } catch (const YAML::Exception&) {
    throw BadConfig{where, std::string("'") + key + "' must be true or false"};
  }
}

std::vector<std::string> string_list(const YAML::Node& node, const char* key, const std::string& where) {
  YAML::Node v = node[key];
  std::vector<std::string> out;
  if (!v) return out;
  if (v.IsScalar()) return {v.as<std::string>()};
  if (!v.IsSequence()) throw BadConfig{where, std::string("'") + key + "' must be a list"};
  for (const auto& item : v) out.push_back(item.as<std::string>());
  return out;
}

// A typo in a key ("lenght") must not silently produce a different field than intended.
void check_keys(const YAML::Node& node, std::initializer_list<const char*> allowed, const std::string& where) {
  for (const auto& entry : node) {
    std::string key = entry.first.as<std::string>();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
      throw BadConfig{where, "unknown key '" + key + "'"};
  }
}

const std::map<std::string, FieldType>& type_names() {
  static const std::map<std::string, FieldType> kTypes = {
      {"string", FieldType::String},       {"text", FieldType::String},
      {"textarea", FieldType::TextArea},   {"longtextarea", FieldType::TextArea},
      {"email", FieldType::Email},         {"phone", FieldType::Phone},
      {"url", FieldType::Url},             {"picklist", FieldType::Picklist},
      {"multipicklist", FieldType::MultiPicklist},
      {"boolean", FieldType::Boolean},     {"checkbox", FieldType::Boolean},
      {"int", FieldType::Int},             {"integer", FieldType::Int},
      {"double", FieldType::Double},       {"number", FieldType::Double},
      {"currency", FieldType::Currency},   {"percent", FieldType::Percent},
      {"date", FieldType::Date},           {"datetime", FieldType::DateTime},
      {"time", FieldType::Time},           {"reference", FieldType::Reference},
      {"lookup", FieldType::Reference}};
  return kTypes;
}

// Default length/precision per type, as Setup proposes them.
Field typed_field(const std::string& name, const std::string& label, const std::string& type_name,
                  const YAML::Node& node, const std::string& where) {
  auto it = type_names().find(to_lower(type_name));
  if (it == type_names().end()) throw BadConfig{where, "unknown type '" + type_name + "'"};
  FieldType type = it->second;
  Field f(name, label, type);
  switch (type) {
    case FieldType::String: f.length(number(node, "length", 255, where)); break;
    case FieldType::TextArea: {
      int fallback = to_lower(type_name) == "longtextarea" ? 32768 : 255;
      f.length(number(node, "length", fallback, where));
      if (f.schema().length > 255) f.not_filterable();
      break;
    }
    case FieldType::Email: f.length(80); break;
    case FieldType::Phone: f.length(40); break;
    case FieldType::Url: f.length(255); break;
    case FieldType::Picklist: f.length(255); break;
    case FieldType::MultiPicklist: f.length(4099); break;
    case FieldType::Int: f.digits(number(node, "digits", 18, where)); break;
    case FieldType::Double:
    case FieldType::Currency:
      f.number(number(node, "precision", 18, where), number(node, "scale", type == FieldType::Double ? 0 : 2, where));
      break;
    case FieldType::Percent: f.number(number(node, "precision", 18, where), number(node, "scale", 0, where)); break;
    default: break;
  }
  if (f.schema().length <= 0 && (type == FieldType::String || type == FieldType::TextArea))
    throw BadConfig{where, "'length' must be positive"};
  return f;
}

Field parse_field(const YAML::Node& node, const std::string& where) {
  if (!node.IsMap()) throw BadConfig{where, "a field must be a map with at least name and type"};
  std::string name = scalar(node, "name", where, true);
  if (!valid_api_name(name))
    throw BadConfig{where, "field name '" + name + "' must be a custom API name ending in __c"};
  check_keys(node,
             {"name", "type", "label", "length", "precision", "scale", "digits", "required", "unique", "external_id",
              "values", "default", "reference_to", "relationship_name", "help"},
             where + " (" + name + ")");
  std::string label = scalar(node, "label", where, false);
  Field f = typed_field(name, label.empty() ? label_from_name(name) : label, scalar(node, "type", where, true),
                        node, where + " (" + name + ")");
  f.custom();
  if (flag(node, "required", where)) f.required();
  if (flag(node, "unique", where)) f.unique().id_lookup();
  if (flag(node, "external_id", where)) f.external_id();
  FieldType type = f.schema().type;
  auto values = string_list(node, "values", where);
  std::string default_value = scalar(node, "default", where, false);
  if (type == FieldType::Picklist || type == FieldType::MultiPicklist) {
    if (values.empty()) throw BadConfig{where + " (" + name + ")", "a picklist needs 'values'"};
    if (!default_value.empty() && std::find(values.begin(), values.end(), default_value) == values.end())
      throw BadConfig{where + " (" + name + ")", "default '" + default_value + "' is not one of the values"};
    f.values(values, default_value);
  } else if (!values.empty()) {
    throw BadConfig{where + " (" + name + ")", "'values' only applies to picklists"};
  }
  if (type == FieldType::Reference) {
    auto targets = string_list(node, "reference_to", where);
    if (targets.empty()) throw BadConfig{where + " (" + name + ")", "a reference needs 'reference_to'"};
    std::string rel = scalar(node, "relationship_name", where, false);
    if (rel.empty()) rel = name.substr(0, name.size() - 3) + "__r";
    f.length(18).references(targets, rel);
  }
  if (type == FieldType::Boolean && !default_value.empty()) f.defaulted();
  return f;
}

std::string next_key_prefix(const Catalog& catalog) {
  for (int n = 0; n < 36 * 36; ++n) {
    static const char* kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string prefix = {'a', kDigits[n / 36], kDigits[n % 36]};
    if (!catalog.find_by_prefix(prefix)) return prefix;
  }
  throw BadConfig{"custom_objects", "too many custom objects"};
}

// Catalog::objects() hands out const unique_ptrs to mutable objects: the one way to extend an
// object already in the catalog (custom fields on Contact).
ObjectSchema* mutable_object(Catalog& catalog, const std::string& name) {
  const ObjectSchema* found = catalog.find(name);
  for (const auto& o : catalog.objects())
    if (o.get() == found) return o.get();
  return nullptr;
}

void add_field(ObjectSchema& object, const Field& field, const std::string& where) {
  if (object.field(field.schema().name))
    throw BadConfig{where, "field '" + field.schema().name + "' already exists on " + object.name};
  if (!field.schema().relationship_name.empty() && object.relationship(field.schema().relationship_name))
    throw BadConfig{where, "relationship '" + field.schema().relationship_name + "' already exists on " + object.name};
  object.fields.push_back(field.schema());
}

std::vector<Field> parse_fields(const YAML::Node& list, const std::string& where) {
  std::vector<Field> out;
  if (!list) return out;
  if (!list.IsSequence()) throw BadConfig{where, "must be a list of fields"};
  for (size_t i = 0; i < list.size(); ++i)
    out.push_back(parse_field(list[i], where + "[" + std::to_string(i) + "]"));
  return out;
}

void add_custom_object(Catalog& catalog, const YAML::Node& node, const std::string& where) {
  if (!node.IsMap()) throw BadConfig{where, "a custom object must be a map with name and fields"};
  std::string name = scalar(node, "name", where, true);
  if (!valid_api_name(name)) throw BadConfig{where, "object name '" + name + "' must end in __c"};
  check_keys(node, {"name", "label", "label_plural", "fields"}, where + " (" + name + ")");
  if (catalog.find(name)) throw BadConfig{where, "object '" + name + "' is defined twice"};
  std::string label = scalar(node, "label", where, false);
  if (label.empty()) label = label_from_name(name);
  std::string plural = scalar(node, "label_plural", where, false);
  if (plural.empty()) plural = label + "s";

  ObjectBuilder b(name, label, plural, next_key_prefix(catalog));
  b.custom()
      .owner()
      .add(text("Name", label + " Name", 80).name_field().id_lookup().defaulted())
      .audit()
      .recently_viewed();
  std::string fields_where = where + " (" + name + ").fields";
  for (const Field& f : parse_fields(node["fields"], fields_where)) add_field(b.schema(), f, fields_where);
  catalog.add(b.build());
}

// References may point to objects defined later in the file, so they are checked at the end.
void check_references(const Catalog& catalog, const std::set<std::string>& touched) {
  for (const auto& o : catalog.objects()) {
    if (!touched.count(o->name)) continue;
    for (const auto& f : o->fields) {
      if (!f.custom || f.type != FieldType::Reference) continue;
      for (const auto& target : f.reference_to)
        if (!catalog.find(target))
          throw BadConfig{o->name + "." + f.name, "reference_to '" + target + "' is not an object of this org"};
    }
  }
}

void apply_config(Catalog& catalog, const YAML::Node& root) {
  if (!root || root.IsNull()) return;
  if (!root.IsMap()) throw BadConfig{"top level", "the config must be a map"};
  std::set<std::string> touched;
  if (YAML::Node objects = root["custom_objects"]) {
    if (!objects.IsSequence()) throw BadConfig{"custom_objects", "must be a list"};
    for (size_t i = 0; i < objects.size(); ++i) {
      add_custom_object(catalog, objects[i], "custom_objects[" + std::to_string(i) + "]");
      touched.insert(catalog.objects().back()->name);
    }
  }
  if (YAML::Node fields = root["custom_fields"]) {
    if (!fields.IsMap()) throw BadConfig{"custom_fields", "must map object names to lists of fields"};
    for (const auto& entry : fields) {
      std::string object_name = entry.first.as<std::string>();
      std::string where = "custom_fields." + object_name;
      ObjectSchema* object = mutable_object(catalog, object_name);
      if (!object) throw BadConfig{where, "no object named '" + object_name + "'"};
      for (const Field& f : parse_fields(entry.second, where)) add_field(*object, f, where);
      touched.insert(object->name);
    }
  }
  check_references(catalog, touched);
}

}  // namespace

sfsync::Result<void> add_custom_objects_from_yaml_text(Catalog& catalog, const std::string& yaml_text,
                                                       const std::string& origin) {
  try {
    apply_config(catalog, YAML::Load(yaml_text));
  } catch (const BadConfig& e) {
    return sfsync::make_error("bad_config", origin + ": " + e.where + ": " + e.problem);
  } catch (const YAML::Exception& e) {
    return sfsync::make_error("bad_config", origin + ": invalid YAML: " + e.what());
  }
  return {};
}

sfsync::Result<void> add_custom_objects_from_yaml(Catalog& catalog, const std::string& yaml_path) {
  std::ifstream in(yaml_path);
  if (!in) return sfsync::make_error("bad_config", "cannot read config file " + yaml_path);
  std::stringstream text;
  text << in.rdbuf();
  return add_custom_objects_from_yaml_text(catalog, text.str(), yaml_path);
}

}  // namespace emu
