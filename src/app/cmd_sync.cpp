// sfsync sync [SYNC...] [--full]
#include <cstdio>
#include <iostream>

#include "app/commands.h"
#include "app/progress.h"
#include "runner/interrupted_runs.h"
#include "runner/pull_run.h"
#include "sinks/webhook/webhook_sender.h"

namespace sfsync {

namespace {

void print_outcome(const SyncConfig& sync, const PullOutcome& o) {
  double rate = o.seconds > 0 ? static_cast<double>(o.counts.read) / o.seconds : 0;
  std::printf("%-8s %-20s read %s  written %s  skipped %s  api calls %s  %.1fs  %s rec/s\n",
              std::string(execution_status_name(o.status)).c_str(), sync.name.c_str(),
              format_count(o.counts.read).c_str(), format_count(o.counts.written).c_str(),
              format_count(o.counts.skipped).c_str(), format_count(o.counts.api_calls).c_str(), o.seconds,
              format_count(static_cast<int64_t>(rate)).c_str());
  if (!o.reason.empty()) std::printf("         %s\n", o.reason.c_str());
  if (o.api.org_limit > 0)
    std::printf("         org API usage %s / %s\n", format_count(o.api.org_used).c_str(),
                format_count(o.api.org_limit).c_str());
}

// After the runs: the outbox to the webhook, if one is configured. Data already landed either way;
// undelivered changes stay in the outbox for the next run.
int deliver_hooks(CliContext& ctx, CustomerStore& store) {
  const WebhookConfig& webhook = ctx.config()->webhook;
  if (webhook.url.empty()) return kExitOk;
  auto stats = WebhookSender(webhook).deliver(store);
  if (!stats) {
    CliContext::print_error(stats.error());
    return kExitRunFailed;
  }
  if (stats->delivered > 0)
    std::printf("hooks    delivered %s changes in %s batches\n", format_count(stats->delivered).c_str(),
                format_count(stats->batches).c_str());
  return kExitOk;
}

}  // namespace

int cmd_sync(CliContext& ctx, const std::vector<std::string>& names, bool full, const std::atomic<bool>* cancel) {
  std::vector<const SyncConfig*> syncs;
  if (!ctx.select_syncs(names, syncs)) return kExitBadInput;
  CustomerStore* store = ctx.store();
  if (!store) return kExitBadInput;
  int exit_code = kExitOk;
  for (const SyncConfig* sync : syncs) {
    if (!sync->from_salesforce()) {
      CliContext::print_error(make_error("bad_input", "sync \"" + sync->name +
                                                          "\": Data Extension and push syncs are not runnable yet"));
      exit_code = std::max(exit_code, int(kExitBadInput));
      continue;
    }
    SalesforceClient* client = ctx.salesforce(sync->connection);
    if (!client) return kExitBadInput;
    if (auto closed = close_interrupted_runs(*store, sync->name); !closed) CliContext::print_error(closed.error());
    ProgressReporter progress(sync->name);
    PullRequest request;
    request.full = full;
    request.cancel = cancel;
    request.map_threads = 1;
    request.hooks_configured = !ctx.config()->webhook.url.empty();
    request.on_progress = [&](const PipelineProgress& p) { progress.update(p); };
    auto outcome = run_salesforce_pull(*sync, *client, *store, request);
    progress.finish();
    if (!outcome) {
      CliContext::print_error(outcome.error());
      exit_code = std::max(exit_code, CliContext::exit_code_for(outcome.error()));
      continue;
    }
    print_outcome(*sync, *outcome);
    if (outcome->status == ExecutionStatus::Failed) exit_code = std::max(exit_code, int(kExitRunFailed));
    if (cancel && cancel->load()) break;
  }
  return std::max(exit_code, deliver_hooks(ctx, *store));
}

}  // namespace sfsync
