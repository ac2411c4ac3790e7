// What Salesforce says now about records the store believes live: the last word before a
// deletion is applied. Both ways of finding deletions besides queryAll's incremental rows (a
// full read's missing records, the delete log) only suggest Ids; an Id that came back to life
// (undelete) or never left must not be taken for deleted.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "salesforce/record_parser.h"
#include "salesforce/salesforce_client.h"
#include "sources/record.h"

namespace sfsync {

// Ids per lookup: they travel in the URL of one queryAll.
constexpr size_t kDeletedLookupBatch = 100;

// An Id to ask about, with when Salesforce's delete log says it was deleted (0: not known).
struct DeletedCandidate {
  std::string id;
  int64_t deleted_ms = 0;
};

// Asks queryAll about `candidates` (at most kDeletedLookupBatch): deleted ones are appended to
// `out` as queryAll returns them (IsDeleted, all `fields`), purged ones (no row at all) as an
// Id-only deleted Record stamped with their deletion time when known (the stamp the recycle bin's
// row had, so a delete event keeps one dedup key); live ones are left out.
Result<void> look_up_deletions(SalesforceClient& client, const std::string& object,
                               const std::vector<std::string>& fields, const RecordParser& parser,
                               std::vector<DeletedCandidate> candidates, std::vector<Record>& out);

}  // namespace sfsync
