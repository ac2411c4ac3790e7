#include "sources/salesforce/describe_catalog.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"

namespace sfsync {

DescribeCatalog::DescribeCatalog(ObjectInfo info, Describer describer)
    : info_(std::move(info)), describer_(std::move(describer)) {}

std::optional<std::string> DescribeCatalog::field_type(std::string_view field) const {
  if (const FieldInfo* f = info_.field(field)) return f->type;
  return std::nullopt;
}

std::vector<std::string> DescribeCatalog::field_names() const {
  std::vector<std::string> names;
  for (const auto& f : info_.fields) names.push_back(f.name);
  return names;
}

bool DescribeCatalog::has_relationship(std::string_view name) const { return info_.relationship(name) != nullptr; }

std::vector<std::string> DescribeCatalog::relationship_names() const {
  std::vector<std::string> names;
  for (const auto& f : info_.fields)
    if (!f.relationship_name.empty()) names.push_back(f.relationship_name);
  return names;
}

const FieldCatalog* DescribeCatalog::relationship(std::string_view name) const {
  const FieldInfo* ref = info_.relationship(name);
  if (!ref || ref->reference_to.empty()) return nullptr;
  std::string key = ascii_lower(name);
  auto it = parents_.find(key);
  if (it != parents_.end()) return it->second.get();
  // Polymorphic lookups (Owner -> Group|User, Who -> Contact|Lead) resolve to User when it is a
  // target — Owner.Email and friends are User fields — else to the first target Describe knows.
  std::vector<std::string> targets = ref->reference_to;
  std::stable_partition(targets.begin(), targets.end(), [](const std::string& t) { return t == "User"; });
  std::optional<ObjectInfo> parent;
  for (const auto& target : targets) {
    auto described = describer_(target);
    if (described) {
      parent = std::move(described.value());
      break;
    }
  }
  if (!parent) return nullptr;
  auto catalog = std::make_unique<DescribeCatalog>(std::move(*parent), describer_);
  const FieldCatalog* out = catalog.get();
  parents_[key] = std::move(catalog);
  return out;
}

std::optional<std::string> DescribeCatalog::path_type(std::string_view path) const {
  auto dot = path.find('.');
  if (dot == std::string_view::npos) return field_type(path);
  const auto* parent = dynamic_cast<const DescribeCatalog*>(relationship(path.substr(0, dot)));
  if (!parent) return std::nullopt;
  return parent->path_type(path.substr(dot + 1));
}

}  // namespace sfsync
