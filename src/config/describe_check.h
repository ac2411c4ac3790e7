// Checks a sync against what the org (Describe) or the Data Extension really has.
//
// Called by the engine before the first data call (`sfsync check`, `sync`, `preview`): an unknown
// field names itself and the three nearest real names, with the config line to fix:
//   sfsync.yaml:21: sync "contacts": attributes: unknown field "Emial" on Contact (nearest: "Email", ...)
#pragma once

#include "common/result.h"
#include "config/config.h"
#include "config/field_catalog.h"

namespace sfsync {

// Every field the sync reads (fields:, identifiers, templates, attributes, event, relationship,
// filter rules) must exist; a parent path (Account.Name) must go through a known relationship; an
// event timestamp field must be a date/datetime; an incremental Data Extension sync needs its
// modified_field. Returns the first problem.
Result<void> validate_against_describe(const SyncConfig& sync, const FieldCatalog& catalog);

}  // namespace sfsync
