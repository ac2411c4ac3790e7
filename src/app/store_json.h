// The store's views as JSON, for `--json` on runs, errors, stats and find: a line per run or
// record error (NDJSON, for jq and log shippers), one object for stats and a profile. Attribute
// values keep their types, as the store holds them.
#pragma once

#include <string>

#include "sinks/store/store_types.h"

namespace sfsync {

std::string execution_json(const Execution& e);
std::string record_error_json(const RecordError& e);
std::string counts_json(const StoreCounts& c);
std::string profile_json(const ProfileView& p);

}  // namespace sfsync
