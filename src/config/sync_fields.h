// Which source fields a sync reads.
//
// The engine selects `fields:` (or all fields) plus every field the mapping refers to, so a user
// never has to repeat Id or Email in `fields:` to use it in a template; the same list drives the
// Describe check and the custom-SOQL check.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"

namespace sfsync {

// Field paths used by identifiers, templates, attributes, event and relationship settings and
// filter rules, in first-use order, without duplicates (case-insensitive). Template paths are
// resolved (`Lead.Id` on a Lead sync is `Id`); templates that do not compile are skipped.
std::vector<std::string> referenced_fields(const SyncConfig& sync);

// `fields:` followed by the referenced fields not already in it; empty when `fields:` is empty
// (meaning: every field from Describe).
std::vector<std::string> select_fields(const SyncConfig& sync);

// The plain field list of `SELECT a, b.c FROM ...`; nullopt when the list holds functions,
// aliases or sub-queries (then only Describe can tell).
std::optional<std::vector<std::string>> soql_select_fields(const std::string& soql);

// Whether the SELECT list holds a parent-to-child sub-query: `(SELECT Id FROM Contacts)`.
bool soql_has_child_subquery(const std::string& soql);

// The object of the outer FROM ("Account" in SELECT Id, (SELECT Id FROM Contacts) FROM Account);
// "" when the text is not SELECT ... FROM <name>.
std::string soql_from_object(const std::string& soql);

}  // namespace sfsync
