// ObjectInfoCatalog: a FieldCatalog over the engine's Describe result (salesforce/describe.h).
//
// Parents are optional: describe the objects behind the relationships the config uses (e.g.
// Account for Contact's "Account") and add them, or leave them out and paths through those
// relationships are checked only up to the relationship name.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "config/field_catalog.h"
#include "salesforce/describe.h"

namespace sfsync {

class ObjectInfoCatalog : public FieldCatalog {
 public:
  explicit ObjectInfoCatalog(ObjectInfo info) : info_(std::move(info)) {}

  // The described parent object behind `relationship_name` ("Account").
  void add_parent(const std::string& relationship_name, std::shared_ptr<const FieldCatalog> parent);

  std::string object_name() const override { return info_.name; }
  std::optional<std::string> field_type(std::string_view field) const override;
  std::vector<std::string> field_names() const override;
  const FieldCatalog* relationship(std::string_view name) const override;
  bool has_relationship(std::string_view name) const override;
  std::vector<std::string> relationship_names() const override;

  const ObjectInfo& info() const { return info_; }

 private:
  ObjectInfo info_;
  std::map<std::string, std::shared_ptr<const FieldCatalog>> parents_;  // lower-case relationship name
};

}  // namespace sfsync
