// Value: one field value, parsed once from the source into a small tagged form.
//
// Salesforce precision is kept: currency/decimal values carry their decimal text (never rounded
// through a double), dates are days since 1970-01-01, datetimes are UTC epoch milliseconds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sfsync {

enum class ValueType { Null, Bool, Int, Double, Decimal, String, Date, DateTime, Time };

std::string_view value_type_name(ValueType t);  // "null", "bool", ..., "datetime"

struct Value {
  ValueType type = ValueType::Null;
  bool b = false;
  int64_t i = 0;      // Int; Date (days); DateTime (epoch ms)
  double d = 0;       // Double
  std::string s;      // String; Decimal text ("1234.50"); Time ("13:45:00.000Z")

  static Value null() { return {}; }
  static Value boolean(bool v) { Value x; x.type = ValueType::Bool; x.b = v; return x; }
  static Value integer(int64_t v) { Value x; x.type = ValueType::Int; x.i = v; return x; }
  static Value real(double v) { Value x; x.type = ValueType::Double; x.d = v; return x; }
  static Value decimal(std::string text) { Value x; x.type = ValueType::Decimal; x.s = std::move(text); return x; }
  static Value string(std::string v) { Value x; x.type = ValueType::String; x.s = std::move(v); return x; }
  static Value date(int64_t days) { Value x; x.type = ValueType::Date; x.i = days; return x; }
  static Value datetime(int64_t ms) { Value x; x.type = ValueType::DateTime; x.i = ms; return x; }
  static Value time(std::string v) { Value x; x.type = ValueType::Time; x.s = std::move(v); return x; }

  bool is_null() const { return type == ValueType::Null; }
  // Canonical text: "true", "42", "1234.50", "2024-01-02", "2024-01-02T03:04:05.000Z"; "" for null.
  std::string to_text() const;
  bool operator==(const Value& o) const;
};

}  // namespace sfsync
