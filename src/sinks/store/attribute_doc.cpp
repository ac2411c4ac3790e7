#include "sinks/store/attribute_doc.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <tuple>

#include "common/json_writer.h"
#include "common/time_util.h"
#include "sinks/store/sqlite_db.h"

namespace sfsync::store {

bool replaces(const AttributeEntry& a, const AttributeEntry& b) {
  return std::tie(a.ts_ms, a.sync, a.type, a.value_json) > std::tie(b.ts_ms, b.sync, b.type, b.value_json);
}

std::string value_json(const Value& v) {
  std::string out;
  JsonWriter w(out);
  switch (v.type) {
    case ValueType::Null: w.null(); break;
    case ValueType::Bool: w.value(v.b); break;
    case ValueType::Int: w.value(v.i); break;
    case ValueType::Double:
      if (std::isfinite(v.d)) w.value(v.d); else w.null();
      break;
    default: w.value(v.to_text()); break;  // decimal, string, date, datetime, time: canonical text
  }
  return out;
}

AttributeEntry make_entry(const Attribute& attribute, const SourceRef& source) {
  return AttributeEntry{attribute.name, std::string(value_type_name(attribute.value.type)),
                        value_json(attribute.value), source.source_ts_ms, source.sync_id};
}

namespace {

ValueType type_from_name(std::string_view name) {
  static const ValueType all[] = {ValueType::Bool, ValueType::Int, ValueType::Double, ValueType::Decimal,
                                  ValueType::String, ValueType::Date, ValueType::DateTime, ValueType::Time};
  for (ValueType t : all) {
    if (value_type_name(t) == name) return t;
  }
  return ValueType::Null;
}

// The one JSON string in `json` (a value we wrote), unescaped.
std::string json_string(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  std::string_view s;
  if (parser.parse(padded).get_string().get(s)) return std::string(json);
  return std::string(s);
}

}  // namespace

Value value_from_json(std::string_view type_name, std::string_view json) {
  if (json == "null") return Value::null();
  switch (type_from_name(type_name)) {
    case ValueType::Bool: return Value::boolean(json == "true");
    case ValueType::Int: {
      int64_t n = 0;
      std::from_chars(json.data(), json.data() + json.size(), n);
      return Value::integer(n);
    }
    case ValueType::Double: return Value::real(std::strtod(std::string(json).c_str(), nullptr));
    case ValueType::Decimal: return Value::decimal(json_string(json));
    case ValueType::String: return Value::string(json_string(json));
    case ValueType::Date: return Value::date(parse_date(json_string(json)).value_or(0));
    case ValueType::DateTime: return Value::datetime(parse_iso_datetime(json_string(json)).value_or(0));
    case ValueType::Time: return Value::time(json_string(json));
    case ValueType::Null: break;
  }
  return Value::null();
}

AttributeDoc AttributeDoc::parse(std::string_view json) {
  AttributeDoc doc;
  if (json.empty() || json == "{}") return doc;
  thread_local simdjson::ondemand::parser parser;
  simdjson::padded_string padded(json);
  auto fail = [&] { return StoreFailure("corrupt", "store: unreadable attribute document: " + std::string(json.substr(0, 80))); };
  simdjson::ondemand::document d;
  simdjson::ondemand::object root;
  if (parser.iterate(padded).get(d) || d.get_object().get(root)) throw fail();
  for (auto field : root) {
    AttributeEntry e;
    std::string_view key;
    simdjson::ondemand::object attr;
    if (field.unescaped_key().get(key) || field.value().get_object().get(attr)) throw fail();
    e.name = key;
    for (auto member : attr) {
      std::string_view name;
      if (member.unescaped_key().get(name)) throw fail();
      auto v = member.value();
      std::string_view s;
      if (name == "type") {
        if (v.get_string().get(s)) throw fail();
        e.type = s;
      } else if (name == "value") {
        if (v.raw_json_token().get(s)) throw fail();
        while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '}')) s.remove_suffix(1);
        e.value_json = s;
      } else if (name == "ts") {
        if (v.get_int64().get(e.ts_ms)) throw fail();
      } else if (name == "sync") {
        if (v.get_string().get(s)) throw fail();
        e.sync = s;
      }
    }
    doc.entries_.push_back(std::move(e));
  }
  // Documents are written sorted; sort anyway so that a hand-edited one cannot break apply().
  std::sort(doc.entries_.begin(), doc.entries_.end(),
            [](const AttributeEntry& a, const AttributeEntry& b) { return a.name < b.name; });
  return doc;
}

bool AttributeDoc::apply(AttributeEntry entry) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), entry.name,
                             [](const AttributeEntry& e, const std::string& name) { return e.name < name; });
  if (it != entries_.end() && it->name == entry.name) {
    if (!replaces(entry, *it)) return false;
    *it = std::move(entry);
    return true;
  }
  entries_.insert(it, std::move(entry));
  return true;
}

bool AttributeDoc::merge_from(const AttributeDoc& other) {
  bool changed = false;
  for (const AttributeEntry& e : other.entries_) changed |= apply(e);
  return changed;
}

std::string AttributeDoc::to_json() const {
  std::string out;
  out.reserve(entries_.size() * 72 + 2);
  JsonWriter w(out);
  w.begin_object();
  for (const AttributeEntry& e : entries_) {
    w.key(e.name).begin_object();
    w.member("type", e.type);
    w.key("value").raw(e.value_json);
    w.member("ts", e.ts_ms);
    w.member("sync", e.sync);
    w.end_object();
  }
  w.end_object();
  return out;
}

}  // namespace sfsync::store
