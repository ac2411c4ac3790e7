// The Marketing Cloud side of `check`, `discover` and `preview` (cmd_inspect.cpp dispatches here).
#pragma once

#include <string>
#include <vector>

#include "app/cli_context.h"
#include "sources/record.h"

namespace sfsync {

// "ok/FAIL connection NAME" after a token request; returns whether it worked.
bool check_sfmc_connection(CliContext& ctx, const Connection& connection);
// "ok/FAIL sync NAME" after reading the DE's metadata and checking the sync against it.
bool check_data_extension_sync(CliContext& ctx, const SyncConfig& sync);
// No key: the Data Extensions whose name or key contains `search` ("" = all). A key: its columns.
int discover_data_extensions(CliContext& ctx, const Connection& connection, const std::string& key);
// The first `limit` rows of the sync's DE as Records (the same ones a run would read first).
Result<std::vector<Record>> preview_data_extension_records(CliContext& ctx, const SyncConfig& sync, int limit,
                                                           int64_t& total);

}  // namespace sfsync
