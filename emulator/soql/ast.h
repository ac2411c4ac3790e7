// The parsed SOQL query, before it meets the Catalog. Every node keeps the byte offset of its
// source token so the compiler can report INVALID_FIELD & co. at the right Row/Column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace emu::soql {

// `Account.Owner.Name`: relationship names then the field, as written.
struct FieldPath {
  std::vector<std::string> parts;
  std::vector<size_t> positions;  // byte offset of each part
  size_t pos() const { return positions.empty() ? 0 : positions.front(); }
  std::string text() const;       // the path as written, dots included
};

enum class SelectKind { Field, CountAll, CountField, FieldsAll, FieldsStandard, FieldsCustom, Subquery };

struct Query;

struct SelectItem {
  SelectKind kind = SelectKind::Field;
  FieldPath field;  // Field and CountField
  std::shared_ptr<Query> subquery;  // Subquery: FROM names the child relationship ("Contacts")
  size_t pos = 0;
};

enum class LiteralKind { Null, Boolean, Number, String, Date, DateTime, Relative };

struct Literal {
  LiteralKind kind = LiteralKind::Null;
  std::string text;        // Number: as written; String: raw body (escapes unresolved); Relative: name
  bool boolean = false;
  int64_t epoch_ms = 0;    // DateTime
  int64_t days = 0;        // Date
  int64_t n = 0;           // Relative ":n"
  size_t pos = 0;
};

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge, Like, In, NotIn, Includes, Excludes };

struct Condition {
  enum class Kind { And, Or, Not, Compare };
  Kind kind = Kind::Compare;
  std::vector<Condition> children;  // And/Or: two or more; Not: one
  FieldPath field;                  // Compare
  CompareOp op = CompareOp::Eq;
  std::vector<Literal> values;      // one, or the list of IN/NOT IN/INCLUDES/EXCLUDES
  size_t op_pos = 0;
};

struct OrderKey {
  FieldPath field;
  bool descending = false;
  std::optional<bool> nulls_first;  // unset = Salesforce's default (ASC nulls first, DESC nulls last)
};

struct Query {
  std::vector<SelectItem> select;
  std::string from;
  size_t from_pos = 0;
  std::string alias;  // FROM Contact c: paths may start with the alias
  std::optional<Condition> where;
  std::vector<OrderKey> order_by;
  std::optional<int64_t> limit;
  size_t limit_pos = 0;
  std::optional<int64_t> offset;
  size_t offset_pos = 0;
};

}  // namespace emu::soql
