#include "config/field_catalog.h"

#include <algorithm>
#include <cctype>

namespace sfsync {

std::string StaticFieldCatalog::key(std::string_view s) {
  std::string k(s);
  std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
  return k;
}

StaticFieldCatalog& StaticFieldCatalog::add_field(std::string name, std::string type) {
  if (types_.emplace(key(name), std::move(type)).second) order_.push_back(std::move(name));
  return *this;
}

StaticFieldCatalog& StaticFieldCatalog::add_relationship(std::string name, std::shared_ptr<const FieldCatalog> parent) {
  if (relationships_.emplace(key(name), std::move(parent)).second) relationship_order_.push_back(std::move(name));
  return *this;
}

std::optional<std::string> StaticFieldCatalog::field_type(std::string_view field) const {
  auto it = types_.find(key(field));
  if (it == types_.end()) return std::nullopt;
  return it->second;
}

const FieldCatalog* StaticFieldCatalog::relationship(std::string_view name) const {
  auto it = relationships_.find(key(name));
  return it == relationships_.end() ? nullptr : it->second.get();
}

bool StaticFieldCatalog::has_relationship(std::string_view name) const {
  return relationships_.count(key(name)) > 0;
}

}  // namespace sfsync
