#include "emulator/bulk/query_plan.h"

#include <optional>

#include "common/time_util.h"
#include "emulator/soql/compiler.h"
#include "emulator/soql/parser.h"

namespace emu {

namespace {

// Salesforce's answers for what Bulk queries refuse. The compound-field text is the one clients
// match on (seen with errorCode API_ERROR); the aggregate and OFFSET texts are unverified.
constexpr std::string_view kCompoundNotSupported = "Selecting compound data not supported in Bulk Query";
constexpr std::string_view kAggregateNotSupported = "Aggregate queries are not supported in Bulk Query";
constexpr std::string_view kOffsetNotSupported = "OFFSET clause is not supported in Bulk Query";
// Parent-to-child subqueries ("aggregate relationships" in Salesforce's words).
constexpr std::string_view kSubqueryNotSupported = "Aggregate Relationships not supported in Bulk Query";

sfsync::Error bulk_unsupported(std::string_view message) {
  return sfsync::make_error("API_ERROR", std::string(message));
}

// Flattens the render tree into CSV columns: parent fields get dotted names ("Account.Owner.Name").
// Returns the refusal text when the plan selects what Bulk cannot write as CSV columns.
std::optional<std::string_view> flatten(const soql::RenderNode& node, const std::string& prefix,
                                        BulkQueryPlan& plan) {
  for (const auto& item : node.items) {
    switch (item.kind) {
      case soql::RenderItem::Kind::Field:
        plan.columns.push_back(prefix + item.key);
        plan.types.push_back(item.type);
        plan.sql_columns.push_back(item.column);
        break;
      case soql::RenderItem::Kind::Parent:
        if (auto refusal = flatten(*item.parent, prefix + item.key + ".", plan)) return refusal;
        break;
      case soql::RenderItem::Kind::Compound:
        return kCompoundNotSupported;
    }
  }
  return std::nullopt;
}

}  // namespace

sfsync::Result<BulkQueryPlan> compile_bulk_query(const Catalog& catalog, std::string_view soql_text,
                                                 bool include_deleted) {
  auto query = soql::parse(soql_text);
  if (!query.ok()) return query.error();
  soql::CompileOptions options;
  options.include_deleted = include_deleted;
  options.now_ms = sfsync::now_ms();
  auto compiled = soql::compile(*query, soql_text, catalog, options);
  if (!compiled.ok()) return compiled.error();
  if (compiled->shape != soql::QueryShape::Records) return bulk_unsupported(kAggregateNotSupported);
  // Parent-to-child subqueries sit beside the render items, not among them.
  if (!compiled->root.children.empty()) return bulk_unsupported(kSubqueryNotSupported);
  if (query->offset) return bulk_unsupported(kOffsetNotSupported);
  BulkQueryPlan plan;
  plan.object = compiled->object->name;
  if (auto refusal = flatten(compiled->root, "", plan)) return bulk_unsupported(*refusal);
  plan.sql = std::move(compiled->sql);
  plan.params = std::move(compiled->params);
  return plan;
}

}  // namespace emu
