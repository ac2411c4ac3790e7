#include "config/filter_soql.h"

#include "common/time_util.h"
#include "sources/salesforce/soql_builder.h"

namespace sfsync {
namespace {

// The Describe type of a (possibly dotted) field path, "" when unknown.
std::string type_of(const std::string& path, const FieldCatalog* catalog) {
  const FieldCatalog* cat = catalog;
  size_t start = 0;
  while (cat != nullptr) {
    size_t dot = path.find('.', start);
    std::string seg = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (dot == std::string::npos) return cat->field_type(seg).value_or("");
    cat = cat->relationship(seg);
    start = dot + 1;
  }
  return "";
}

std::string literal(const std::string& v, const std::string& type) {
  if (type == "boolean" || type == "int" || type == "long" || type == "double" || type == "currency" ||
      type == "percent" || type == "date")
    return v;  // checked by validate_against_describe: a number, true/false, a date or a date literal
  if (type == "datetime") {
    if (auto ms = parse_iso_datetime(v)) return soql_datetime(*ms);
    if (auto day = parse_date(v)) return soql_datetime(*day * 86'400'000);
    return v;  // a date literal such as LAST_N_DAYS:30
  }
  return soql_string(v);
}

std::string rule_condition(const FilterRule& r, const FieldCatalog* catalog) {
  const std::string type = type_of(r.field, catalog);
  auto list = [&] {
    std::string out = "(";
    for (size_t i = 0; i < r.values.size(); ++i) out += (i ? ", " : "") + literal(r.values[i], type);
    return out + ")";
  };
  const std::string& f = r.field;
  const std::string v = r.values.empty() ? std::string() : literal(r.values[0], type);
  switch (r.op) {
    case FilterOp::Eq: return f + " = " + v;
    case FilterOp::Neq: return f + " != " + v;
    case FilterOp::Lt: return f + " < " + v;
    case FilterOp::Lte: return f + " <= " + v;
    case FilterOp::Gt: return f + " > " + v;
    case FilterOp::Gte: return f + " >= " + v;
    case FilterOp::Like: return f + " LIKE " + v;
    case FilterOp::In: return f + " IN " + list();
    case FilterOp::NotIn: return f + " NOT IN " + list();
    case FilterOp::IsNull: return f + " = null";
    case FilterOp::NotNull: return f + " != null";
  }
  return "";
}

}  // namespace

std::string filter_where_clause(const Filter& filter, const FieldCatalog* catalog) {
  if (!filter.where.empty()) return filter.where;
  std::string out;
  for (const auto& r : filter.rules) out += (out.empty() ? "" : " AND ") + rule_condition(r, catalog);
  return out;
}

}  // namespace sfsync
