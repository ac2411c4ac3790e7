// Internal to the compiler: the state shared by the SELECT, WHERE and ORDER BY passes — the joins
// made so far, the selected columns and the bound parameters. Not for use outside emulator/soql.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/org/org_store.h"
#include "emulator/org/schema.h"
#include "emulator/soql/ast.h"
#include "emulator/soql/compiler.h"

namespace emu::soql {

// Compile errors are thrown inside the compiler and returned as a Result by compile().
struct CompileFailure {
  sfsync::Error error;
};

// One table in the FROM clause: the queried object (index 0) or a parent reached by a lookup.
struct Join {
  const ObjectSchema* object;
  int from_join;            // -1 for the root
  std::string ref_column;   // lookup column on from_join, quoted: "AccountId"
  const FieldSchema* reference = nullptr;
  bool used_by_filter = false;  // needed by the count query too
};

// A path resolved to the table it lives in and its field.
struct ResolvedField {
  int join;
  const FieldSchema* field;
  std::vector<int> hops;  // joins walked, first hop first (empty for root fields)
  std::string column_sql() const;  // t1."Name"
};

class CompileContext {
 public:
  CompileContext(std::string_view soql, const Catalog& catalog, const ObjectSchema& root, std::string alias,
                 CompileOptions options);

  // Resolves `path` from the root object, adding joins as needed. INVALID_FIELD when a hop or the
  // field does not exist.
  ResolvedField resolve(const FieldPath& path, bool for_filter);
  // Index of `sql_expr` in the result columns (added once).
  int column(const std::string& sql_expr);
  // "?N" for a new parameter.
  std::string bind(FieldValue value);

  [[noreturn]] void fail(size_t pos, std::string code, std::string_view sentence) const;

  // FROM + joins. `scan_root`: read the root table in storage order (NOT INDEXED).
  std::string from_clause(bool filter_joins_only, bool scan_root = false) const;
  const ObjectSchema& root() const { return root_; }
  const Catalog& catalog() const { return catalog_; }
  const CompileOptions& options() const { return options_; }
  const std::vector<Join>& joins() const { return joins_; }
  std::vector<std::string>& columns() { return columns_; }
  std::vector<FieldValue>& params() { return params_; }
  std::string_view soql() const { return soql_; }

 private:
  int hop(int from, const FieldPath& path, size_t part, bool for_filter);
  std::string_view soql_;
  const Catalog& catalog_;
  const ObjectSchema& root_;
  std::string alias_;
  CompileOptions options_;
  std::vector<Join> joins_;
  std::map<std::pair<int, std::string>, int> join_by_hop_;
  std::vector<std::string> columns_;
  std::map<std::string, int> column_by_sql_;
  std::vector<FieldValue> params_;
};

// "t3": the SQL alias of join 3. (Built by appending: GCC 12 warns falsely on "t" + to_string.)
std::string join_alias(int join);
// t3."Id"
std::string id_column_sql(int join);

// The WHERE condition as SQL (filter_compiler.cpp).
std::string compile_condition(CompileContext& ctx, const Condition& cond, bool negated);

}  // namespace emu::soql
