// SOQL compiler: checks a parsed Query against the Catalog and turns it into SQLite SQL over the
// OrgStore layout (org_store.h), plus the plan the renderer follows.
//
// - Parent paths become one LEFT JOIN per hop (t1."Id" = t0."AccountId"). Polymorphic lookups
//   (OwnerId -> Group/User, WhoId -> Contact/Lead, WhatId -> ...) join ONE target: User when it is
//   a candidate that has the next field/relationship, else the first referenceTo object that has it.
//   Records pointing at another type render the relationship as null. Salesforce resolves the "Name"
//   pseudo-object instead; one table per hop keeps the SQL simple and fast, and Owner.Name-style
//   paths (the common case) land on User.
// - Literals are bound as parameters (?1, ?2, ...), never spliced into the SQL text. The same
//   numbers serve `sql` and `count_sql`.
// - Typing follows Salesforce: DateTime fields take datetime literals (bound as epoch ms), Date
//   fields date literals (text), text fields quoted strings, numbers/booleans unquoted; relative
//   literals (TODAY, LAST_N_DAYS:n) become ranges evaluated at `now_ms` (UTC). Ids accept 15 or 18
//   characters. `!=` and NOT IN match nulls, as in SOQL.
// - Parent-to-child subqueries (one level) compile to a child query run per parent record.
// - `query` hides IsDeleted rows; `queryAll` (include_deleted) shows them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "emulator/org/org_store.h"
#include "emulator/org/schema.h"
#include "emulator/soql/ast.h"
#include "emulator/soql/plan.h"

namespace emu::soql {

constexpr int64_t kCountProbeRows = 5000;

struct CompileOptions {
  bool include_deleted = false;  // queryAll
  int64_t now_ms = 0;            // "now" for relative date literals
};

enum class QueryShape {
  Records,     // rows rendered through `root`
  CountAll,    // SELECT COUNT(): only totalSize
  CountField,  // SELECT COUNT(field): one AggregateResult row with expr0
};

struct CompiledQuery {
  const ObjectSchema* object = nullptr;
  QueryShape shape = QueryShape::Records;
  std::string sql;        // rows (Records) or the single aggregate value (CountField)
  std::string count_sql;  // one row, one column: totalSize (honours LIMIT/OFFSET)
  // Counting through an index costs a table lookup per row: cheap for a few rows (an incremental
  // sync's delta), far slower than a plain table scan for most of the table. So without LIMIT the
  // count is probed through the planner's index first (at most kCountProbeRows rows); only when
  // the probe hits the cap does count_sql scan the table (NOT INDEXED). Empty = count_sql only.
  std::string count_probe_sql;
  std::vector<FieldValue> params;  // parameter i binds to ?(i+1)
  RenderNode root;        // Records: the plan; root.id_column is 0
  int column_count = 0;
};

sfsync::Result<CompiledQuery> compile(const Query& query, std::string_view soql, const Catalog& catalog,
                                      const CompileOptions& options);

// A parent-to-child subquery ("(SELECT Id FROM Contacts)") as its own query on the child object,
// filtered on `link` (the child's lookup to the parent) = ?1, which the renderer binds per parent.
// Throws nothing; errors carry the caret block of the whole `soql`.
sfsync::Result<CompiledQuery> compile_children(const Query& subquery, std::string_view soql, const Catalog& catalog,
                                               const ObjectSchema& child, const FieldSchema& link,
                                               const CompileOptions& options);

// parse + compile.
sfsync::Result<CompiledQuery> compile_soql(std::string_view soql, const Catalog& catalog,
                                           const CompileOptions& options);

}  // namespace emu::soql
