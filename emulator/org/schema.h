// The org's metadata: objects and fields, as Describe reports them.
//
// One Catalog per emulator. It is the single source of truth for Describe, the SOQL compiler
// (which field exists, its type, which relationship leads where), the SQLite table layout and
// write validation (required, createable, updateable, length).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu {

enum class FieldType {
  Id, Reference, String, TextArea, Email, Phone, Url, Picklist, MultiPicklist, Combobox,
  Boolean, Int, Double, Currency, Percent, Date, DateTime, Time, Address, Location,
};

// Describe's `type` string ("id", "reference", "textarea", ...) and SOAP type ("tns:ID", "xsd:string").
std::string_view type_name(FieldType t);
std::string_view soap_type(FieldType t);
// How the value is kept in SQLite, which decides how SOQL literals compare against it.
enum class StorageClass { Text, Integer, Real, EpochMillis, DateText, None };
StorageClass storage_class(FieldType t);
bool is_text_type(FieldType t);

struct PicklistValue {
  std::string value;
  std::string label;
  bool active = true;
  bool default_value = false;
};

struct FieldSchema {
  std::string name;
  std::string label;
  FieldType type = FieldType::String;
  int length = 0;         // text types
  int precision = 0;      // numbers
  int scale = 0;
  int digits = 0;         // int
  bool nillable = true;
  bool createable = true;
  bool updateable = true;
  bool filterable = true;
  bool sortable = true;
  bool groupable = true;
  bool unique = false;
  bool case_sensitive = false;
  bool external_id = false;
  bool id_lookup = false;
  bool calculated = false;
  bool defaulted_on_create = false;
  bool custom = false;
  bool name_field = false;
  bool auto_number = false;
  std::vector<std::string> reference_to;  // Reference: target object names
  std::string relationship_name;          // Reference: "Account", "Owner", "Parent__r"
  std::vector<PicklistValue> picklist_values;
  std::string compound_field_name;        // component of an address: "MailingAddress"

  // The column this field is stored in; empty for compound fields (Address/Location), which are
  // assembled from their components.
  std::string column() const;
  bool stored() const { return type != FieldType::Address && type != FieldType::Location; }
};

struct ObjectSchema {
  std::string name;           // API name, exact case: "Contact", "Invoice__c"
  std::string label;
  std::string label_plural;
  std::string key_prefix;     // "003"
  bool custom = false;
  bool createable = true;
  bool updateable = true;
  bool deletable = true;
  bool queryable = true;
  bool replicateable = true;
  bool searchable = true;
  std::vector<FieldSchema> fields;

  // Case-insensitive lookups, as SOQL and the REST API are.
  const FieldSchema* field(std::string_view name) const;
  // The reference field whose relationshipName matches ("Account" -> AccountId).
  const FieldSchema* relationship(std::string_view relationship_name) const;
  // Components of a compound field, in Describe order.
  std::vector<const FieldSchema*> components(std::string_view compound_name) const;
  // Fields with name_field / the standard set FIELDS(STANDARD) selects.
  bool has_field(std::string_view name) const { return field(name) != nullptr; }
  // SQLite table name for this object.
  std::string table() const;
};

class Catalog {
 public:
  void add(ObjectSchema object);
  // Case-insensitive, like SOQL's FROM.
  const ObjectSchema* find(std::string_view name) const;
  const ObjectSchema* find_by_prefix(std::string_view key_prefix) const;
  const std::vector<std::unique_ptr<ObjectSchema>>& objects() const { return objects_; }

 private:
  std::vector<std::unique_ptr<ObjectSchema>> objects_;
  std::map<std::string, const ObjectSchema*> by_lower_name_;
};

std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);

}  // namespace emu
