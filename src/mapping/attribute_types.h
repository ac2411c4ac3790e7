// Attribute types: what a mapped value becomes in the customer store.
//
// By default a value keeps the type its source gave it (the Salesforce source parses each field once
// from Describe: currency/decimal stay decimal text, datetimes are UTC epoch ms). An explicit
// `type:` in the config converts it; a value that cannot be converted is reported, never guessed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/value.h"

namespace sfsync {

// Phone: text normalized to E.164 with the sync's default_phone_country (libphonenumber, as phone
// identifiers are); convert_value alone keeps it as text, the mapper normalizes it.
enum class AttributeType { Auto, String, Number, Boolean, Date, DateTime, Phone };

// "string", "number", "boolean", "date", "datetime", "phone"; nullopt for anything else ("auto" is not a
// config spelling: leaving `type` out means keep the source type).
std::optional<AttributeType> parse_attribute_type(std::string_view name);
std::string_view attribute_type_name(AttributeType t);

// The attribute type a Salesforce Describe field type maps to by default ("currency" -> Number,
// "datetime" -> DateTime, "multipicklist" -> String, ...). Unknown types map to String.
AttributeType default_attribute_type(std::string_view salesforce_type);

// Converts a value to the requested type. Null stays null for every type. The error message names
// the offending value and the type asked for (the caller prefixes the field).
Result<Value> convert_value(const Value& v, AttributeType to);

}  // namespace sfsync
