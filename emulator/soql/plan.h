// The output plan of a compiled query: which result columns make which JSON keys, nested the way
// Salesforce nests parent records. Built once per query so rendering a page is a straight walk
// over precomputed items with no lookups per row.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "emulator/org/schema.h"

namespace emu::soql {

// One component of a compound field: the key inside the compound object ("city") and its column.
struct CompoundPart {
  std::string json_key;
  int column;
  FieldType type;
};

struct RenderNode;
struct CompiledQuery;

struct RenderItem {
  enum class Kind { Field, Compound, Parent };
  Kind kind = Kind::Field;
  std::string key;                     // describe-case field name, or the relationship name
  FieldType type = FieldType::String;  // Field
  int column = -1;                     // Field
  std::vector<CompoundPart> parts;     // Compound, in the order Salesforce writes the keys
  std::unique_ptr<RenderNode> parent;  // Parent
};

// A parent-to-child subquery ("Contacts"): the child query, run once per record with the record's
// Id bound to ?1, rendered just before items[position] (kept apart from `items` so consumers that
// only understand fields — the Bulk CSV writer — see no new item kind).
struct ChildQuery {
  std::string key;
  std::shared_ptr<const CompiledQuery> query;
  size_t position = 0;
};

// A record (the queried one or a parent): `attributes` from its object and Id column, then items.
// A parent whose Id column is NULL (empty lookup) renders as `null`.
struct RenderNode {
  const ObjectSchema* object = nullptr;
  int id_column = -1;
  std::vector<RenderItem> items;
  std::vector<ChildQuery> children;  // queried record only
};

}  // namespace emu::soql
