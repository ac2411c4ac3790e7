// sfsync sync [SYNC...] [--full]
#include <cstdio>
#include <iostream>
#include <memory>

#include "app/commands.h"
#include "app/progress.h"
#include "mapping/compiled_mapping.h"
#include "runner/de_pull_run.h"
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
  if (o.applied.deletions > 0)
    std::printf("         deletions: %s marked or removed (on_delete)\n", format_count(o.applied.deletions).c_str());
  // event.when_changed: most versions of a watched record make no event, which "written" hides.
  if (!sync.event.when_changed.empty() && o.counts.read > 0)
    std::printf("         events: %s new on a move of %s%s; %s versions without one made none\n",
                format_count(o.applied.events_inserted).c_str(), sync.event.when_changed.c_str(),
                sync.event.changed_to.empty() ? "" : " to changed_to",
                format_count(o.applied.events_unchanged).c_str());
  if (o.counts.rechecked > 0)
    std::printf("         rechecked: %s changed shortly before the last run's end, read again for late commits "
                "(lookback_seconds)\n",
                format_count(o.counts.rechecked).c_str());
  for (const std::string& note : o.notes) std::printf("         note: %s\n", note.c_str());
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
  // Every sync is checked against its org before any of them runs and before the store is opened:
  // a bad one is exit 2 with nothing written (docs/config.md, "How the file is checked").
  int exit_code = kExitOk;
  std::vector<std::unique_ptr<SalesforcePullPlan>> plans(syncs.size());
  std::vector<bool> runnable(syncs.size(), false);
  for (size_t i = 0; i < syncs.size(); ++i) {
    const SyncConfig* sync = syncs[i];
    if (sync->is_push()) {
      CliContext::print_error(make_error("bad_input", "sync \"" + sync->name + "\" is a push sync; run `sfsync push " +
                                                          sync->name + "`"));
      exit_code = std::max(exit_code, int(kExitBadInput));
      continue;
    }
    if (auto compiled = CompiledMapping::compile(*sync); !compiled)
      return CliContext::print_error(compiled.error()), CliContext::exit_code_for(compiled.error());
    if (sync->source_kind == SourceKind::DataExtension) {
      // Checked against its Data Extension's columns when its run starts, before any row is read.
      if (!ctx.marketing_cloud(sync->connection)) return kExitBadInput;
      runnable[i] = true;
      continue;
    }
    SalesforceClient* client = ctx.salesforce(sync->connection);
    if (!client) return kExitBadInput;
    auto plan = plan_salesforce_pull(*client, *sync);
    if (!plan) return CliContext::print_error(plan.error()), CliContext::exit_code_for(plan.error());
    plans[i] = std::make_unique<SalesforcePullPlan>(std::move(plan.value()));
    runnable[i] = true;
  }
  CustomerStore* store = nullptr;
  for (size_t i = 0; i < syncs.size(); ++i) {
    const SyncConfig* sync = syncs[i];
    if (!runnable[i]) continue;
    if (!store && !(store = ctx.store())) return kExitBadInput;
    auto lock = store->lease_sync(sync->name);
    if (!lock) {
      CliContext::print_error(lock.error());
      exit_code = std::max(exit_code, int(kExitRunFailed));
      continue;
    }
    if (auto closed = close_interrupted_runs(*store, sync->name); !closed) CliContext::print_error(closed.error());
    ProgressReporter progress(sync->name);
    PullRequest request;
    request.full = full;
    request.cancel = cancel;
    request.map_threads = 1;
    request.hooks_configured = !ctx.config()->webhook.url.empty();
    request.on_progress = [&](const PipelineProgress& p) { progress.update(p); };
    request.plan = plans[i].get();
    auto outcome = sync->source_kind == SourceKind::DataExtension
                       ? run_data_extension_pull(*sync, *ctx.marketing_cloud(sync->connection), *store, request)
                       : run_salesforce_pull(*sync, *ctx.salesforce(sync->connection), *store, request);
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
  if (!store) return exit_code;
  return std::max(exit_code, deliver_hooks(ctx, *store));
}

}  // namespace sfsync
