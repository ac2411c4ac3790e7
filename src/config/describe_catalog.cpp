#include "config/describe_catalog.h"

#include <algorithm>
#include <cctype>

namespace sfsync {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

void ObjectInfoCatalog::add_parent(const std::string& relationship_name, std::shared_ptr<const FieldCatalog> parent) {
  parents_[lower(relationship_name)] = std::move(parent);
}

std::optional<std::string> ObjectInfoCatalog::field_type(std::string_view field) const {
  const FieldInfo* f = info_.field(field);
  if (f == nullptr) return std::nullopt;
  return f->type;
}

std::vector<std::string> ObjectInfoCatalog::field_names() const {
  std::vector<std::string> names;
  names.reserve(info_.fields.size());
  for (const auto& f : info_.fields) names.push_back(f.name);
  return names;
}

const FieldCatalog* ObjectInfoCatalog::relationship(std::string_view name) const {
  auto it = parents_.find(lower(name));
  return it == parents_.end() ? nullptr : it->second.get();
}

bool ObjectInfoCatalog::has_relationship(std::string_view name) const { return info_.relationship(name) != nullptr; }

std::vector<std::string> ObjectInfoCatalog::relationship_names() const {
  std::vector<std::string> names;
  for (const auto& f : info_.fields)
    if (!f.relationship_name.empty()) names.push_back(f.relationship_name);
  return names;
}

}  // namespace sfsync
