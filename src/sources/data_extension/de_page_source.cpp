#include "sources/data_extension/de_page_source.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "common/text.h"
#include "common/time_util.h"
#include "mapping/attribute_types.h"

namespace sfsync {

namespace {

const std::string* column(const RowsetRow& row, std::string_view name) {
  for (const auto* part : {&row.keys, &row.values})
    for (const auto& [n, v] : *part)
      if (iequals_ascii(n, name)) return &v;
  return nullptr;
}

std::string quoted(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// "6/23/2024 3:04:05 PM" -> "2024-06-23T15:04:05": the filter form the API documents.
std::string filter_date(const std::string& text) {
  auto v = convert_value(Value::string(text), AttributeType::DateTime);
  if (!v || v->type != ValueType::DateTime) return text;
  std::string iso = format_iso_datetime_z(v->i);  // 2024-06-23T15:04:05.000Z
  return iso.substr(0, 19);
}

}  // namespace

Value de_value(const std::string& de_type, const std::string& text, int64_t utc_offset_ms) {
  if (text.empty()) return Value::null();
  if (iequals_ascii(de_type, "Number")) {
    int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size()) return Value::integer(n);
  } else if (iequals_ascii(de_type, "Decimal")) {
    return Value::decimal(text);
  } else if (iequals_ascii(de_type, "Boolean")) {
    if (iequals_ascii(text, "true") || text == "1") return Value::boolean(true);
    if (iequals_ascii(text, "false") || text == "0") return Value::boolean(false);
  } else if (iequals_ascii(de_type, "Date")) {
    if (auto v = convert_value(Value::string(text), AttributeType::DateTime)) {
      if (v->type == ValueType::DateTime) v->i -= utc_offset_ms;  // the wall time's instant, in UTC
      return *v;
    }
  }
  return Value::string(text);
}

DataExtensionPageSource::DataExtensionPageSource(MarketingCloudClient& client, DePageQuery query, DeCheckpoint start,
                                                 UnseenIds unseen)
    : client_(client), q_(std::move(query)), cp_(std::move(start)), unseen_(std::move(unseen)),
      seen_(cp_.seen.begin(), cp_.seen.end()) {
  cp_.complete = false;
  if (!unseen_) cp_.tracked = cp_.sweeping = false;
  // The page holding the last row read (whose first row was read too, unless rows moved).
  size_t size = static_cast<size_t>(std::max(q_.page_size, 1));
  if (cp_.seen.size() > size) {
    page_number_ = static_cast<int>((cp_.seen.size() - 1) / size) + 1;
    verify_offset_ = true;
  }
}

void DataExtensionPageSource::identify(const RowsetRow& row, std::string& id, std::string& sort_value) const {
  id.clear();
  for (size_t i = 0; i < q_.primary_key.size(); ++i) {
    const std::string* v = column(row, q_.primary_key[i]);
    id += (i ? "|" : "") + (v ? *v : std::string());
  }
  const std::string* sort = column(row, q_.sort_field);
  sort_value = sort ? *sort : std::string();
}

bool DataExtensionPageSource::offset_skipped_rows(const RowsetPage& rowset) const {
  if (rowset.rows.empty()) return false;
  std::string id, sort_value;
  identify(rowset.rows.front(), id, sort_value);
  return iequals_ascii(sort_value, cp_.sort_value) && !seen_.count(id);
}

std::string DataExtensionPageSource::filter() const {
  if (cp_.sort_value.empty()) return q_.rules_filter;
  std::string position = q_.sort_field;
  position.append(" ge ").append(quoted(q_.sort_is_date ? filter_date(cp_.sort_value) : cp_.sort_value));
  if (q_.rules_filter.empty()) return position;
  std::string both = "(";
  both.append(q_.rules_filter).append(") and ").append(position);
  return both;
}

std::string rowset_filter(const std::vector<FilterRule>& rules) {
  auto compare = [](std::string& out, const FilterRule& r, std::string_view op, const std::string& v) {
    out.append(r.field).append(" ").append(op).append(" ").append(quoted(v));
  };
  std::string out;
  for (const FilterRule& r : rules) {
    if (!out.empty()) out.append(" and ");
    bool any = r.op == FilterOp::In || r.op == FilterOp::NotIn;
    if (!any) {
      std::string_view op = r.op == FilterOp::IsNull ? "eq" : r.op == FilterOp::NotNull ? "neq" : filter_op_name(r.op);
      bool no_value = r.op == FilterOp::IsNull || r.op == FilterOp::NotNull || r.values.empty();
      compare(out, r, op, no_value ? std::string() : r.values.front());
      continue;
    }
    out.append("(");
    for (size_t i = 0; i < r.values.size(); ++i) {
      if (i > 0) out.append(r.op == FilterOp::In ? " or " : " and ");
      compare(out, r, r.op == FilterOp::In ? "eq" : "neq", r.values[i]);
    }
    out.append(")");
  }
  return out;
}

std::string DataExtensionPageSource::order_by() const {
  std::string out = q_.sort_field + " asc";
  for (const auto& k : q_.primary_key)
    if (!iequals_ascii(k, q_.sort_field)) out += "," + k + " asc";
  return out;
}

Record DataExtensionPageSource::to_record(const RowsetRow& row, const std::string& id) const {
  Record r;
  r.object = q_.key;
  r.id = id;
  for (const auto* part : {&row.keys, &row.values})
    for (const auto& [name, text] : *part) {
      std::string low = ascii_lower(name);
      auto type = q_.column_types.find(low);
      auto proper = q_.column_names.find(low);
      Value v = de_value(type == q_.column_types.end() ? "Text" : type->second, text, q_.utc_offset_ms);
      if (!q_.modified_field.empty() && iequals_ascii(name, q_.modified_field) && v.type == ValueType::DateTime)
        r.modstamp_ms = v.i;
      r.set(proper == q_.column_names.end() ? name : proper->second, std::move(v));
    }
  return r;
}

bool DataExtensionPageSource::take(const RowsetRow& row, std::vector<Record>& out) {
  std::string id, sort_value;
  identify(row, id, sort_value);
  bool same_group = iequals_ascii(sort_value, cp_.sort_value);
  if (same_group && seen_.count(id)) return false;
  out.push_back(to_record(row, id));
  if (!same_group) {
    cp_.sort_value = sort_value;
    cp_.seen.clear();
    seen_.clear();
  }
  cp_.seen.push_back(id);
  seen_.insert(id);
  return true;
}

Result<Page> DataExtensionPageSource::next() {
  Page page;
  if (done_) {
    page.last = true;
    page.checkpoint.state = cp_.serialize();
    return page;
  }
  if (cp_.sweeping) return next_sweep();
  while (true) {
    const std::string anchor = cp_.sort_value;
    RowsetQuery rq{filter(), order_by(), q_.page_size, page_number_};
    auto rowset = fetch_rowset(client_, q_.key, rq);
    if (!rowset) return rowset.error();
    ++pages_;
    if (pages_ == 1) page.total_size = rowset->count;
    if (std::exchange(verify_offset_, false) && offset_skipped_rows(*rowset)) {
      page_number_ = 1;
      if (pages_ < q_.max_pages) continue;
    }
    size_t taken = 0;
    for (const auto& row : rowset->rows) taken += take(row, page.records) ? 1 : 0;
    bool end = static_cast<int>(rowset->rows.size()) < q_.page_size;
    // Still inside one sort value's group (larger than a page): walk it by page number; otherwise
    // the next query starts again at the new last value.
    page_number_ = iequals_ascii(anchor, cp_.sort_value) && !end ? page_number_ + 1 : 1;
    bool capped = pages_ >= q_.max_pages;
    if (taken > 0 || end || capped) {
      cp_.complete = end;
      done_ = end || capped;
      break;
    }
  }
  if (cp_.tracked) {
    page.seen_ids.reserve(page.records.size());
    for (const Record& r : page.records) page.seen_ids.push_back(r.id);
    if (cp_.complete) {  // every row is read: the pass is complete once the sweep is
      cp_.complete = false;
      cp_.sweeping = true;
      done_ = false;
    }
  }
  page.last = done_;
  page.checkpoint.state = cp_.serialize();
  return page;
}

// A page of the linked records the tracked pass did not read, as deletions; the last one (short)
// completes the pass.
Result<Page> DataExtensionPageSource::next_sweep() {
  auto ids = unseen_(cp_.swept_to, q_.page_size);
  if (!ids) return ids.error();
  Page page;
  page.records.reserve(ids->size());
  for (std::string& id : *ids) {
    Record r;
    r.object = q_.key;
    r.id = std::move(id);
    r.deleted = r.absent_from_pass = true;
    page.records.push_back(std::move(r));
  }
  page.swept = static_cast<int64_t>(page.records.size());
  if (!page.records.empty()) cp_.swept_to = page.records.back().id;
  if (static_cast<int>(page.records.size()) < q_.page_size) {
    cp_.tracked = cp_.sweeping = false;
    cp_.swept_to.clear();
    cp_.complete = done_ = true;
  }
  page.last = done_;
  page.checkpoint.state = cp_.serialize();
  return page;
}

}  // namespace sfsync
