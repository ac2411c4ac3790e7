// FieldCatalog: the minimal view of Describe that config checks need.
//
// The engine adapts its Describe result (or a Data Extension's column list) to this interface; the
// config module never talks to Salesforce. Lookups are case-insensitive, like Salesforce's.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfsync {

class FieldCatalog {
 public:
  virtual ~FieldCatalog() = default;

  virtual std::string object_name() const = 0;
  // Describe `type` of a field ("string", "email", "currency", "datetime", "reference", ...).
  virtual std::optional<std::string> field_type(std::string_view field) const = 0;
  virtual std::vector<std::string> field_names() const = 0;
  // Parent relationship ("Account" on Contact) -> the parent object's catalog; nullptr if unknown
  // (or not loaded: then paths through it are not checked further).
  virtual const FieldCatalog* relationship(std::string_view name) const = 0;
  virtual bool has_relationship(std::string_view name) const = 0;
  virtual std::vector<std::string> relationship_names() const = 0;
};

// A catalog filled by hand: for tests, and for sources that know their columns (Data Extensions).
class StaticFieldCatalog : public FieldCatalog {
 public:
  explicit StaticFieldCatalog(std::string object) : object_(std::move(object)) {}

  StaticFieldCatalog& add_field(std::string name, std::string type);
  // `parent` may be null (relationship known, its object not loaded).
  StaticFieldCatalog& add_relationship(std::string name, std::shared_ptr<const FieldCatalog> parent);

  std::string object_name() const override { return object_; }
  std::optional<std::string> field_type(std::string_view field) const override;
  std::vector<std::string> field_names() const override { return order_; }
  const FieldCatalog* relationship(std::string_view name) const override;
  bool has_relationship(std::string_view name) const override;
  std::vector<std::string> relationship_names() const override { return relationship_order_; }

 private:
  static std::string key(std::string_view s);
  std::string object_;
  std::map<std::string, std::string> types_;  // lower-case name -> type
  std::vector<std::string> order_;
  std::map<std::string, std::shared_ptr<const FieldCatalog>> relationships_;
  std::vector<std::string> relationship_order_;
};

}  // namespace sfsync
