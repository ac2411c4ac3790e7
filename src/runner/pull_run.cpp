#include "runner/pull_run.h"

#include <time.h>

#include <chrono>
#include <memory>
#include <optional>

#include "common/time_util.h"
#include "mapping/compiled_mapping.h"
#include "mapping/mapper.h"
#include "runner/page_run.h"
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
  // A first or full read goes in Id order under this run's bound (cursor.h); a resumed one keeps
  // the bound it started with.
  if (q.after.empty() && !q.cursor_field.empty()) q.after = Cursor{upper_ms, "", true};
  auto source = std::make_shared<SalesforceObjectSource>(client, q, parser, batch);
  holder = source;
  return [source] { return source->next(); };
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

  PageRunSource source;
  source.fetch = fetch;
  source.usage = [&client] { return client.usage(); };
  source.usage_before = usage_before;
  source.fingerprint = plan->fingerprint;
  source.first_page = std::move(first);
  source.first_page_seconds = first_seconds;
  source.first_page_cpu_seconds = first_cpu_seconds;
  auto outcome = run_pages(sync, std::move(source), mapper, store, request, now);
  if (outcome) outcome->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace sfsync
