#include "emulator/sfmc/de_config.h"

#include <yaml-cpp/yaml.h>

namespace emu {
namespace {

using sfsync::make_error;

sfsync::Result<DeField> parse_field(const YAML::Node& node, const std::string& de_key) {
  DeField field;
  field.name = node["name"].as<std::string>("");
  if (field.name.empty()) return make_error("bad_config", "a field of Data Extension " + de_key + " has no name");
  auto type = parse_de_field_type(node["type"].as<std::string>("Text"));
  if (!type) return make_error("bad_config", "field " + de_key + "." + field.name + " has an unknown type");
  field.type = *type;
  field.length = node["length"].as<int>(field.type == DeFieldType::Decimal ? 18 : 0);
  field.scale = node["scale"].as<int>(field.type == DeFieldType::Decimal ? 2 : 0);
  field.is_primary_key = node["is_primary_key"].as<bool>(false);
  field.is_nullable = node["is_nullable"].as<bool>(!field.is_primary_key);
  return field;
}

}  // namespace

sfsync::Result<std::vector<DataExtensionDef>> load_data_extensions_yaml(const std::string& path) {
  std::vector<DataExtensionDef> out;
  try {
    YAML::Node root = YAML::LoadFile(path);
    for (const auto& node : root["data_extensions"]) {
      DataExtensionDef de;
      de.key = node["key"].as<std::string>("");
      if (de.key.empty()) return make_error("bad_config", path + ": a data extension has no key");
      de.name = node["name"].as<std::string>(de.key);
      de.rows_to_generate = node["rows"].as<int64_t>(0);
      for (const auto& f : node["fields"]) {
        auto field = parse_field(f, de.key);
        if (!field) return field.error();
        de.fields.push_back(std::move(*field));
      }
      de.id = data_extension_id(de.key);
      out.push_back(std::move(de));
    }
  } catch (const YAML::Exception& e) {
    return make_error("bad_config", path + ": " + e.what());
  }
  return out;
}

}  // namespace emu
