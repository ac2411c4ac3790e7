// Describe: the org's metadata as the engine needs it (field names, types, flags, relationships).
// The whole sync config is validated against it before the first data call.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/text.h"
#include "salesforce/salesforce_client.h"

namespace sfsync {

struct FieldInfo {
  std::string name;
  std::string label;
  std::string type;  // Describe's type: "string", "email", "datetime", "reference", "address", ...
  int length = 0;
  bool nillable = true;
  bool createable = false;
  bool updateable = false;
  bool filterable = true;
  bool defaulted_on_create = false;
  bool calculated = false;
  bool external_id = false;
  bool id_lookup = false;
  std::vector<std::string> reference_to;
  std::string relationship_name;
  std::string compound_field_name;
};

struct ObjectInfo {
  std::string name;
  std::string label;
  std::string key_prefix;
  bool custom = false;
  bool queryable = true;
  bool replicateable = true;  // getUpdated / getDeleted answer for it
  std::vector<FieldInfo> fields;

  const FieldInfo* field(std::string_view name) const;               // case-insensitive
  const FieldInfo* relationship(std::string_view relationship) const;  // reference field by relationshipName
  // The incremental cursor field: SystemModstamp, else LastModifiedDate, else "" (full syncs only).
  std::string cursor_field() const;
};

struct ObjectSummary {
  std::string name;
  std::string label;
  bool custom = false;
  bool queryable = true;
};

Result<ObjectInfo> describe_object(SalesforceClient& client, const std::string& object);
Result<std::vector<ObjectSummary>> describe_global(SalesforceClient& client);

// Parses a describe body (exposed for tests).
Result<ObjectInfo> parse_describe(std::string_view json);


}  // namespace sfsync
