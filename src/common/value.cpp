#include "common/value.h"

#include <charconv>

#include "common/time_util.h"

namespace sfsync {

std::string_view value_type_name(ValueType t) {
  switch (t) {
    case ValueType::Null: return "null";
    case ValueType::Bool: return "bool";
    case ValueType::Int: return "int";
    case ValueType::Double: return "double";
    case ValueType::Decimal: return "decimal";
    case ValueType::String: return "string";
    case ValueType::Date: return "date";
    case ValueType::DateTime: return "datetime";
    case ValueType::Time: return "time";
  }
  return "null";
}

std::string Value::to_text() const {
  switch (type) {
    case ValueType::Null: return "";
    case ValueType::Bool: return b ? "true" : "false";
    case ValueType::Int: return std::to_string(i);
    case ValueType::Double: {
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, d);
      return std::string(buf, r.ptr);
    }
    case ValueType::Date: return format_date(i);
    case ValueType::DateTime: return format_iso_datetime_z(i);
    default: return s;
  }
}

bool Value::operator==(const Value& o) const {
  if (type != o.type) return false;
  switch (type) {
    case ValueType::Null: return true;
    case ValueType::Bool: return b == o.b;
    case ValueType::Int:
    case ValueType::Date:
    case ValueType::DateTime: return i == o.i;
    case ValueType::Double: return d == o.d;
    default: return s == o.s;
  }
}

}  // namespace sfsync
