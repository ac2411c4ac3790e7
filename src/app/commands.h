// The sfsync commands. Each returns the process exit code: 0 ok, 1 a run failed, 2 bad input.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "app/cli_context.h"
#include "app/profile_lookup.h"

namespace sfsync {

int cmd_sync(CliContext& ctx, const std::vector<std::string>& syncs, bool full, const std::atomic<bool>* cancel);
int cmd_check(CliContext& ctx);
// Reverse ETL: one push sync (issue 5).
int cmd_push(CliContext& ctx, const std::string& sync, bool full, bool dry_run, const std::atomic<bool>* cancel);
int cmd_discover(CliContext& ctx, const std::string& connection, const std::string& object);
int cmd_preview(CliContext& ctx, const std::string& sync, int limit);
int cmd_runs(CliContext& ctx, const std::string& sync, int limit, bool json);
int cmd_errors(CliContext& ctx, int64_t run, int limit, bool json);
int cmd_stats(CliContext& ctx, bool json);

int cmd_find(CliContext& ctx, const FindQuery& q, bool json);
// paste: read the redirect address from stdin instead of listening for it (no browser here).
int cmd_connect(CliContext& ctx, const std::string& connection, bool paste);
int cmd_disconnect(CliContext& ctx, const std::string& connection);
// The Salesforce or Marketing Cloud connection `name` (connect, disconnect); nullptr after printing
// why not.
const Connection* login_connection(CliContext& ctx, const std::string& name);
// The daemon's HTTP API (api_server.h): port -1 = none, 0 = a free one.
struct DaemonApi {
  std::string host = "127.0.0.1";
  int port = -1;
  std::string token;  // SFSYNC_API_TOKEN; "" = none asked
};
// `reload` (set by SIGHUP): read the config file again between runs and schedule from it.
int cmd_daemon(CliContext& ctx, bool run_now, const std::atomic<bool>* cancel, std::atomic<bool>* reload = nullptr,
               const DaemonApi& api = {});

}  // namespace sfsync
