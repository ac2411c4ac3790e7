// How far Salesforce's changes of one object are settled: the getUpdated probe a run makes before
// it reads (issue 3; airbyte#27146 is what happens without it).
//
// While a long-running transaction (a batch job, a large data load) is open, getUpdated's
// latestDateCovered stays at its start: the records it writes carry SystemModstamps from then,
// although no query can see them until it commits. A run that read past that point would move
// its cursor beyond them for good; it stops there instead, and a later run reads them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "salesforce/salesforce_client.h"

namespace sfsync {

// The start of the oldest transaction Salesforce reports open, when it is before `upper_ms`;
// nullopt when none is (or the object has no replication, or the call failed: the bound stands).
std::optional<int64_t> settled_until(SalesforceClient& client, const std::string& object, int64_t upper_ms);

}  // namespace sfsync
