// getDeleted: Salesforce's delete log for one object over a time window.
//
// queryAll shows a deleted record only while it sits in the recycle bin: a hard delete, an
// emptied recycle bin or the bin's own 15-day purge take it out, and an incremental read never
// hears of it. The delete log keeps every delete for 15 days whatever happened to the record
// since, so reading it between runs closes that gap (peers-source-connectors.md: none of the
// open-source connectors do).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "salesforce/salesforce_client.h"

namespace sfsync {

struct DeletedEntry {
  std::string id;
  int64_t deleted_ms = 0;  // deletedDate: the record's SystemModstamp at its deletion
};

struct DeleteLogWindow {
  std::vector<DeletedEntry> entries;  // deleted in the window, oldest first
  int64_t earliest_available_ms = 0;  // entries before this are gone: deletes before it are unknown
  int64_t covered_to_ms = 0;          // latestDateCovered: the next window starts here
};

// The log of `object` in [start_ms, end_ms) (Salesforce truncates both to the minute; start must
// be within the last 15 days). A window with more than 600,000 deletes (EXCEEDED_ID_LIMIT) is
// asked for in halves. Errors: Salesforce's (INVALID_REPLICATION_DATE for a window it refuses).
Result<DeleteLogWindow> read_delete_log(SalesforceClient& client, const std::string& object, int64_t start_ms,
                                        int64_t end_ms);

}  // namespace sfsync
