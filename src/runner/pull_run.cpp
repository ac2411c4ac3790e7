#include "runner/pull_run.h"

#include <time.h>

#include <chrono>
#include <memory>
#include <optional>

#include "common/time_util.h"
#include "mapping/compiled_mapping.h"
#include "mapping/mapper.h"
#include "runner/salesforce_plan.h"
#include "sources/salesforce/object_source.h"
#include "sources/salesforce/soql_source.h"

namespace sfsync {

namespace {

// Where this run starts: the stored checkpoint, unless --full or the source changed identity.
std::string starting_checkpoint(CustomerStore& store, const SyncConfig& sync, const SalesforcePullPlan& plan,
                                bool full) {
  if (full || sync.fetch_mode == FetchMode::Full) return {};
  auto state = store.read_sync_state(sync.name);
  if (!state || !state.value() || state.value()->fingerprint != plan.fingerprint) return {};
  return state.value()->checkpoint;
}

// The run's page source, as one fetch function.
std::function<Result<Page>()> make_fetch(const SyncConfig& sync, SalesforceClient& client,
                                         const SalesforcePullPlan& plan, const std::string& checkpoint,
                                         int64_t upper_ms, std::shared_ptr<void>& holder) {
  RecordParser parser(plan.path_types, plan.cursor_field);
  int batch = sync.options.batch_size;
  if (sync.source_kind == SourceKind::SalesforceSoql) {
    auto source = std::make_shared<SoqlSource>(client, sync.soql, parser, batch, SoqlSource::bound_from(checkpoint),
                                               upper_ms);
    holder = source;
    return [source] { return source->next(); };
  }
  ObjectQuery q;
  q.object = plan.catalog->info().name;
  q.fields = plan.fields;
  q.filter = plan.filter;
  q.cursor_field = plan.cursor_field;
  q.incremental = true;  // full runs also page by cursor, so a crash mid-run resumes, not restarts
  q.after = Cursor::parse(checkpoint).value_or(Cursor{});
  q.upper_ms = upper_ms;
  auto source = std::make_shared<SalesforceObjectSource>(client, q, parser, batch);
  holder = source;
  return [source] { return source->next(); };
}

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Adds the wall and CPU time of one call of a stage to the stage's totals.
class StageTimer {
 public:
  StageTimer(double& wall, double& cpu) : wall_(wall), cpu_(cpu) {}
  ~StageTimer() {
    wall_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start_).count();
    cpu_ += thread_cpu_seconds() - cpu_start_;
  }

 private:
  double& wall_;
  double& cpu_;
  std::chrono::steady_clock::time_point wall_start_ = std::chrono::steady_clock::now();
  double cpu_start_ = thread_cpu_seconds();
};

// Counts what the page's records became; the issues themselves are stored by apply_page.
void count_records(const std::vector<MappedRecord>& mapped, ExecutionCounts& counts) {
  for (const auto& m : mapped) {
    bool skipped = false;
    for (const auto& issue : m.issues) {
      skipped = skipped || issue.skipped;
      if (issue.skipped) ++counts.skipped_by_reason[issue.code];
    }
    if (skipped) ++counts.skipped;
    else ++counts.written;
  }
}

void add_stats(ApplyStats& total, const ApplyStats& s) {
  total.records += s.records;
  total.records_skipped += s.records_skipped;
  total.profiles_created += s.profiles_created;
  total.profiles_updated += s.profiles_updated;
  total.profiles_unchanged += s.profiles_unchanged;
  total.profiles_merged += s.profiles_merged;
  total.events_inserted += s.events_inserted;
  total.events_duplicate += s.events_duplicate;
  total.objects_upserted += s.objects_upserted;
  total.relationships_upserted += s.relationships_upserted;
  total.deletions += s.deletions;
  total.outbox_rows += s.outbox_rows;
}

}  // namespace

Result<PullOutcome> run_salesforce_pull(const SyncConfig& sync, SalesforceClient& client, CustomerStore& store,
                                        const PullRequest& request) {
  auto started = std::chrono::steady_clock::now();
  const ApiUsage usage_before = client.usage();  // one client serves every sync of its connection
  std::optional<SalesforcePullPlan> own_plan;
  const SalesforcePullPlan* plan = request.plan;
  if (!plan) {
    auto made = plan_salesforce_pull(client, sync);
    if (!made) return made.error();
    plan = &own_plan.emplace(std::move(made.value()));
  }
  auto compiled = CompiledMapping::compile(sync);
  if (!compiled) return compiled.error();
  Mapper mapper(std::move(compiled.value()));

  int64_t now = request.now_ms ? request.now_ms : now_ms();
  // Salesforce stamps have whole seconds: a record read during second S and changed again within S
  // keeps its (stamp, Id), so a cursor past it would never see the change. The run therefore stops
  // before the current second; that second is the next run's work.
  int64_t upper = (now - int64_t{sync.options.lag_seconds} * 1000) / 1000 * 1000 - 1;
  std::string checkpoint = starting_checkpoint(store, sync, *plan, request.full);

  std::shared_ptr<void> source_holder;
  auto fetch = make_fetch(sync, client, *plan, checkpoint, upper, source_holder);
  // The first page is asked for before the run is recorded, so that a query Salesforce refuses is
  // bad input with an untouched store; any other first answer (a page, an API limit) is the run's.
  double first_seconds = 0, first_cpu_seconds = 0;
  std::optional<Result<Page>> first;
  {
    StageTimer timer(first_seconds, first_cpu_seconds);
    first = fetch();
  }
  if (!*first && is_query_shape_error(first->error())) return refused_query_error(sync, first->error());

  auto execution = store.begin_execution(sync.name, ExecutionKind::Pull);
  if (!execution) return execution.error();
  PullOutcome outcome;
  outcome.execution_id = *execution;
  outcome.fetch_seconds = first_seconds;
  outcome.fetch_cpu_seconds = first_cpu_seconds;

  PipelineStages stages;
  stages.fetch = [&]() -> Result<Page> {
    if (first) {
      Result<Page> page = std::move(*first);
      first.reset();
      return page;
    }
    StageTimer timer(outcome.fetch_seconds, outcome.fetch_cpu_seconds);
    return fetch();
  };
  stages.map = [&](const Page& page) {
    StageTimer timer(outcome.map_seconds, outcome.map_cpu_seconds);
    return mapper.map_page(page, now, request.map_threads);
  };
  ApplyOptions apply;
  apply.emit_hooks = request.hooks_configured && !sync.options.skip_hook;
  apply.config_fingerprint = plan->fingerprint;
  stages.write = [&](const Page& page, const std::vector<MappedRecord>& mapped) -> Result<void> {
    Result<ApplyStats> stats = [&] {
      StageTimer timer(outcome.write_seconds, outcome.write_cpu_seconds);
      return store.apply_page(sync.name, outcome.execution_id, mapped, page.checkpoint, apply);
    }();
    if (!stats) return stats.error();
    add_stats(outcome.applied, *stats);
    outcome.counts.read += static_cast<int64_t>(mapped.size());  // one MappedRecord per record
    count_records(mapped, outcome.counts);
    return {};
  };
  stages.on_progress = request.on_progress;
  PipelineOptions options;
  options.cancel = request.cancel;
  // One store transaction per source page (pages_per_write = 1): grouping 4 pages per transaction
  // saved ~16% writer CPU at 200k records but nothing at 1M (a group's dirty B-tree pages overflow
  // the store's bounded page cache) and held more pages in memory. Records are freed once mapped:
  // the writer needs only the mutations, and RSS stays bounded.
  options.keep_records_for_write = false;
  auto result = run_pipeline(stages, options);

  outcome.api = client.usage();
  outcome.api.calls -= usage_before.calls;
  outcome.api.retries -= usage_before.retries;
  outcome.api.session_renewals -= usage_before.session_renewals;
  outcome.counts.api_calls = outcome.api.calls;
  if (!result) {
    outcome.status = ExecutionStatus::Failed;
    outcome.error_code = result.error().code;
    outcome.reason = result.error().code + ": " + result.error().message;
  } else if (outcome.counts.skipped > 0 || outcome.counts.failed > 0) {
    outcome.status = ExecutionStatus::Partial;
    outcome.reason = std::to_string(outcome.counts.skipped) + " records skipped (see `sfsync errors " +
                     std::to_string(outcome.execution_id) + "`)";
  }
  std::string detail = "{\"api_calls\":" + std::to_string(outcome.api.calls) +
                       ",\"org_api_used\":" + std::to_string(outcome.api.org_used) +
                       ",\"org_api_limit\":" + std::to_string(outcome.api.org_limit) +
                       ",\"session_renewals\":" + std::to_string(outcome.api.session_renewals) +
                       ",\"retries\":" + std::to_string(outcome.api.retries) + "}";
  if (auto r = store.finish_execution(outcome.execution_id, outcome.status, outcome.reason, outcome.counts, detail);
      !r)
    return r.error();
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace sfsync
