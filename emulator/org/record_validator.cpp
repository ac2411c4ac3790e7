#include "emulator/org/record_validator.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "common/time_util.h"
#include "emulator/org/sfid.h"

namespace emu {
namespace {

bool is_id_field(const FieldSchema& f) { return f.type == FieldType::Id; }

// Characters, not bytes: Salesforce lengths count characters.
size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool is_text_kind(FieldType t) {
  switch (t) {
    case FieldType::String: case FieldType::TextArea: case FieldType::Email: case FieldType::Phone:
    case FieldType::Url: case FieldType::Picklist: case FieldType::MultiPicklist:
    case FieldType::Combobox: case FieldType::Time:
      return true;
    default:
      return false;
  }
}

// local@domain.tld, the shape Salesforce's e-mail validation accepts.
bool valid_email(std::string_view s) {
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
  static constexpr std::string_view kLocalSpecials = "!#$%&'*+/=?^_`{|}~.-";
  for (char c : local)
    if (!std::isalnum(static_cast<unsigned char>(c)) && kLocalSpecials.find(c) == std::string_view::npos)
      return false;
  if (local.front() == '.' || local.back() == '.') return false;
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
  for (size_t i = 0; i < domain.size(); ++i) {
    char c = domain[i];
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
              (c == '.' && i > 0 && domain[i - 1] != '.');
    if (!ok) return false;
  }
  return true;
}

std::optional<double> parse_number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  double d = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::optional<bool> parse_bool_text(std::string_view s) {
  if (iequals(s, "true") || s == "1" || iequals(s, "yes")) return true;
  if (iequals(s, "false") || s == "0" || iequals(s, "no")) return false;
  return std::nullopt;
}

// ISO datetime in any of the forms Salesforce accepts; a bare date means midnight UTC.
std::optional<int64_t> parse_datetime_any(std::string_view s) {
  if (auto ms = sfsync::parse_iso_datetime(s, true)) return ms;
  if (auto days = sfsync::parse_date(s)) return *days * 86400000LL;
  return std::nullopt;
}

// A date field takes YYYY-MM-DD, or a datetime whose UTC day is used.
std::optional<std::string> parse_date_any(std::string_view s) {
  if (sfsync::parse_date(s)) return std::string(s);
  if (auto ms = sfsync::parse_iso_datetime(s, true)) {
    int64_t days = *ms >= 0 ? *ms / 86400000LL : -((-*ms + 86399999LL) / 86400000LL);
    return sfsync::format_date(days);
  }
  return std::nullopt;
}

std::string format_number(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, ec == std::errc() ? p : buf);
}

enum class Parsed { Ok, WrongType, BadId };

// Text -> stored value for every stored type. Shared by JSON strings and CSV cells.
Parsed parse_text(const FieldSchema& field, std::string_view text, FieldValue& out) {
  switch (field.type) {
    case FieldType::Id:
    case FieldType::Reference: {
      auto id = normalize_sfid(text);
      if (!id) return Parsed::BadId;
      out = *id;
      return Parsed::Ok;
    }
    case FieldType::Boolean: {
      auto b = parse_bool_text(text);
      if (!b) return Parsed::WrongType;
      out = *b;
      return Parsed::Ok;
    }
    case FieldType::Int: {
      auto d = parse_number(text);
      if (!d || std::floor(*d) != *d) return Parsed::WrongType;
      out = static_cast<int64_t>(*d);
      return Parsed::Ok;
    }
    case FieldType::Double: case FieldType::Currency: case FieldType::Percent: {
      auto d = parse_number(text);
      if (!d) return Parsed::WrongType;
      out = *d;
      return Parsed::Ok;
    }
    case FieldType::Date: {
      auto d = parse_date_any(text);
      if (!d) return Parsed::WrongType;
      out = *d;
      return Parsed::Ok;
    }
    case FieldType::DateTime: {
      auto ms = parse_datetime_any(text);
      if (!ms) return Parsed::WrongType;
      out = *ms;
      return Parsed::Ok;
    }
    default:
      out = std::string(text);
      return Parsed::Ok;
  }
}

// Jackson's token names, which Salesforce quotes in JSON_PARSER_ERROR.
std::string_view token_name(const simdjson::dom::element& v) {
  switch (v.type()) {
    case simdjson::dom::element_type::ARRAY: return "START_ARRAY";
    case simdjson::dom::element_type::OBJECT: return "START_OBJECT";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64: return "VALUE_NUMBER_INT";
    case simdjson::dom::element_type::DOUBLE: return "VALUE_NUMBER_FLOAT";
    case simdjson::dom::element_type::STRING: return "VALUE_STRING";
    case simdjson::dom::element_type::BOOL: return bool(v) ? "VALUE_TRUE" : "VALUE_FALSE";
    default: return "VALUE_NULL";
  }
}

std::string token_text(const simdjson::dom::element& v) {
  switch (v.type()) {
    case simdjson::dom::element_type::ARRAY: return "[";
    case simdjson::dom::element_type::OBJECT: return "{";
    case simdjson::dom::element_type::STRING: return std::string(std::string_view(v));
    case simdjson::dom::element_type::BOOL: return bool(v) ? "true" : "false";
    case simdjson::dom::element_type::INT64: return std::to_string(int64_t(v));
    case simdjson::dom::element_type::UINT64: return std::to_string(uint64_t(v));
    case simdjson::dom::element_type::DOUBLE: return format_number(double(v));
    default: return "null";
  }
}

// "[line:L, column:C]" of the value that follows "name": in the body, as Jackson reports it
// (the column just past the token's first character).
std::string json_position(std::string_view body, std::string_view name) {
  size_t line = 1, column = 1;
  std::string quoted;
  quoted.reserve(name.size() + 2);
  quoted.push_back('"');
  quoted.append(name);
  quoted.push_back('"');
  size_t at = body.find(quoted);
  if (at != std::string_view::npos) {
    size_t pos = body.find(':', at + quoted.size());
    if (pos != std::string_view::npos) {
      ++pos;
      while (pos < body.size() && std::isspace(static_cast<unsigned char>(body[pos]))) ++pos;
      for (size_t i = 0; i < pos && i < body.size(); ++i) {
        if (body[i] == '\n') { ++line; column = 1; } else { ++column; }
      }
      ++column;
    }
  }
  return "[line:" + std::to_string(line) + ", column:" + std::to_string(column) + "]";
}

// `name` as written in the request, to find the value's position in `body`.
WriteError json_type_error(const FieldSchema& field, std::string_view name, const simdjson::dom::element& v,
                           std::string_view body) {
  std::string msg = "Cannot deserialize instance of " + std::string(type_name(field.type)) + " from " +
                    std::string(token_name(v)) + " value " + token_text(v) +
                    " or request may be missing a required field at " + json_position(body, name);
  return WriteError{"JSON_PARSER_ERROR", std::move(msg), {}, true};
}

WriteError text_type_error(const FieldSchema& field, std::string_view text) {
  return WriteError{"INVALID_TYPE_ON_FIELD_IN_RECORD",
                    message_label(field) + ": value not of required type: " + std::string(text),
                    {field.name}, false};
}

bool is_null_text(std::string_view text) { return text.empty() || text == "#N/A"; }

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

WriteError not_writable_error(const std::vector<std::string>& fields) {
  return WriteError{"INVALID_FIELD_FOR_INSERT_UPDATE",
                    "Unable to create/update fields: " + join(fields) +
                        ". Please check the security settings of this field and verify that it is "
                        "read/write for your profile or permission set.",
                    fields, false};
}

// Salesforce's required fields: createable, not nillable, no default on create. Booleans are
// never nillable but always default to false.
bool required_on_insert(const FieldSchema& f) {
  return f.createable && !f.nillable && !f.defaulted_on_create && f.type != FieldType::Boolean &&
         f.stored();
}

bool is_null(const FieldValue& v) { return std::holds_alternative<std::monostate>(v); }

}  // namespace

std::string message_label(const FieldSchema& field) {
  return field.label.empty() ? field.name : field.label;
}

WriteError invalid_field_error(const ObjectSchema& object, std::string_view name) {
  return WriteError{"INVALID_FIELD",
                    "No such column '" + std::string(name) + "' on sobject of type " + object.name,
                    {}, true};
}

WriteError malformed_id_error(const FieldSchema& id_field, std::string_view value) {
  return WriteError{"MALFORMED_ID",
                    message_label(id_field) + ": id value of incorrect type: " + std::string(value),
                    {id_field.name}, false};
}

WriteError required_missing_error(const std::vector<std::string>& fields) {
  return WriteError{"REQUIRED_FIELD_MISSING", "Required fields are missing: [" + join(fields) + "]",
                    fields, false};
}

std::optional<WriteError> convert_text(const FieldSchema& field, std::string_view text,
                                       FieldValue& out) {
  switch (parse_text(field, text, out)) {
    case Parsed::Ok: return std::nullopt;
    case Parsed::BadId: return malformed_id_error(field, text);
    case Parsed::WrongType: return text_type_error(field, text);
  }
  return std::nullopt;
}

std::optional<WriteError> RecordValidator::add_json_record(simdjson::dom::object record) {
  for (auto member : record) {
    if (iequals(member.key, "attributes")) continue;
    if (auto err = add_json(member.key, member.value)) return err;
  }
  return std::nullopt;
}

std::optional<WriteError> RecordValidator::add_json(std::string_view name,
                                                    simdjson::dom::element value) {
  const FieldSchema* field = object_.field(name);
  if (!field) return invalid_field_error(object_, name);
  // Compound fields deserialize (they are objects) but are never writable: check_access says so.
  if (!field->stored()) return add(*field, std::monostate{});
  using T = simdjson::dom::element_type;
  T type = value.type();
  if (type == T::NULL_VALUE) return add(*field, std::monostate{});
  if (type == T::ARRAY || type == T::OBJECT) return json_type_error(*field, name, value, json_body_);
  if (type == T::STRING) {
    std::string_view s = value;
    if (s.empty()) return add(*field, std::monostate{});
    FieldValue out;
    switch (parse_text(*field, s, out)) {
      case Parsed::Ok: return add(*field, std::move(out));
      case Parsed::BadId: return malformed_id_error(*field, s);
      case Parsed::WrongType: return json_type_error(*field, name, value, json_body_);
    }
  }
  // Numbers and booleans: typed fields take their own kind; text fields take the text form.
  if (is_text_kind(field->type)) return add(*field, token_text(value));
  switch (field->type) {
    case FieldType::Boolean:
      if (type == T::BOOL) return add(*field, bool(value));
      break;
    case FieldType::Int:
      if (type == T::INT64) return add(*field, int64_t(value));
      if (type == T::DOUBLE && std::floor(double(value)) == double(value))
        return add(*field, static_cast<int64_t>(double(value)));
      break;
    case FieldType::Double: case FieldType::Currency: case FieldType::Percent:
      if (type == T::INT64) return add(*field, static_cast<double>(int64_t(value)));
      if (type == T::UINT64) return add(*field, static_cast<double>(uint64_t(value)));
      if (type == T::DOUBLE) return add(*field, double(value));
      break;
    default:
      break;
  }
  return json_type_error(*field, name, value, json_body_);
}

std::optional<WriteError> RecordValidator::add_text(std::string_view name, std::string_view text) {
  const FieldSchema* field = object_.field(name);
  if (!field) return invalid_field_error(object_, name);
  if (!field->stored() || is_null_text(text)) return add(*field, std::monostate{});
  FieldValue out;
  if (auto err = convert_text(*field, text, out)) return err;
  return add(*field, std::move(out));
}

// Value-level checks every source shares: length and e-mail syntax.
std::optional<WriteError> RecordValidator::add(const FieldSchema& field, FieldValue value) {
  // Checkboxes are never null on Salesforce: clearing one unchecks it.
  if (field.type == FieldType::Boolean && is_null(value)) value = false;
  if (const auto* s = std::get_if<std::string>(&value)) {
    if (field.length > 0 && is_text_kind(field.type) && utf8_length(*s) > size_t(field.length))
      return WriteError{"STRING_TOO_LONG",
                        message_label(field) + ": data value too large: " + *s +
                            " (max length=" + std::to_string(field.length) + ")",
                        {field.name}, false};
    if (field.type == FieldType::Email && !valid_email(*s))
      return WriteError{"INVALID_EMAIL_ADDRESS",
                        message_label(field) + ": invalid email address: " + *s, {field.name}, false};
  }
  set(field, std::move(value));
  return std::nullopt;
}

void RecordValidator::set(const FieldSchema& field, FieldValue value) {
  for (auto& a : values_)
    if (a.field == &field) { a.value = std::move(value); return; }
  values_.push_back(FieldAssignment{&field, std::move(value)});
}

const FieldValue* RecordValidator::value_of(const FieldSchema& field) const {
  for (const auto& a : values_)
    if (a.field == &field) return &a.value;
  return nullptr;
}

std::optional<std::string> RecordValidator::take_id() {
  for (auto it = values_.begin(); it != values_.end(); ++it) {
    if (!is_id_field(*it->field)) continue;
    std::string id;
    if (auto* s = std::get_if<std::string>(&it->value)) id = *s;
    values_.erase(it);
    return id;
  }
  return std::nullopt;
}

std::optional<WriteError> RecordValidator::check_access(WriteOp op) const {
  std::vector<std::string> not_writable, set_null_required;
  for (const auto& a : values_) {
    const FieldSchema& f = *a.field;
    if (is_id_field(f)) {
      if (op == WriteOp::Insert)
        return WriteError{"INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call",
                          {"Id"}, false};
      continue;
    }
    bool writable = f.stored() && (op == WriteOp::Insert ? f.createable : f.updateable);
    // A field the profile may set on create but never change afterwards: Salesforce refuses the
    // update for access reasons, not as an unknown/read-only column.
    if (!writable && op == WriteOp::Update && f.stored() && f.createable) {
      return WriteError{"INSUFFICIENT_ACCESS_OR_READONLY",
                        "Unable to create/update fields: " + f.name +
                            ". Please check the security settings of this field and verify that it "
                            "is read/write for your profile or permission set.",
                        {f.name}, false};
    }
    if (!writable) not_writable.push_back(f.name);
    else if (is_null(a.value) && required_on_insert(f)) set_null_required.push_back(f.name);
  }
  if (!not_writable.empty()) return not_writable_error(not_writable);
  if (op == WriteOp::Insert) {
    std::vector<std::string> missing;
    for (const auto& f : object_.fields) {
      if (!required_on_insert(f)) continue;
      const FieldValue* v = value_of(f);
      if (!v || is_null(*v)) missing.push_back(f.name);
    }
    if (!missing.empty()) return required_missing_error(missing);
  } else if (!set_null_required.empty()) {
    return required_missing_error(set_null_required);
  }
  return std::nullopt;
}

}  // namespace emu
