#include "emulator/soql/compiler.h"

#include <algorithm>

#include "emulator/org/child_relationships.h"
#include "emulator/soql/compile_context.h"
#include "emulator/soql/parser.h"
#include "emulator/soql/query_error.h"

namespace emu::soql {
namespace {

constexpr int64_t kMaxOffset = 2000;       // larger offsets: NUMBER_OUTSIDE_VALID_RANGE
constexpr int64_t kMaxFieldsAllLimit = 200;  // FIELDS(ALL|CUSTOM) needs LIMIT <= 200

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// The key a compound component takes inside the compound object ("MailingPostalCode" ->
// "postalCode"); empty for components Salesforce does not put there (StateCode, CountryCode).
std::string compound_key(std::string_view component_name) {
  if (ends_with_icase(component_name, "__s")) component_name.remove_suffix(3);
  static constexpr std::string_view kKeys[] = {"GeocodeAccuracy", "PostalCode", "Street", "City", "State",
                                               "Country", "Latitude", "Longitude"};
  for (std::string_view k : kKeys) {
    if (ends_with_icase(component_name, k)) {
      std::string key(k);
      key[0] = static_cast<char>(key[0] - 'A' + 'a');
      return key;
    }
  }
  return "";
}

class SelectCompiler {
 public:
  SelectCompiler(CompileContext& ctx, CompiledQuery& out) : ctx_(ctx), out_(out) {}

  void item(const SelectItem& item) {
    switch (item.kind) {
      case SelectKind::Field: add(ctx_.resolve(item.field, false), item.field.pos()); break;
      case SelectKind::FieldsAll:
      case SelectKind::FieldsStandard:
      case SelectKind::FieldsCustom:
        for (const FieldSchema& f : ctx_.root().fields) {
          bool wanted = item.kind == SelectKind::FieldsAll || (item.kind == SelectKind::FieldsCustom) == f.custom;
          if (wanted) add(ResolvedField{0, &f, {}}, item.pos);
        }
        break;
      case SelectKind::Subquery: children(*item.subquery); break;
      default: break;  // COUNT forms are handled by compile()
    }
  }

 private:
  void add(const ResolvedField& rf, size_t pos) {
    RenderNode* node = &out_.root;
    for (int j : rf.hops) node = &parent_node(*node, j);
    const FieldSchema& f = *rf.field;
    for (const RenderItem& existing : node->items) {
      if (existing.kind != RenderItem::Kind::Parent && iequals(existing.key, f.name)) {
        ctx_.fail(pos, "MALFORMED_QUERY", "duplicate field selected: " + f.name);
      }
    }
    RenderItem item;
    item.key = f.name;
    item.type = f.type;
    if (f.stored()) {
      item.column = ctx_.column(rf.column_sql());
    } else {
      item.kind = RenderItem::Kind::Compound;
      const ObjectSchema& object = *ctx_.joins()[static_cast<size_t>(rf.join)].object;
      for (const FieldSchema* part : object.components(f.name)) {
        std::string key = compound_key(part->name);
        if (key.empty()) continue;
        ResolvedField component{rf.join, part, {}};
        item.parts.push_back(CompoundPart{key, ctx_.column(component.column_sql()), part->type});
      }
      std::sort(item.parts.begin(), item.parts.end(),
                [](const CompoundPart& a, const CompoundPart& b) { return a.json_key < b.json_key; });
    }
    node->items.push_back(std::move(item));
  }

  void children(const Query& sub) {
    std::vector<ChildRelationship> relationships = child_relationships(ctx_.catalog(), ctx_.root());
    const ChildRelationship* rel = find_child_relationship(relationships, sub.from);
    if (!rel || rel->relationship_name.empty()) {
      ctx_.fail(sub.from_pos, "INVALID_TYPE",
                "Didn't understand relationship '" + sub.from + "' in FROM part of query call. If you are "
                "attempting to use a custom relationship, be sure to append the '__r' after the custom relationship "
                "name. Please reference your WSDL or the describe call for the appropriate names.");
    }
    auto compiled = compile_children(sub, ctx_.soql(), ctx_.catalog(), *rel->child, *rel->field, ctx_.options());
    if (!compiled.ok()) throw CompileFailure{compiled.error()};
    for (const ChildQuery& existing : out_.root.children) {
      if (iequals(existing.key, rel->relationship_name)) {
        ctx_.fail(sub.from_pos, "MALFORMED_QUERY", "duplicate field selected: " + rel->relationship_name);
      }
    }
    out_.root.children.push_back(ChildQuery{rel->relationship_name,
                                            std::make_shared<const CompiledQuery>(std::move(compiled.value())),
                                            out_.root.items.size()});
  }

  // The nested record for join `j` inside `node`, created on first use.
  RenderNode& parent_node(RenderNode& node, int j) {
    const Join& join = ctx_.joins()[static_cast<size_t>(j)];
    const std::string& key = join.reference->relationship_name;
    for (RenderItem& existing : node.items) {
      if (existing.kind == RenderItem::Kind::Parent && existing.key == key) return *existing.parent;
    }
    RenderItem item;
    item.kind = RenderItem::Kind::Parent;
    item.key = key;
    item.parent = std::make_unique<RenderNode>();
    item.parent->object = join.object;
    item.parent->id_column = ctx_.column(id_column_sql(j));
    node.items.push_back(std::move(item));
    return *node.items.back().parent;
  }

  CompileContext& ctx_;
  CompiledQuery& out_;
};

std::string order_clause(CompileContext& ctx, const Query& q) {
  std::string out;
  for (const OrderKey& k : q.order_by) {
    ResolvedField rf = ctx.resolve(k.field, false);
    if (!rf.field->stored() || !rf.field->sortable) {
      ctx.fail(k.field.pos(), "INVALID_FIELD", "field '" + rf.field->name + "' can not be sorted in a query call");
    }
    out += out.empty() ? " ORDER BY " : ", ";
    out += rf.column_sql();
    if (k.descending) out += " DESC";
    if (k.nulls_first) out += *k.nulls_first ? " NULLS FIRST" : " NULLS LAST";
  }
  return out;
}

void check_limits(CompileContext& ctx, const Query& q) {
  for (const SelectItem& item : q.select) {
    bool unbounded = item.kind == SelectKind::FieldsAll || item.kind == SelectKind::FieldsCustom;
    if (unbounded && (!q.limit || *q.limit > kMaxFieldsAllLimit)) {
      ctx.fail(item.pos, "MALFORMED_QUERY", "The SOQL FIELDS function must have a LIMIT of at most 200");
    }
  }
  if (q.offset && *q.offset > kMaxOffset) {
    ctx.fail(q.offset_pos, "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000");
  }
}

// COUNT() and COUNT(field) stand alone in the SELECT list.
QueryShape shape_of(CompileContext& ctx, const Query& q) {
  QueryShape shape = QueryShape::Records;
  for (const SelectItem& item : q.select) {
    if (item.kind != SelectKind::CountAll && item.kind != SelectKind::CountField) continue;
    if (q.select.size() > 1) {
      ctx.fail(item.pos, "MALFORMED_QUERY", "COUNT() and COUNT(field) must be the only element in the SELECT list");
    }
    shape = item.kind == SelectKind::CountAll ? QueryShape::CountAll : QueryShape::CountField;
  }
  return shape;
}

// WHERE: the soft-delete filter, a child subquery's link to its parent (`link` = ?1, the first
// parameter bound) and the query's own condition.
std::string where_clause(CompileContext& ctx, const Query& q, const FieldSchema* link) {
  std::vector<std::string> terms;
  if (!ctx.options().include_deleted) terms.push_back("t0.\"IsDeleted\" = 0");
  if (link) terms.push_back(ResolvedField{0, link, {}}.column_sql() + " = " + ctx.bind(std::monostate{}));
  if (q.where) terms.push_back(compile_condition(ctx, *q.where, false));
  std::string out;
  for (const std::string& t : terms) out += (out.empty() ? " WHERE " : " AND ") + t;
  return out;
}

std::string limit_clause(CompileContext& ctx, const Query& q) {
  if (!q.limit && !q.offset) return "";
  std::string out = " LIMIT " + (q.limit ? ctx.bind(*q.limit) : std::string("-1"));
  if (q.offset) out += " OFFSET " + ctx.bind(*q.offset);
  return out;
}

void build(CompileContext& ctx, const Query& q, const FieldSchema* link, CompiledQuery& out) {
  out.shape = shape_of(ctx, q);
  if (link && out.shape != QueryShape::Records) {
    ctx.fail(q.select[0].pos, "MALFORMED_QUERY", "COUNT() is not supported in a parent-to-child subquery");
  }
  out.root.object = &ctx.root();
  out.root.id_column = ctx.column(id_column_sql(0));
  SelectCompiler select(ctx, out);
  for (const SelectItem& item : q.select) select.item(item);
  std::string where = where_clause(ctx, q, link);
  std::string order = order_clause(ctx, q);
  check_limits(ctx, q);
  std::string limit = limit_clause(ctx, q);
  out.column_count = static_cast<int>(ctx.columns().size());

  if (out.shape == QueryShape::CountField) {
    std::string counted = ctx.resolve(q.select[0].field, true).column_sql();
    out.sql = "SELECT COUNT(" + counted + ")" + ctx.from_clause(true) + where;
    out.count_sql = "SELECT 1";
  } else {
    std::string columns;
    for (const std::string& c : ctx.columns()) columns += (columns.empty() ? "" : ", ") + c;
    out.sql = "SELECT " + columns + ctx.from_clause(false) + where + order + limit;
    if (limit.empty()) {
      out.count_probe_sql = "SELECT COUNT(*) FROM (SELECT 1" + ctx.from_clause(true) + where + " LIMIT " +
                            std::to_string(kCountProbeRows) + ")";
      out.count_sql = "SELECT COUNT(*)" + ctx.from_clause(true, true) + where;
    } else {
      out.count_sql = "SELECT COUNT(*) FROM (SELECT 1" + ctx.from_clause(true) + where + limit + ")";
    }
  }
  out.params = std::move(ctx.params());
}

sfsync::Result<CompiledQuery> compile_on(const Query& query, std::string_view soql, const Catalog& catalog,
                                         const ObjectSchema& object, const FieldSchema* link,
                                         const CompileOptions& options) {
  try {
    CompileContext ctx(soql, catalog, object, query.alias, options);
    CompiledQuery out;
    out.object = &object;
    build(ctx, query, link, out);
    return out;
  } catch (const CompileFailure& f) {
    return f.error;
  }
}

}  // namespace

sfsync::Result<CompiledQuery> compile(const Query& query, std::string_view soql, const Catalog& catalog,
                                      const CompileOptions& options) {
  const ObjectSchema* object = catalog.find(query.from);
  if (!object || !object->queryable) {
    return query_error(soql, query.from_pos, "INVALID_TYPE", unsupported_sobject(query.from));
  }
  return compile_on(query, soql, catalog, *object, nullptr, options);
}

sfsync::Result<CompiledQuery> compile_children(const Query& subquery, std::string_view soql, const Catalog& catalog,
                                               const ObjectSchema& child, const FieldSchema& link,
                                               const CompileOptions& options) {
  return compile_on(subquery, soql, catalog, child, &link, options);
}

sfsync::Result<CompiledQuery> compile_soql(std::string_view soql, const Catalog& catalog,
                                           const CompileOptions& options) {
  auto parsed = parse(soql);
  if (!parsed.ok()) return parsed.error();
  return compile(parsed.value(), soql, catalog, options);
}

}  // namespace emu::soql
