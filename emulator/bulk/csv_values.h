// Field values as Bulk API 2.0 writes them in CSV result files.
//
// Unlike REST JSON: booleans are the words true/false, datetimes end in Z
// (2024-01-02T03:04:05.000Z), dates are YYYY-MM-DD, null is an empty field.
#pragma once

#include <string>

#include "emulator/org/org_store.h"
#include "emulator/org/schema.h"

namespace emu {

// Appends the unquoted text of `value` (a field of type `type`) to `out`.
void append_csv_value(std::string& out, const FieldValue& value, FieldType type);

}  // namespace emu
