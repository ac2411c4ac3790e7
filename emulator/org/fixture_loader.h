// Fixture loader: records from JSON files, for tests and demos that need exact, hand-written data.
//
// A fixtures directory holds one file per object, named "<Object>.json" (Contact.json,
// Invoice__c.json), each a JSON array of records — or a query response {"records": [...]} — with
// field API names as keys (case-insensitive; "attributes" is ignored). Values follow the REST
// format: datetimes "2024-01-02T03:04:05.000+0000", dates "2024-01-02", booleans, numbers; a
// compound address may be given as an object ({"street":..., "city":...}). Records may carry their
// own Id, so references between fixture files work; the id counter moves past those ids so later
// creates never collide. Related records nested the way query responses nest them
// ("Account": {...}, "Contacts": {"records": [...]}) are skipped. System fields (CreatedDate,
// SystemModstamp, ...) may be given; missing ones are set to now_ms.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"
#include "emulator/org/org_store.h"

namespace emu {

// Loads every "<Object>.json" in `dir`, in catalog order, in one transaction. Errors (code
// "bad_fixture") name the file, the record index and the problem; nothing is loaded then.
sfsync::Result<void> load_fixtures(OrgStore& store, const std::string& dir, int64_t now_ms);

}  // namespace emu
