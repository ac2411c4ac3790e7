// getUpdated / getDeleted (sObject Get Updated / Get Deleted), the REST replication resources:
//   GET /sobjects/{Object}/updated/?start=&end=  {"ids":[...],"latestDateCovered":...}
//   GET /sobjects/{Object}/deleted/?start=&end=  {"deletedRecords":[{"id","deletedDate"}],
//                                                 "earliestDateAvailable":...,"latestDateCovered":...}
// Rules (docs "sObject Get Updated" / "sObject Get Deleted", SOAP getUpdated()): seconds are
// truncated to the minute; start must precede end; getUpdated looks back at most 30 days,
// getDeleted 15; both read SystemModstamp; more than 600,000 ids -> EXCEEDED_ID_LIMIT.
#pragma once

#include "emulator/server/api_context.h"

namespace emu {

// Registered by register_sobject_api before the record routes (counters "getUpdated", "getDeleted").
void register_replication_routes(Router& router, ApiContext& ctx);

}  // namespace emu
