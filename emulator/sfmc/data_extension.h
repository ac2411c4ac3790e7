// Data Extension definitions: Marketing Cloud's tables. Field names are matched case-insensitively
// everywhere, as the platform does (it lower-cases them in rowset responses).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/org/schema.h"  // iequals, to_lower

namespace emu {

enum class DeFieldType { Text, Number, Date, Boolean, EmailAddress, Phone, Decimal, Locale };

std::optional<DeFieldType> parse_de_field_type(std::string_view name);  // case-insensitive
std::string_view de_field_type_name(DeFieldType type);                  // "EmailAddress"

struct DeField {
  std::string name;
  DeFieldType type = DeFieldType::Text;
  int length = 0;  // Text/EmailAddress/Phone (0 = unlimited); Decimal precision
  int scale = 0;   // Decimal digits after the point
  bool is_primary_key = false;
  bool is_nullable = true;
};

struct DataExtensionDef {
  std::string key;   // external key (customerKey)
  std::string name;
  std::string id;    // ObjectID GUID, stable per key
  std::vector<DeField> fields;
  int64_t rows_to_generate = 0;

  // Index of the field named `name` (case-insensitive), or -1.
  int field_index(std::string_view name) const;
  bool has_primary_key() const;
};

// The demo Data Extensions every emulator has: Subscribers_DE (with a ModifiedDate column),
// Preferences_DE (without one, so a sync must fall back to full reads) and an empty
// Customer_Scores_DE for pushes (SubscriberKey key, Tier required and at most 20 characters).
std::vector<DataExtensionDef> default_data_extensions();

// SQL column of field `index` in the DE's table ("c3"; see data_extension_store.h).
std::string de_column(size_t index);

// A DataExtensionDef's id from its key.
std::string data_extension_id(std::string_view key);

}  // namespace emu
