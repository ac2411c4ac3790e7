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
  std::vector<FieldValue> params;  // parameter i binds to ?(i+1)
  RenderNode root;        // Records: the plan; root.id_column is 0
  int column_count = 0;
};

sfsync::Result<CompiledQuery> compile(const Query& query, std::string_view soql, const Catalog& catalog,
                                      const CompileOptions& options);

// parse + compile.
sfsync::Result<CompiledQuery> compile_soql(std::string_view soql, const Catalog& catalog,
                                           const CompileOptions& options);

}  // namespace emu::soql
