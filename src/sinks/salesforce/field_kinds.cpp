#include "sinks/salesforce/field_kinds.h"

#include <cctype>

#include "common/json_writer.h"

namespace sfsync {

namespace {

bool looks_numeric(const std::string& s) {
  if (s.empty()) return false;
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  bool digit = false, dot = false;
  for (; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) digit = true;
    else if (s[i] == '.' && !dot) dot = true;
    else return false;
  }
  return digit;
}

bool truthy(const Value& v) {
  if (v.type == ValueType::Bool) return v.b;
  if (v.type == ValueType::Int) return v.i != 0;
  std::string t = v.to_text();
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t == "true" || t == "t" || t == "1" || t == "yes" || t == "y";
}

}  // namespace

FieldKind field_kind(const FieldInfo& field) {
  const std::string& t = field.type;
  if (t == "boolean") return FieldKind::Boolean;
  if (t == "int" || t == "double" || t == "currency" || t == "percent" || t == "long") return FieldKind::Number;
  return FieldKind::Text;
}

void append_json_value(std::string& out, const Value& v, FieldKind kind) {
  if (v.is_null()) { out += "null"; return; }
  if (kind == FieldKind::Boolean) { out += truthy(v) ? "true" : "false"; return; }
  std::string text = v.to_text();
  if (kind == FieldKind::Number && looks_numeric(text)) {
    // Leading '+' is not JSON.
    out += text[0] == '+' ? text.substr(1) : text;
    return;
  }
  JsonWriter::append_escaped(out, text);  // quotes included
}

std::string csv_cell_text(const Value& v, FieldKind kind) {
  if (v.is_null()) return "#N/A";
  if (kind == FieldKind::Boolean) return truthy(v) ? "true" : "false";
  return v.to_text();
}

}  // namespace sfsync
