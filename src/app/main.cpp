// sfsync: moves customer data between Salesforce and the customer store.
#include <cstdlib>
#include <CLI/CLI.hpp>

#include <csignal>

#include "app/commands.h"

namespace {

std::atomic<bool> g_cancel{false};
std::atomic<bool> g_reload{false};
void on_signal(int) { g_cancel = true; }
void on_hangup(int) { g_reload = true; }

}  // namespace

int main(int argc, char** argv) {
  using namespace sfsync;
  CLI::App app{"sfsync: Salesforce and Marketing Cloud data into your customer store, and back"};
  app.require_subcommand(1);
  std::string config_path = "sfsync.yaml";
  app.add_option("-c,--config", config_path, "configuration file")->envname("SFSYNC_CONFIG");

  auto* check = app.add_subcommand("check", "authenticate, describe and validate every sync");
  std::string connection, object;
  auto* discover = app.add_subcommand("discover", "list the org's objects, or one object's fields");
  discover->add_option("object", object, "object API name");
  discover->add_option("--connection", connection, "Salesforce connection (default: the first)");

  std::string sync_name;
  int limit = 5;
  auto* preview = app.add_subcommand("preview", "show what the first records of a sync become; writes nothing");
  preview->add_option("sync", sync_name)->required();
  preview->add_option("-n,--limit", limit, "records to show")->check(CLI::Range(1, 200));

  std::vector<std::string> syncs;
  bool full = false;
  auto* sync = app.add_subcommand("sync", "run syncs (all pull syncs when none is named)");
  sync->add_option("syncs", syncs);
  sync->add_flag("--full", full, "re-read everything (backfill); events are not doubled");

  std::string push_name;
  bool push_full = false, dry_run = false;
  auto* push = app.add_subcommand("push", "send a push sync's model to Salesforce (reverse ETL)");
  push->add_option("sync", push_name)->required();
  push->add_flag("--full", push_full, "resend every row, changed or not");
  push->add_flag("--dry-run", dry_run, "show what would be inserted, updated and deleted; send nothing");

  int runs_limit = 20;
  auto* runs = app.add_subcommand("runs", "recent runs with their outcome and counts");
  runs->add_option("--sync", sync_name);
  runs->add_option("-n,--limit", runs_limit)->check(CLI::PositiveNumber);
  bool json = false;
  runs->add_flag("--json", json, "a JSON object per run, one per line");

  int64_t run_id = 0;
  int errors_limit = 100;
  auto* errors = app.add_subcommand("errors", "records a run skipped or failed, with the reason");
  errors->add_option("run", run_id)->required();
  errors->add_option("-n,--limit", errors_limit)->check(CLI::PositiveNumber);
  errors->add_flag("--json", json, "a JSON object per record, one per line");

  auto* stats = app.add_subcommand("stats", "what the customer store holds");
  stats->add_flag("--json", json, "one JSON object");

  FindQuery query;
  int64_t profile_id = 0;
  auto* find = app.add_subcommand("find", "a profile: identifiers, attributes, relationships, last events");
  find->add_option("--email", query.email);
  find->add_option("--phone", query.phone);
  find->add_option("--identifier", query.identifier, "type=value");
  auto* id_option = find->add_option("--id", profile_id, "profile id");
  find->add_option("--record", query.record, "the profile a source record made: SYNC:RECORD_ID (contacts:003...)");
  find->add_flag("--json", json, "the profile as one JSON object (typed attribute values)");

  auto* daemon = app.add_subcommand(
      "daemon", "run syncs at their options.schedule / full_schedule cron times (UTC); --api-port: HTTP API + console");
  bool run_now = false;
  daemon->add_flag("--run-now", run_now, "run every scheduled sync once at start, then on schedule");
  DaemonApi api;
  daemon->add_option("--api-port", api.port, "serve the HTTP API (runs, errors, stats, profiles, run now) on this "
                                             "port; 0 picks a free one")
      ->check(CLI::Range(0, 65535));
  daemon->add_option("--api-host", api.host, "address the API binds to (default 127.0.0.1)");

  auto* connect = app.add_subcommand("connect", "authorize a connection in the browser (OAuth + PKCE)");
  connect->add_option("connection", connection)->required();
  bool paste = false;
  connect->add_flag("--paste", paste,
                    "no local listener: open the URL on any machine and paste back the address the browser "
                    "was sent to (servers without a browser)");
  auto* disconnect = app.add_subcommand("disconnect", "revoke the refresh token `connect` stored and forget it");
  disconnect->add_option("connection", connection)->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::signal(SIGHUP, on_hangup);

  CliContext ctx(config_path);
  auto dispatch = [&]() -> int {
    if (*check) return cmd_check(ctx);
    if (*discover) return cmd_discover(ctx, connection, object);
    if (*preview) return cmd_preview(ctx, sync_name, limit);
    if (*sync) return cmd_sync(ctx, syncs, full, &g_cancel);
    if (*push) return cmd_push(ctx, push_name, push_full, dry_run, &g_cancel);
    if (*runs) return cmd_runs(ctx, sync_name, runs_limit, json);
    if (*errors) return cmd_errors(ctx, run_id, errors_limit, json);
    if (*stats) return cmd_stats(ctx, json);
    if (*find) {
      if (*id_option) query.profile_id = profile_id;
      return cmd_find(ctx, query, json);
    }
    if (*connect) return cmd_connect(ctx, connection, paste);
    if (*disconnect) return cmd_disconnect(ctx, connection);
    if (*daemon) {
      if (const char* token = std::getenv("SFSYNC_API_TOKEN")) api.token = token;
      return cmd_daemon(ctx, run_now, &g_cancel, &g_reload, api);
    }
    return kExitBadInput;
  };
  int code = dispatch();
  if (code == kExitBadInput) ctx.discard_store_if_unused();
  return code;
}
