// WHERE clause: typing of literals against fields, and the SQL for each comparison.
#include <charconv>
#include <cstdlib>
#include <optional>

#include "common/time_util.h"
#include "emulator/org/sfid.h"
#include "emulator/soql/compile_context.h"
#include "emulator/soql/date_literals.h"
#include "emulator/soql/lexer.h"
#include "emulator/soql/query_error.h"

namespace emu::soql {
namespace {

constexpr int64_t kMsPerDay = 86400000;

// The type name Salesforce uses in "must be of type X" messages.
std::string_view filter_type_name(FieldType t) {
  switch (t) {
    case FieldType::Boolean: return "boolean";
    case FieldType::Int: return "integer";
    case FieldType::Double: return "double";
    case FieldType::Currency: return "currency";
    case FieldType::Percent: return "percent";
    case FieldType::Date: return "date";
    case FieldType::DateTime: return "dateTime";
    default: return "string";
  }
}

FieldValue number_value(const std::string& text) {
  int64_t n = 0;
  const char* end = text.data() + text.size();
  const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
  auto r = std::from_chars(begin, end, n);
  if (r.ec == std::errc() && r.ptr == end) return n;
  return std::strtod(text.c_str(), nullptr);
}

bool is_id_type(FieldType t) { return t == FieldType::Id || t == FieldType::Reference; }

class FilterCompiler {
 public:
  explicit FilterCompiler(CompileContext& ctx) : ctx_(ctx) {}

  std::string condition(const Condition& c, bool negated) {
    switch (c.kind) {
      case Condition::Kind::Not: return "NOT (" + condition(c.children[0], !negated) + ")";
      case Condition::Kind::And:
      case Condition::Kind::Or: {
        if (is_keyset_condition(c)) return keyset(c, negated);
        std::string out = "(";
        for (size_t i = 0; i < c.children.size(); ++i) {
          if (i) out += c.kind == Condition::Kind::And ? " AND " : " OR ";
          out += condition(c.children[i], negated);
        }
        return out + ")";
      }
      case Condition::Kind::Compare: {
        std::string sql = comparison(c);
        // Under NOT, a comparison with NULL must be false, not unknown, or NOT would drop the row too.
        return negated ? "ifnull(" + sql + ", 0)" : sql;
      }
    }
    return "1";
  }

 private:
  std::string comparison(const Condition& c) {
    ResolvedField rf = ctx_.resolve(c.field, true);
    const FieldSchema& f = *rf.field;
    if (!f.stored() || !f.filterable) {
      ctx_.fail(c.field.positions.back(), "INVALID_FIELD", "field '" + f.name + "' can not be filtered in a query call");
    }
    std::string col = rf.column_sql();
    switch (c.op) {
      case CompareOp::In:
      case CompareOp::NotIn: return in_list(c, f, col);
      case CompareOp::Includes:
      case CompareOp::Excludes: return includes(c, f, col);
      case CompareOp::Like: return like(c, f, col);
      default: break;
    }
    const Literal& v = c.values[0];
    if (v.kind == LiteralKind::Null) {
      if (c.op == CompareOp::Eq) return col + " IS NULL";
      if (c.op == CompareOp::Ne) return col + " IS NOT NULL";
    }
    if (v.kind == LiteralKind::Relative) return relative(c.op, f, v, col);
    std::string p = ctx_.bind(typed_value(f, v));
    switch (c.op) {
      case CompareOp::Eq: return col + " = " + p;
      case CompareOp::Ne: return col + " IS NOT " + p;  // SOQL's != also matches nulls
      case CompareOp::Lt: return col + " < " + p;
      case CompareOp::Le: return col + " <= " + p;
      case CompareOp::Gt: return col + " > " + p;
      case CompareOp::Ge: return col + " >= " + p;
      default: return "0";
    }
  }

  // Keyset pagination, the sync engine's cursor: `A > x OR (A = x AND B > y)` (or with <). SQLite
  // plans that OR as two index searches plus a sort of the whole result; the equivalent row value
  // `(A, B) > (x, y)` is one range on an (A, B) index that also yields ORDER BY A, B without a sort.
  // Nulls behave the same: either form is unknown (no row) when A or B is null.
  static bool is_keyset_condition(const Condition& c) {
    if (c.kind != Condition::Kind::Or || c.children.size() != 2) return false;
    const Condition& first = c.children[0];
    const Condition& rest = c.children[1];
    if (first.kind != Condition::Kind::Compare || rest.kind != Condition::Kind::And || rest.children.size() != 2) {
      return false;
    }
    const Condition& equal = rest.children[0];
    const Condition& second = rest.children[1];
    if (equal.kind != Condition::Kind::Compare || second.kind != Condition::Kind::Compare) return false;
    bool upward = first.op == CompareOp::Gt && (second.op == CompareOp::Gt || second.op == CompareOp::Ge);
    bool downward = first.op == CompareOp::Lt && (second.op == CompareOp::Lt || second.op == CompareOp::Le);
    return (upward || downward) && equal.op == CompareOp::Eq && iequals(first.field.text(), equal.field.text()) &&
           same_literal(first.values[0], equal.values[0]) && first.values[0].kind != LiteralKind::Null &&
           first.values[0].kind != LiteralKind::Relative && second.values[0].kind != LiteralKind::Null &&
           second.values[0].kind != LiteralKind::Relative;
  }

  static bool same_literal(const Literal& a, const Literal& b) {
    return a.kind == b.kind && a.text == b.text && a.epoch_ms == b.epoch_ms && a.days == b.days && a.boolean == b.boolean;
  }

  std::string keyset(const Condition& c, bool negated) {
    const Condition& first = c.children[0];
    const Condition& second = c.children[1].children[1];
    ResolvedField a = ctx_.resolve(first.field, true);
    ResolvedField b = ctx_.resolve(second.field, true);
    std::string pa = ctx_.bind(typed_value(*a.field, first.values[0]));
    std::string pb = ctx_.bind(typed_value(*b.field, second.values[0]));
    std::string op = first.op == CompareOp::Gt ? (second.op == CompareOp::Gt ? " > " : " >= ")
                                                : (second.op == CompareOp::Lt ? " < " : " <= ");
    std::string sql = "(";  // appended piecewise: GCC 12 warns falsely on long + chains
    sql += a.column_sql();
    sql += ", ";
    sql += b.column_sql();
    sql += ")";
    sql += op;
    sql += "(";
    sql += pa;
    sql += ", ";
    sql += pb;
    sql += ")";
    return negated ? "ifnull(" + sql + ", 0)" : sql;
  }

  [[noreturn]] void wrong_type(const FieldSchema& f, const Literal& v) {
    std::string sentence = "value of filter criterion for field '" + f.name + "' must be of type " +
                           std::string(filter_type_name(f.type));
    sentence += storage_class(f.type) == StorageClass::Text ? " and should be enclosed in quotes"
                                                             : " and should not be enclosed in quotes";
    ctx_.fail(v.pos, "INVALID_FIELD", sentence);
  }

  // The stored form of literal `v` for field `f`, or the Salesforce type error.
  FieldValue typed_value(const FieldSchema& f, const Literal& v) {
    if (v.kind == LiteralKind::Null) return std::monostate{};
    switch (storage_class(f.type)) {
      case StorageClass::EpochMillis:
        if (v.kind != LiteralKind::DateTime) wrong_type(f, v);
        return v.epoch_ms;
      case StorageClass::DateText:
        if (v.kind != LiteralKind::Date) wrong_type(f, v);
        return v.text;
      case StorageClass::Integer:
        if (f.type == FieldType::Boolean) {
          if (v.kind != LiteralKind::Boolean) wrong_type(f, v);
          return int64_t{v.boolean ? 1 : 0};
        }
        [[fallthrough]];
      case StorageClass::Real:
        if (v.kind != LiteralKind::Number) wrong_type(f, v);
        return number_value(v.text);
      default: break;
    }
    if (v.kind != LiteralKind::String) wrong_type(f, v);
    std::string text;
    if (!unescape_string(v.text, false, text)) ctx_.fail(v.pos, "MALFORMED_QUERY", "Invalid string literal '" + v.text + "'. Illegal character sequence in string literal.");
    if (is_id_type(f.type) && !text.empty()) {
      auto id = normalize_sfid(text);
      if (!id) ctx_.fail(v.pos, "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: " + text);
      return *id;
    }
    return text;
  }

  std::string relative(CompareOp op, const FieldSchema& f, const Literal& v, const std::string& col) {
    StorageClass sc = storage_class(f.type);
    if (sc != StorageClass::EpochMillis && sc != StorageClass::DateText) wrong_type(f, v);
    DayRange r = *relative_date_range(v.text, v.n, ctx_.options().now_ms);
    auto bound = [&](int64_t day) {
      return ctx_.bind(sc == StorageClass::EpochMillis ? FieldValue(day * kMsPerDay) : FieldValue(sfsync::format_date(day)));
    };
    switch (op) {
      case CompareOp::Eq: return "(" + col + " >= " + bound(r.first_day) + " AND " + col + " < " + bound(r.end_day) + ")";
      case CompareOp::Ne:
        return "(" + col + " IS NULL OR " + col + " < " + bound(r.first_day) + " OR " + col + " >= " + bound(r.end_day) + ")";
      case CompareOp::Lt: return col + " < " + bound(r.first_day);
      case CompareOp::Le: return col + " < " + bound(r.end_day);
      case CompareOp::Gt: return col + " >= " + bound(r.end_day);
      case CompareOp::Ge: return col + " >= " + bound(r.first_day);
      default: wrong_type(f, v);
    }
  }

  std::string in_list(const Condition& c, const FieldSchema& f, const std::string& col) {
    std::string list;
    for (const Literal& v : c.values) {
      if (v.kind == LiteralKind::Relative) wrong_type(f, v);
      if (!list.empty()) list += ", ";
      list += ctx_.bind(typed_value(f, v));
    }
    if (c.op == CompareOp::In) return col + " IN (" + list + ")";
    return "(" + col + " IS NULL OR " + col + " NOT IN (" + list + "))";
  }

  std::string like(const Condition& c, const FieldSchema& f, const std::string& col) {
    const Literal& v = c.values[0];
    if (storage_class(f.type) != StorageClass::Text || v.kind != LiteralKind::String) wrong_type(f, v);
    std::string pattern;
    if (!unescape_string(v.text, true, pattern)) ctx_.fail(v.pos, "MALFORMED_QUERY", "Invalid string literal '" + v.text + "'. Illegal character sequence in string literal.");
    return col + " LIKE " + ctx_.bind(pattern) + " ESCAPE '\\'";
  }

  // Multi-select picklists are stored "a;b;c". Each listed value matches when present; a value
  // written "a;b" needs both. INCLUDES ORs the values; EXCLUDES is its negation (nulls excluded too).
  std::string includes(const Condition& c, const FieldSchema& f, const std::string& col) {
    if (f.type != FieldType::MultiPicklist) {
      ctx_.fail(c.op_pos, "INVALID_QUERY_FILTER_OPERATOR", "includes or excludes operator only valid on multipicklist field");
    }
    std::string any;
    for (const Literal& v : c.values) {
      if (v.kind != LiteralKind::String) wrong_type(f, v);
      std::string text;
      unescape_string(v.text, true, text);
      std::string all;
      size_t start = 0;
      while (start <= text.size()) {
        size_t semi = text.find(';', start);
        std::string part = text.substr(start, semi == std::string::npos ? std::string::npos : semi - start);
        if (!all.empty()) all += " AND ";
        all += "(';' || " + col + " || ';') LIKE " + ctx_.bind("%;" + escape_like(part) + ";%") + " ESCAPE '\\'";
        if (semi == std::string::npos) break;
        start = semi + 1;
      }
      if (!any.empty()) any += " OR ";
      any += "(" + all + ")";
    }
    if (c.op == CompareOp::Includes) return "(" + any + ")";
    return "(" + col + " IS NULL OR NOT (" + any + "))";
  }

  // % and _ inside a picklist value are literal characters (already-escaped ones stay escaped).
  static std::string escape_like(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) { out.push_back(s[i]); out.push_back(s[++i]); continue; }
      if (s[i] == '%' || s[i] == '_') out.push_back('\\');
      out.push_back(s[i]);
    }
    return out;
  }

  CompileContext& ctx_;
};

}  // namespace

std::string compile_condition(CompileContext& ctx, const Condition& cond, bool negated) {
  return FilterCompiler(ctx).condition(cond, negated);
}

}  // namespace emu::soql
