#include "sinks/store/attribute_doc.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <tuple>

#include "common/json_writer.h"
#include "common/time_util.h"
#include "sinks/store/store_db.h"

namespace sfsync::store {

namespace {

// Appends `s` as a JSON string. Names, sync ids and most values need no escaping, so test eight
// bytes at a time for a quote, a backslash or a control character and copy whole runs; only a
// string that has one goes through JsonWriter's byte-by-byte escaper. (Profiling showed the
// escaper at ~10% of a profile upsert.)
void append_json_string(std::string& out, std::string_view s) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_zero = [&](uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  size_t i = 0;
  bool special = false;
  for (; i + 8 <= s.size() && !special; i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    special = has_zero(v ^ (kOnes * '"')) || has_zero(v ^ (kOnes * '\\')) || ((v - kOnes * 0x20) & ~v & kHigh) != 0;
  }
  for (; i < s.size() && !special; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    special = c < 0x20 || c == '"' || c == '\\';
  }
  if (special) {
    JsonWriter::append_escaped(out, s);
    return;
  }
  out.push_back('"');
  out.append(s);
  out.push_back('"');
}

// "YYYY-MM-DD" with its quotes, without snprintf (a date attribute is on most profiles).
void append_json_date(std::string& out, int64_t days) {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  if (y < 0 || y > 9999) {
    append_json_string(out, format_date(days));
    return;
  }
  char buf[12] = {'"', char('0' + y / 1000), char('0' + y / 100 % 10), char('0' + y / 10 % 10), char('0' + y % 10), '-',
                  char('0' + m / 10), char('0' + m % 10), '-', char('0' + d / 10), char('0' + d % 10), '"'};
  out.append(buf, sizeof buf);
}

}  // namespace

bool replaces(const AttributeEntry& a, const AttributeEntry& b) {
  return std::tie(a.ts_ms, a.sync, a.type, a.value_json) > std::tie(b.ts_ms, b.sync, b.type, b.value_json);
}

void append_value_json(std::string& out, const Value& v) {
  switch (v.type) {
    case ValueType::Null: out.append("null"); break;
    case ValueType::Bool: out.append(v.b ? "true" : "false"); break;
    case ValueType::Int: {
      char buf[24];
      out.append(buf, std::to_chars(buf, buf + sizeof buf, v.i).ptr);
      break;
    }
    case ValueType::Double:
      if (std::isfinite(v.d)) JsonWriter(out).value(v.d); else out.append("null");
      break;
    case ValueType::Decimal:
    case ValueType::String:
    case ValueType::Time: append_json_string(out, v.s); break;
    case ValueType::Date: append_json_date(out, v.i); break;
    case ValueType::DateTime: append_json_string(out, format_iso_datetime_z(v.i)); break;
  }
}

std::string value_json(const Value& v) {
  std::string out;
  append_value_json(out, v);
  return out;
}

AttributeEntry make_entry(const Attribute& attribute, const SourceRef& source) {
  return AttributeEntry{attribute.name, attribute.value.type, value_json(attribute.value), source.source_ts_ms,
                        source.sync_id};
}

namespace {

ValueType type_from_name(std::string_view name) {
  static const ValueType all[] = {ValueType::String, ValueType::Int,  ValueType::Bool,     ValueType::Double,
                                  ValueType::Decimal, ValueType::Date, ValueType::DateTime, ValueType::Time};
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

bool by_name(const AttributeEntry& a, const AttributeEntry& b) { return a.name < b.name; }

// Positions of `items` in name order, equal names in their order. Sorting positions, not items (an
// entry is four strings): an insertion sort is stable and fastest for a record's ~20 names, on a
// path every profile upsert takes.
template <typename T>
std::vector<uint32_t> order_by_name(const std::vector<T>& items) {
  std::vector<uint32_t> order(items.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    uint32_t j = i;
    while (j > 0 && items[i].name < items[order[j - 1]].name) {
      order[j] = order[j - 1];
      --j;
    }
    order[j] = i;
  }
  return order;
}

// One entry of a document is `"name":["type",value,ts,"sync"]`; these write what surrounds the value.
void open_entry(std::string& out, std::string_view name, ValueType type) {
  if (out.size() > 1) out.push_back(',');
  append_json_string(out, name);
  out.append(":[\"");
  out.append(value_type_name(type));
  out.append("\",");
}

void close_entry(std::string& out, int64_t ts_ms, std::string_view sync_json) {
  out.push_back(',');
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, ts_ms).ptr);
  out.push_back(',');
  out.append(sync_json);
  out.push_back(']');
}

}  // namespace

Value value_from_json(ValueType type, std::string_view json) {
  if (json == "null") return Value::null();
  switch (type) {
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
  if (json.size() <= 2) return doc;  // "{}"
  thread_local simdjson::ondemand::parser parser;
  simdjson::padded_string padded(json);
  auto fail = [&] { return StoreFailure("corrupt", "store: unreadable attribute document: " + std::string(json.substr(0, 80))); };
  simdjson::ondemand::document d;
  simdjson::ondemand::object root;
  if (parser.iterate(padded).get(d) || d.get_object().get(root)) throw fail();
  doc.entries_.reserve(32);
  for (auto field : root) {
    AttributeEntry e;
    std::string_view text;
    simdjson::ondemand::array parts;
    if (field.unescaped_key().get(text) || field.value().get_array().get(parts)) throw fail();
    e.name = text;
    int index = 0;
    for (auto part : parts) {
      switch (index++) {
        case 0:
          if (part.get_string().get(text)) throw fail();
          e.type = type_from_name(text);
          break;
        case 1:
          if (part.raw_json_token().get(text)) throw fail();
          while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
          e.value_json = text;
          break;
        case 2:
          if (part.get_int64().get(e.ts_ms)) throw fail();
          break;
        case 3:
          if (part.get_string().get(text)) throw fail();
          e.sync = text;
          break;
        default: break;
      }
    }
    if (index < 4) throw fail();
    doc.entries_.push_back(std::move(e));
  }
  // Written sorted; sort anyway so that a hand-edited document cannot break apply().
  if (!std::is_sorted(doc.entries_.begin(), doc.entries_.end(), by_name)) {
    std::sort(doc.entries_.begin(), doc.entries_.end(), by_name);
  }
  return doc;
}

AttributeDoc AttributeDoc::from_writes(std::vector<AttributeEntry> writes) {
  std::vector<uint32_t> order = order_by_name(writes);
  AttributeDoc doc;
  doc.entries_.reserve(writes.size());
  for (uint32_t i : order) {
    AttributeEntry& w = writes[i];
    if (!doc.entries_.empty() && doc.entries_.back().name == w.name) {
      if (replaces(w, doc.entries_.back())) doc.entries_.back() = std::move(w);
    } else {
      doc.entries_.push_back(std::move(w));
    }
  }
  return doc;
}

AttributeDoc AttributeDoc::of_record(const std::vector<Attribute>& attributes, const SourceRef& source) {
  std::vector<AttributeEntry> writes;
  writes.reserve(attributes.size());
  for (const Attribute& a : attributes) writes.push_back(make_entry(a, source));
  return from_writes(std::move(writes));
}

AttributeDoc::Effect AttributeDoc::apply(AttributeEntry entry) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), entry, by_name);
  if (it != entries_.end() && it->name == entry.name) {
    if (!replaces(entry, *it)) return Effect::kLost;
    bool same_value = it->type == entry.type && it->value_json == entry.value_json;
    *it = std::move(entry);
    return same_value ? Effect::kRefreshed : Effect::kChanged;
  }
  entries_.insert(it, std::move(entry));
  return Effect::kChanged;
}

AttributeDoc::MergeEffect AttributeDoc::merge_from(const AttributeDoc& other) {
  MergeEffect m;
  for (const AttributeEntry& e : other.entries_) {
    Effect effect = apply(e);
    m.rewrite |= effect != Effect::kLost;
    if (effect == Effect::kChanged) m.changed.push_back(&e);
  }
  return m;
}

std::string AttributeDoc::to_json() const {
  std::string out;
  size_t size = 2;
  for (const AttributeEntry& e : entries_) size += e.name.size() + e.value_json.size() + e.sync.size() + 40;
  out.reserve(size);
  out.push_back('{');
  const std::string* last_sync = nullptr;  // one record's attributes share a sync: escape it once
  std::string sync_json;
  for (const AttributeEntry& e : entries_) {
    open_entry(out, e.name, e.type);
    out.append(e.value_json);
    if (!last_sync || *last_sync != e.sync) {
      sync_json.clear();
      append_json_string(sync_json, e.sync);
      last_sync = &e.sync;
    }
    close_entry(out, e.ts_ms, sync_json);
  }
  out.push_back('}');
  return out;
}

std::string new_document_json(const std::vector<Attribute>& attributes, const SourceRef& source) {
  std::vector<uint32_t> order = order_by_name(attributes);
  for (size_t k = 1; k < order.size(); ++k) {
    if (attributes[order[k]].name == attributes[order[k - 1]].name) {
      // Two writes to one name (two fields mapped to one attribute): from_writes picks the winner.
      return AttributeDoc::of_record(attributes, source).to_json();
    }
  }
  std::string sync_json;
  append_json_string(sync_json, source.sync_id);
  std::string out;
  out.reserve(2 + attributes.size() * (sync_json.size() + 64));
  out.push_back('{');
  for (uint32_t i : order) {
    const Attribute& a = attributes[i];
    open_entry(out, a.name, a.value.type);
    append_value_json(out, a.value);
    close_entry(out, source.source_ts_ms, sync_json);
  }
  out.push_back('}');
  return out;
}

}  // namespace sfsync::store
