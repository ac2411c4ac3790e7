// A stable fingerprint of what a sync's mapping produces.
//
// Reverse ETL resends every row when the mapping changed (issue 5); a pull sync can tell a user
// that records already synced keep their old shape until a --full run. Only settings that change
// the output count: renaming the sync, its schedule or batch size does not change the fingerprint.
#pragma once

#include <string>

#include "config/config.h"

namespace sfsync {

// 16 hex digits (FNV-1a 64 over a canonical text of the mapping settings).
std::string mapping_fingerprint(const SyncConfig& sync);

}  // namespace sfsync
