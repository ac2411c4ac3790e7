// sfsync push SYNC [--full] [--dry-run]
#include <cstdio>
#include <optional>

#include "app/commands.h"
#include "app/progress.h"
#include "runner/interrupted_runs.h"
#include "runner/push_run.h"

namespace sfsync {

namespace {

void print_dry_run(const SyncConfig& sync, const PushOutcome& o) {
  std::printf("dry run %-20s model rows %s  unchanged %s  would insert %s  update %s  delete %s\n",
              sync.name.c_str(), format_count(o.counts.read).c_str(), format_count(o.unchanged).c_str(),
              format_count(o.would_insert).c_str(), format_count(o.would_update).c_str(),
              format_count(o.would_delete).c_str());
  for (const auto& s : o.samples)
    std::printf("  %-6s %s  %s\n", s.op.c_str(), s.key.c_str(), s.payload.c_str());
}

void print_outcome(const SyncConfig& sync, const PushOutcome& o) {
  std::printf("%-8s %-20s rows %s  unchanged %s  sent %s (created %s, updated %s)  deleted %s  failed %s  "
              "api calls %s  %.1fs%s\n",
              std::string(execution_status_name(o.status)).c_str(), sync.name.c_str(),
              format_count(o.counts.read).c_str(), format_count(o.unchanged).c_str(),
              format_count(o.counts.written + o.counts.failed).c_str(), format_count(o.created).c_str(),
              format_count(o.updated).c_str(), format_count(o.deleted).c_str(), format_count(o.counts.failed).c_str(),
              format_count(o.counts.api_calls).c_str(), o.seconds,
              o.bulk ? "  (Bulk API 2.0)" : sync.push.data_extension.empty() ? "" : "  (Data Extension, async upsert)");
  if (!o.reason.empty()) std::printf("         %s\n", o.reason.c_str());
}

}  // namespace

int cmd_push(CliContext& ctx, const std::string& name, bool full, bool dry_run, const std::atomic<bool>* cancel) {
  const Config* config = ctx.config();
  if (!config) return kExitBadInput;
  const SyncConfig* sync = config->find_sync(name);
  if (!sync || !sync->is_push()) {
    CliContext::print_error(make_error("bad_input", sync ? "sync \"" + name + "\" is a pull sync; run `sfsync sync " + name + "`"
                                                         : "no sync named \"" + name + "\""));
    return kExitBadInput;
  }
  CustomerStore* store = ctx.store();
  if (!store) return kExitBadInput;
  const bool into_data_extension = !sync->push.data_extension.empty();
  SalesforceClient* client = into_data_extension ? nullptr : ctx.salesforce(sync->connection);
  MarketingCloudClient* mc = into_data_extension ? ctx.marketing_cloud(sync->connection) : nullptr;
  if (!client && !mc) return kExitBadInput;
  std::unique_ptr<RunLease> lease;
  if (!dry_run) {
    auto taken = store->lease_sync(sync->name);
    if (!taken) return CliContext::print_error(taken.error()), kExitRunFailed;
    lease = std::move(taken.value());
    if (auto closed = close_interrupted_runs(*store, sync->name); !closed) CliContext::print_error(closed.error());
  }
  PushRequest request;
  request.full = full;
  request.dry_run = dry_run;
  request.store_path = config->store.path;
  request.store_postgres_url = config->store.postgres_url.reveal();
  request.cancel = cancel;
  auto outcome = mc ? run_data_extension_push(*config, *sync, *mc, *store, request)
                    : run_push(*config, *sync, *client, *store, request);
  if (!outcome) {
    CliContext::print_error(outcome.error());
    return CliContext::exit_code_for(outcome.error());
  }
  if (dry_run) print_dry_run(*sync, *outcome);
  else print_outcome(*sync, *outcome);
  return outcome->status == ExecutionStatus::Failed ? kExitRunFailed : kExitOk;
}

}  // namespace sfsync
