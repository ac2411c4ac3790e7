#include "salesforce/record_parser.h"

#include <simdjson.h>

#include <cctype>
#include <charconv>
#include <sstream>

#include "common/csv_reader.h"
#include "common/time_util.h"

namespace sfsync {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

// Unescapes a JSON string token ("..." with escapes) through simdjson. Most values have no escape
// at all and are copied as they are: a parser per value cost more than the rest of the parse.
std::string unescape(std::string_view raw) {
  if (raw.size() >= 2 && raw.back() == '"' && raw.substr(1, raw.size() - 2).find('\\') == std::string_view::npos)
    return std::string(raw.substr(1, raw.size() - 2));
  simdjson::dom::parser parser;
  std::string_view s;
  if (parser.parse(raw.data(), raw.size()).get(s)) return std::string(raw);
  return std::string(s);
}

Value typed_string(std::string_view sf_type, std::string text) {
  if (sf_type == "datetime") {
    if (auto ms = parse_iso_datetime(text)) return Value::datetime(*ms);
  } else if (sf_type == "date") {
    if (auto days = parse_date(text)) return Value::date(*days);
  } else if (sf_type == "time") {
    return Value::time(std::move(text));
  }
  return Value::string(std::move(text));
}

Value typed_number(std::string_view sf_type, std::string_view text) {
  if (sf_type == "currency") return Value::decimal(std::string(text));
  if (sf_type == "int" || sf_type == "long" || (sf_type.empty() && text.find_first_of(".eE") == std::string_view::npos)) {
    int64_t n = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), n);
    if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return Value::integer(n);
  }
  double d = 0;
  std::from_chars(text.data(), text.data() + text.size(), d);
  return Value::real(d);
}

}  // namespace

Value value_from_salesforce(std::string_view sf_type, std::string_view raw_json) {
  std::string_view raw = trim(raw_json);
  if (raw.empty() || raw == "null") return Value::null();
  if (raw == "true" || raw == "false") return Value::boolean(raw == "true");
  if (raw.front() == '"') return typed_string(sf_type, unescape(raw));
  return typed_number(sf_type, raw);
}

Value value_from_csv_cell(std::string_view sf_type, std::string cell) {
  if (cell.empty()) return Value::null();
  if (sf_type == "boolean") return Value::boolean(cell == "true");
  if (sf_type == "int" || sf_type == "long" || sf_type == "double" || sf_type == "currency" || sf_type == "percent")
    return typed_number(sf_type, cell);
  return typed_string(sf_type, std::move(cell));
}

RecordParser::RecordParser(std::map<std::string, std::string> path_types, std::string cursor_field)
    : path_types_(std::move(path_types)), cursor_field_(std::move(cursor_field)) {
  // The cursor is a datetime whatever the caller's map says: incremental syncs order by it.
  if (!cursor_field_.empty()) path_types_.emplace(lower(cursor_field_), "datetime");
}

namespace {

// Describe types by path, remembered by field position: every record of a page has the same fields
// in the same order, so after the first record a type costs one string compare instead of a
// lower-cased copy and a map lookup.
class TypeCache {
 public:
  explicit TypeCache(const std::map<std::string, std::string>& types) : types_(types) {}
  void start_record() { position_ = 0; }
  std::string_view type_of(const std::string& path) {
    size_t i = position_++;
    if (i < slots_.size() && slots_[i].first == path) return slots_[i].second;
    auto it = types_.find(lower(path));
    std::string_view type = it == types_.end() ? std::string_view() : std::string_view(it->second);
    if (i < slots_.size()) slots_[i] = {path, type};
    else slots_.emplace_back(path, type);
    return type;
  }

 private:
  const std::map<std::string, std::string>& types_;
  std::vector<std::pair<std::string, std::string_view>> slots_;
  size_t position_ = 0;
};

struct ParseContext {
  TypeCache& types;
  Record& record;
};

simdjson::error_code parse_object(simdjson::ondemand::object object, const std::string& prefix, ParseContext& ctx);

simdjson::error_code parse_field(simdjson::ondemand::value value, std::string path, ParseContext& ctx) {
  simdjson::ondemand::json_type type;
  if (auto e = value.type().get(type)) return e;
  if (type == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object nested;
    if (auto e = value.get_object().get(nested)) return e;
    return parse_object(nested, path + ".", ctx);
  }
  if (type == simdjson::ondemand::json_type::array) {
    // Child subqueries are not flattened into the parent record; ondemand skips what we don't read.
    return simdjson::SUCCESS;
  }
  std::string_view raw = value.raw_json_token();
  Value v = value_from_salesforce(ctx.types.type_of(path), raw);
  ctx.record.set(std::move(path), std::move(v));
  return simdjson::SUCCESS;
}

simdjson::error_code parse_object(simdjson::ondemand::object object, const std::string& prefix, ParseContext& ctx) {
  for (auto field : object) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    if (key == "attributes") continue;  // {type,url}: not data
    simdjson::ondemand::value value;
    if (auto e = field.value().get(value)) return e;
    std::string path;
    path.reserve(prefix.size() + key.size());
    path.append(prefix).append(key);
    if (auto e = parse_field(value, std::move(path), ctx)) return e;
  }
  return simdjson::SUCCESS;
}

}  // namespace

Result<void> RecordParser::parse_page(std::string_view page_json, std::vector<Record>& out) const {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(page_json);
  auto doc = parser.iterate(padded);
  simdjson::ondemand::array records;
  if (doc["records"].get_array().get(records)) return make_error("bad_response", "query page without records");
  TypeCache types(path_types_);
  size_t fields_per_record = 8;
  for (auto item : records) {
    simdjson::ondemand::object object;
    if (item.get_object().get(object)) return make_error("bad_response", "query record is not an object");
    Record record;
    record.fields.reserve(fields_per_record);
    types.start_record();
    ParseContext ctx{types, record};
    if (auto e = parse_object(object, "", ctx))
      return make_error("bad_response", std::string("malformed record in query page: ") + simdjson::error_message(e));
    finish(record);
    fields_per_record = record.fields.size();
    out.push_back(std::move(record));
  }
  return {};
}

void RecordParser::finish(Record& record) const {
  if (const Value* id = record.get("Id")) record.id = id->s;
  if (const Value* deleted = record.get("IsDeleted")) record.deleted = deleted->type == ValueType::Bool && deleted->b;
  if (const Value* stamp = record.get(cursor_field_); stamp && stamp->type == ValueType::DateTime)
    record.modstamp_ms = stamp->i;
}

Result<void> RecordParser::parse_csv_page(const std::string& csv, std::vector<Record>& out) const {
  std::istringstream in(csv);
  CsvReader reader(in, ',');
  std::vector<std::string> header, cells;
  auto first = reader.next(header);
  if (!first) return first.error();
  if (!*first) return {};  // no header: an empty result set
  std::vector<std::string_view> types;
  for (const std::string& path : header) {
    auto it = path_types_.find(lower(path));
    types.push_back(it == path_types_.end() ? std::string_view() : std::string_view(it->second));
  }
  for (;;) {
    auto more = reader.next(cells);
    if (!more) return make_error("bad_response", "malformed Bulk API result CSV: " + more.error().message);
    if (!*more) return {};
    if (cells.size() != header.size())
      return make_error("bad_response", "Bulk API result row " + std::to_string(reader.line()) + " has " +
                                            std::to_string(cells.size()) + " cells for " +
                                            std::to_string(header.size()) + " columns");
    Record record;
    record.fields.reserve(header.size());
    for (size_t c = 0; c < header.size(); ++c) record.set(header[c], value_from_csv_cell(types[c], std::move(cells[c])));
    finish(record);
    out.push_back(std::move(record));
  }
}

}  // namespace sfsync
