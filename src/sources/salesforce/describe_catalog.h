// DescribeCatalog: the FieldCatalog the config checks use, backed by live Describe calls.
// Parent objects are described lazily, once, when a path walks into them (Account.Owner.Name).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "config/field_catalog.h"
#include "salesforce/describe.h"

namespace sfsync {

using Describer = std::function<Result<ObjectInfo>(const std::string& object)>;

class DescribeCatalog : public FieldCatalog {
 public:
  DescribeCatalog(ObjectInfo info, Describer describer);

  std::string object_name() const override { return info_.name; }
  std::optional<std::string> field_type(std::string_view field) const override;
  std::vector<std::string> field_names() const override;
  const FieldCatalog* relationship(std::string_view name) const override;
  bool has_relationship(std::string_view name) const override;
  std::vector<std::string> relationship_names() const override;

  const ObjectInfo& info() const { return info_; }
  // The Describe type of a dotted path ("Account.Owner.Name"); nullopt when it does not resolve.
  std::optional<std::string> path_type(std::string_view path) const;

 private:
  ObjectInfo info_;
  Describer describer_;
  mutable std::map<std::string, std::unique_ptr<DescribeCatalog>> parents_;  // by lower-case relationship
};

}  // namespace sfsync
