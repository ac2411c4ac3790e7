// A stable fingerprint of what a sync's mapping produces.
//
// Reverse ETL resends every row when the mapping changed (issue 5); a pull sync can tell a user
// that records already synced keep their old shape until a --full run. Only settings that change
// the output count: renaming the sync, its schedule or batch size does not change the fingerprint.
#pragma once

#include <string>

#include "config/config.h"

namespace sfsync {

// 16 hex digits (FNV-1a 64 over a canonical text of the mapping settings, and of `scope`: what
// else decides which records a pull reads, such as its filter and field list).
std::string mapping_fingerprint(const SyncConfig& sync, const std::string& scope = "");

// A pull's checkpoint holds only while what it covers is what the sync would read and make now:
// its source (`object:Contact`, `de:key:...`) and, after a '#', mapping_fingerprint with the
// sync's scope. A new filter or mapping therefore starts a full read — records already read
// would otherwise keep their old shape, and ones the old filter left out would never come
// (airbyte#77627). A stored fingerprint without the '#' part (stores from before it was kept)
// matches on the source alone, so upgrading does not force a full read.
std::string pull_fingerprint(const std::string& source, const SyncConfig& sync, const std::string& scope = "");
bool same_pull_fingerprint(const std::string& stored, const std::string& current);

}  // namespace sfsync
