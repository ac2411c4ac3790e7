// filter: rules -> a SOQL WHERE expression, with each value written as its field's type needs.
//
// Strings, ids and picklists are quoted, numbers, booleans, dates and date literals are not, and
// datetimes are normalized to 2024-01-02T03:04:05.000Z. Run validate_against_describe() first: a
// rule whose value does not fit its field is rejected there with the config line.
#pragma once

#include <string>

#include "config/config.h"
#include "config/field_catalog.h"

namespace sfsync {

// The rules ANDed, or the raw `where` as written; "" when the sync has no filter. Without a catalog
// (or for a field it does not know) values are quoted as strings.
std::string filter_where_clause(const Filter& filter, const FieldCatalog* catalog);

}  // namespace sfsync
