#include "mapping/attribute_types.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <utility>

#include <fmt/format.h>

#include "common/time_util.h"

namespace sfsync {
namespace {

constexpr int64_t kMsPerDay = 86'400'000;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Error cannot_convert(const Value& v, AttributeType to) {
  return make_error("bad_value", fmt::format("\"{}\" ({}) is not a valid {}", v.to_text(),
                                             value_type_name(v.type), attribute_type_name(to)));
}

// Integers stay Int; anything else that is a plain decimal number keeps its text as Decimal so that
// no precision is lost through a double.
std::optional<Value> parse_number_text(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  int64_t i = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), i);
  if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return Value::integer(i);
  size_t pos = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  bool digits = false, dot = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (std::isdigit(static_cast<unsigned char>(c))) digits = true;
    else if (c == '.' && !dot) dot = true;
    else return std::nullopt;
  }
  if (!digits) return std::nullopt;
  return Value::decimal(std::string(text[0] == '+' ? text.substr(1) : text));
}

Result<Value> to_number(const Value& v) {
  switch (v.type) {
    case ValueType::Int:
    case ValueType::Double:
    case ValueType::Decimal: return v;
    case ValueType::String:
      if (auto n = parse_number_text(v.s)) return *n;
      break;
    default: break;
  }
  return cannot_convert(v, AttributeType::Number);
}

Result<Value> to_boolean(const Value& v) {
  if (v.type == ValueType::Bool) return v;
  if (v.type == ValueType::Int && (v.i == 0 || v.i == 1)) return Value::boolean(v.i == 1);
  if (v.type == ValueType::String) {
    std::string t = lower(trim(v.s));
    if (t == "true" || t == "1" || t == "yes" || t == "y") return Value::boolean(true);
    if (t == "false" || t == "0" || t == "no" || t == "n") return Value::boolean(false);
  }
  return cannot_convert(v, AttributeType::Boolean);
}

// Marketing Cloud writes dates as "6/23/2024 12:00:00 AM" or "6/23/2024" (no zone: read as UTC).
std::optional<int64_t> parse_us_datetime(std::string_view t) {
  int month = 0, day = 0, year = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  char meridiem[3] = {0, 0, 0};
  std::string text(t);
  int n = std::sscanf(text.c_str(), "%d/%d/%d%n %d:%d:%d %2s%n", &month, &day, &year, &consumed, &hour, &minute,
                      &second, meridiem, &consumed);
  if (n != 3 && n != 7) return std::nullopt;
  if (static_cast<size_t>(consumed) != text.size()) return std::nullopt;
  if (n == 7) {
    std::string m = lower(meridiem);
    if ((m != "am" && m != "pm") || hour < 1 || hour > 12 || minute > 59 || second > 59) return std::nullopt;
    hour = hour % 12 + (m == "pm" ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000) return std::nullopt;
  int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * kMsPerDay + (hour * 3600 + minute * 60 + second) * 1000LL;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Result<Value> to_date(const Value& v) {
  if (v.type == ValueType::Date) return v;
  if (v.type == ValueType::DateTime) return Value::date(floor_div(v.i, kMsPerDay));
  if (v.type == ValueType::String) {
    std::string_view t = trim(v.s);
    if (auto d = parse_date(t)) return Value::date(*d);
    if (auto ms = parse_iso_datetime(t, true)) return Value::date(floor_div(*ms, kMsPerDay));
    if (auto ms = parse_us_datetime(t)) return Value::date(floor_div(*ms, kMsPerDay));
  }
  return cannot_convert(v, AttributeType::Date);
}

Result<Value> to_datetime(const Value& v) {
  if (v.type == ValueType::DateTime) return v;
  if (v.type == ValueType::Date) return Value::datetime(v.i * kMsPerDay);
  if (v.type == ValueType::String) {
    std::string_view t = trim(v.s);
    // Values without a zone are taken as UTC (SFMC writes some that way; see docs/config.md).
    if (auto ms = parse_iso_datetime(t, true)) return Value::datetime(*ms);
    if (auto d = parse_date(t)) return Value::datetime(*d * kMsPerDay);
    if (auto ms = parse_us_datetime(t)) return Value::datetime(*ms);
  }
  return cannot_convert(v, AttributeType::DateTime);
}

}  // namespace

std::optional<AttributeType> parse_attribute_type(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, AttributeType>, 6> kNames{{
      {"string", AttributeType::String},
      {"number", AttributeType::Number},
      {"boolean", AttributeType::Boolean},
      {"date", AttributeType::Date},
      {"datetime", AttributeType::DateTime},
      {"phone", AttributeType::Phone},
  }};
  for (const auto& [n, t] : kNames)
    if (n == name) return t;
  return std::nullopt;
}

std::string_view attribute_type_name(AttributeType t) {
  switch (t) {
    case AttributeType::Auto: return "auto";
    case AttributeType::String: return "string";
    case AttributeType::Number: return "number";
    case AttributeType::Boolean: return "boolean";
    case AttributeType::Date: return "date";
    case AttributeType::DateTime: return "datetime";
    case AttributeType::Phone: return "phone";
  }
  return "auto";
}

AttributeType default_attribute_type(std::string_view salesforce_type) {
  std::string t = lower(salesforce_type);
  if (t == "int" || t == "long" || t == "double" || t == "currency" || t == "percent")
    return AttributeType::Number;
  if (t == "boolean") return AttributeType::Boolean;
  if (t == "date") return AttributeType::Date;
  if (t == "datetime") return AttributeType::DateTime;
  // id, string, textarea, email, phone, url, picklist, multipicklist (';'-joined), combobox,
  // reference, encryptedstring, time, base64, anyType, ... are kept as text.
  return AttributeType::String;
}

Result<Value> convert_value(const Value& v, AttributeType to) {
  if (v.is_null() || to == AttributeType::Auto) return v;
  switch (to) {
    case AttributeType::String:
    case AttributeType::Phone: return v.type == ValueType::String ? v : Value::string(v.to_text());
    case AttributeType::Number: return to_number(v);
    case AttributeType::Boolean: return to_boolean(v);
    case AttributeType::Date: return to_date(v);
    case AttributeType::DateTime: return to_datetime(v);
    case AttributeType::Auto: break;
  }
  return v;
}

}  // namespace sfsync
