#include "sinks/salesforce/push_rows.h"

#include <cstdio>

namespace sfsync {

std::string fnv1a_hex(std::string_view a, std::string_view b) {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(a);
  mix(std::string_view("\n", 1));
  mix(b);
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

PushRowMapper::PushRowMapper(const PushPlan& plan, const std::vector<std::string>& columns) : plan_(plan) {
  auto index_of = [&columns](const std::string& name) {
    for (size_t i = 0; i < columns.size(); ++i)
      if (columns[i] == name) return static_cast<int>(i);
    return -1;
  };
  for (const auto& f : plan.fields) column_index_.push_back(f.column.empty() ? -1 : index_of(f.column));
  if (!plan.key_columns.empty())
    for (const auto& c : plan.key_columns) key_indexes_.push_back(index_of(c));
  else if (!plan.key_column.empty())
    key_indexes_.push_back(index_of(plan.key_column));
}

MappedPushRow PushRowMapper::map(const Record& row) const {
  WriteRow record;
  record.fields.reserve(plan_.fields.size());
  for (size_t i = 0; i < plan_.fields.size(); ++i) {
    const PlannedField& f = plan_.fields[i];
    int col = column_index_[i];
    if (col >= 0 && static_cast<size_t>(col) < row.fields.size()) record.fields.emplace_back(f.field, row.fields[col].second);
    else if (f.value) record.fields.emplace_back(f.field, Value::string(*f.value));
    else record.fields.emplace_back(f.field, Value::null());
  }
  MappedPushRow out;
  out.body = record_json(plan_.target.kinds, record);
  out.hash = fnv1a_hex(plan_.fingerprint, out.body);
  if (key_indexes_.empty()) {
    out.key = out.hash;
    return out;
  }
  for (size_t i = 0; i < key_indexes_.size(); ++i) {
    std::string part = key_indexes_[i] >= 0 ? row.fields[key_indexes_[i]].second.to_text() : std::string();
    out.key_missing = out.key_missing || part.empty();
    if (i) out.key += '\x1f';  // unit separator: no key value holds it
    out.key += part;
  }
  return out;
}

}  // namespace sfsync
