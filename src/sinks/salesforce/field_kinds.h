// How a mapped value is written for a Salesforce field type: JSON number, boolean or string.
// Model values are mostly text (CSV, SQL text columns); Salesforce rejects a JSON string for a
// boolean field, so the type from Describe decides the JSON shape.
#pragma once

#include <map>
#include <string>

#include "common/value.h"
#include "salesforce/describe.h"

namespace sfsync {

enum class FieldKind { Text, Number, Boolean };

FieldKind field_kind(const FieldInfo& field);

// Field API name → kind, for every field of the object (case-insensitive lookups by the caller's
// exact mapping names: the map holds the mapping's spelling).
using FieldKinds = std::map<std::string, FieldKind>;

// Appends the value as JSON of the given kind (null stays null: it clears the field).
void append_json_value(std::string& out, const Value& v, FieldKind kind);
// The value as a Bulk API CSV cell (unquoted text; null → "#N/A", which clears the field).
std::string csv_cell_text(const Value& v, FieldKind kind);

}  // namespace sfsync
