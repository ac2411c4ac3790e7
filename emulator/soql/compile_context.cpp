#include "emulator/soql/compile_context.h"

#include "emulator/soql/query_error.h"

namespace emu::soql {

std::string join_alias(int join) {
  std::string out = "t";
  out += std::to_string(join);
  return out;
}

std::string id_column_sql(int join) {
  std::string out = join_alias(join);
  out += ".\"Id\"";
  return out;
}

std::string ResolvedField::column_sql() const {
  std::string out = join_alias(join);
  out += '.';
  out += field->column();  // already quoted by the schema
  return out;
}

CompileContext::CompileContext(std::string_view soql, const Catalog& catalog, const ObjectSchema& root,
                               std::string alias, CompileOptions options)
    : soql_(soql), catalog_(catalog), root_(root), alias_(std::move(alias)), options_(options) {
  joins_.push_back(Join{&root, -1, "", nullptr, true});
}

void CompileContext::fail(size_t pos, std::string code, std::string_view sentence) const {
  throw CompileFailure{query_error(soql_, pos, std::move(code), sentence)};
}

ResolvedField CompileContext::resolve(const FieldPath& path, bool for_filter) {
  size_t first = 0;
  // "Contact.LastName" FROM Contact, "c.LastName" FROM Contact c: the queried object's name or alias
  // may lead a path.
  if (path.parts.size() > 1 && !root_.relationship(path.parts[0]) &&
      (iequals(path.parts[0], root_.name) || (!alias_.empty() && iequals(path.parts[0], alias_)))) {
    first = 1;
  }
  ResolvedField out{0, nullptr, {}};
  for (size_t i = first; i + 1 < path.parts.size(); ++i) {
    out.join = hop(out.join, path, i, for_filter);
    out.hops.push_back(out.join);
  }
  const ObjectSchema& object = *joins_[static_cast<size_t>(out.join)].object;
  out.field = object.field(path.parts.back());
  if (!out.field) fail(path.positions.back(), "INVALID_FIELD", no_such_column(path.parts.back(), object.name));
  return out;
}

int CompileContext::hop(int from, const FieldPath& path, size_t part, bool for_filter) {
  const ObjectSchema& object = *joins_[static_cast<size_t>(from)].object;
  const std::string& name = path.parts[part];
  const FieldSchema* reference = object.relationship(name);
  // The target: for a polymorphic lookup, User when it knows the next step of the path (owners are
  // users in the emulator's data), else the first referenceTo object that does.
  const ObjectSchema* target = nullptr;
  if (reference) {
    const std::string& next = path.parts[part + 1];
    bool next_is_hop = part + 2 < path.parts.size();
    const ObjectSchema* first_known = nullptr;
    for (const auto& candidate : reference->reference_to) {
      const ObjectSchema* o = catalog_.find(candidate);
      if (!o) continue;
      if (!first_known) first_known = o;
      if (!(next_is_hop ? o->relationship(next) != nullptr : o->has_field(next))) continue;
      if (!target || o->name == "User") target = o;
    }
    if (!target) target = first_known;
  }
  if (!target) fail(path.positions[part], "INVALID_FIELD", unknown_relationship(name));

  auto key = std::make_pair(from, to_lower(reference->name) + ">" + target->name);
  auto it = join_by_hop_.find(key);
  int index;
  if (it != join_by_hop_.end()) {
    index = it->second;
  } else {
    index = static_cast<int>(joins_.size());
    joins_.push_back(Join{target, from, reference->column(), reference, false});
    join_by_hop_.emplace(key, index);
  }
  if (for_filter) {
    for (int j = index; j >= 0 && !joins_[static_cast<size_t>(j)].used_by_filter; j = joins_[static_cast<size_t>(j)].from_join) {
      joins_[static_cast<size_t>(j)].used_by_filter = true;
    }
  }
  return index;
}

int CompileContext::column(const std::string& sql_expr) {
  auto [it, inserted] = column_by_sql_.emplace(sql_expr, static_cast<int>(columns_.size()));
  if (inserted) columns_.push_back(sql_expr);
  return it->second;
}

std::string CompileContext::bind(FieldValue value) {
  params_.push_back(std::move(value));
  std::string out = "?";
  out += std::to_string(params_.size());
  return out;
}

std::string CompileContext::from_clause(bool filter_joins_only, bool scan_root) const {
  std::string out = " FROM " + root_.table() + " t0";
  if (scan_root) out += " NOT INDEXED";
  for (size_t i = 1; i < joins_.size(); ++i) {
    const Join& j = joins_[i];
    if (filter_joins_only && !j.used_by_filter) continue;
    out += " LEFT JOIN ";
    out += j.object->table();
    out += ' ';
    out += join_alias(static_cast<int>(i));
    out += " ON ";
    out += id_column_sql(static_cast<int>(i));
    out += " = ";
    out += join_alias(j.from_join);
    out += '.';
    out += j.ref_column;
    // A parent in the recycle bin is not there for `query` (its lookups read as empty).
    if (!options_.include_deleted && j.object->has_field("IsDeleted")) {
      out += " AND ";
      out += join_alias(static_cast<int>(i));
      out += ".\"IsDeleted\" = 0";
    }
  }
  return out;
}

}  // namespace emu::soql
