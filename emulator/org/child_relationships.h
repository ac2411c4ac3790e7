// Child relationships: the reverse side of lookups, as Describe lists them and as SOQL parent-to-child
// subqueries name them (SELECT Id, (SELECT Id FROM Contacts) FROM Account).
//
// The Catalog stores only the child side (a reference field and its parent relationshipName), so the
// parent's view is derived here. Naming follows Salesforce: standard lookups are the child's plural
// API name ("Contacts", "Opportunities", "OpportunityLineItems"), self lookups named Parent are
// "Child<plural>" ("ChildAccounts"), custom lookups are the child's plural label + "__r"
// ("Invoices__r"). System lookups (Owner, CreatedBy, MasterRecord, read-only derived ones) have a
// null relationship name: they appear in Describe but cannot be used in a subquery.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "emulator/org/schema.h"

namespace emu {

struct ChildRelationship {
  const ObjectSchema* child = nullptr;
  const FieldSchema* field = nullptr;  // the child's reference field pointing at the parent
  std::string relationship_name;       // empty = null in Describe
  bool cascade_delete = false;         // master-detail style parents (create-only, required)
};

// All child relationships of `parent`, ordered by child object name then field, names unique.
std::vector<ChildRelationship> child_relationships(const Catalog& catalog, const ObjectSchema& parent);

// The child relationship of `parent` named `name` (case-insensitive); nullptr when none.
const ChildRelationship* find_child_relationship(const std::vector<ChildRelationship>& relationships,
                                                 std::string_view name);

}  // namespace emu
