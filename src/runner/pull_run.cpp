#include "runner/pull_run.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>

#include "common/text.h"
#include "common/time_util.h"
#include "mapping/compiled_mapping.h"
#include "mapping/mapper.h"
#include "net/http_client.h"
#include "runner/page_run.h"
#include "runner/salesforce_plan.h"
#include "runner/settled_bound.h"
#include "sources/salesforce/object_source.h"
#include "sources/salesforce/soql_source.h"

namespace sfsync {

namespace {

// Where this run starts: the stored checkpoint, unless --full or the source changed identity.
std::string starting_checkpoint(const StoredSyncState& stored, const SyncConfig& sync, bool full) {
  if (full || sync.fetch_mode == FetchMode::Full || !stored.matches) return {};
  return stored.state()->checkpoint;
}

// Whether a deletion in Salesforce can change anything the sync made: it keeps deletions
// (`on_delete`) and the store links records of it (not a first read, not an events-only sync).
bool deletions_matter(const SyncConfig& sync, CustomerStore& store) {
  if (sync.on_delete == DeletePolicy::Ignore) return false;
  auto any = store.linked_record_ids(sync.name, "", "", 1);
  return any && !any->empty();
}

// A full read of a sync whose records the store already links (a re-read: --full, fetch_mode:
// full, a changed config) also looks for the records deleted since (deletion_reconciler.h).
std::unique_ptr<DeletionReconciler> reconciler_for(const SyncConfig& sync, SalesforceClient& client,
                                                   const SalesforcePullPlan& plan, const RecordParser& parser,
                                                   CustomerStore& store) {
  if (!deletions_matter(sync, store)) return nullptr;
  auto linked = [&store, name = sync.name](const std::string& after, const std::string& upto, int limit) {
    return store.linked_record_ids(name, after, upto, limit);
  };
  return std::make_unique<DeletionReconciler>(client, plan.catalog->info().name, plan.fields, parser, linked);
}

// Where an incremental read starts when it also reads again what late commits may have added
// behind its cursor (cursor.h): `lookback_seconds` before the bound the cursor was read under (a
// cursor from before that was kept: before the cursor itself). Salesforce reports a transaction
// open longer than a minute to getUpdated, which caps the bound (settled_until), so the window
// only has to cover the ones that began within the minute; 300 s leaves room for clock skew.
// Nothing to read again: the cursor's own stamp.
int64_t lookback_start(const SyncConfig& sync, const Cursor& after) {
  if (after.by_id || after.empty() || sync.options.lookback_seconds <= 0) return after.stamp_ms;
  int64_t read_to = after.read_to_ms > 0 ? after.read_to_ms : after.stamp_ms;
  return read_to - int64_t{sync.options.lookback_seconds} * 1000;
}

// An incremental read of a sync that keeps deletions also reads Salesforce's delete log
// (delete_log_pass.h), from `start_ms` (0: no pass) to this run's bound. Salesforce lists 15 days
// of deletes: an older start is moved up (stale_cursor_note says what that costs), and a window
// under two minutes waits for the next run (Salesforce counts in whole minutes; the start stays).
std::unique_ptr<DeleteLogPass> delete_log_for(const SyncConfig& sync, SalesforceClient& client,
                                              const SalesforcePullPlan& plan, const RecordParser& parser,
                                              CustomerStore& store, int64_t start_ms, int64_t upper_ms, int64_t now) {
  constexpr int64_t kMinute = 60'000, kLogDays = 15;
  if (start_ms <= 0 || !plan.catalog->info().replicateable || plan.fields.empty() || !deletions_matter(sync, store))
    return nullptr;
  // A few minutes inside the 15 days, for the difference between our clock and Salesforce's.
  int64_t start = std::max(start_ms, now - kLogDays * 24 * 60 * kMinute + 5 * kMinute) / kMinute * kMinute;
  if (upper_ms / kMinute * kMinute - start < 2 * kMinute) return nullptr;
  auto linked = [&store, name = sync.name](const std::vector<std::string>& ids) {
    return store.linked_among(name, ids);
  };
  return std::make_unique<DeleteLogPass>(client, plan.catalog->info().name, plan.fields, parser, linked,
                                         DeleteLogPass::Window{start, upper_ms}, "`sfsync sync " + sync.name + " --full`");
}

// Where an object sync's read of the delete log starts: where the last one ended, or before any,
// the cursor's bound less the lookback; 0 for a first or full read (nothing to delete yet, or the
// reconciler's work).
int64_t delete_log_start(const SyncConfig& sync, const Cursor& after) {
  if (after.by_id || after.empty()) return 0;
  return after.deleted_to_ms > 0 ? after.deleted_to_ms : lookback_start(sync, after);
}

BulkPolling bulk_polling(const SyncConfig& sync) {
  BulkPolling polling;
  polling.timeout_ms = int64_t{sync.options.bulk_job_timeout_seconds} * 1000;
  return polling;
}

// The run's page source, as one fetch function (which owns it), and in `source_notes` what the
// source learned by the end of the run that the user should know.
std::function<Result<Page>()> make_fetch(const SyncConfig& sync, SalesforceClient& client, CustomerStore& store,
                                         const SalesforcePullPlan& plan, const std::string& checkpoint,
                                         int64_t upper_ms, int64_t now,
                                         std::function<std::vector<std::string>()>& source_notes) {
  RecordParser parser(plan.path_types, plan.cursor_field);
  int batch = sync.options.batch_size;
  if (sync.source_kind == SourceKind::SalesforceSoql) {
    int64_t previous = SoqlSource::bound_from(checkpoint), lookback = int64_t{sync.options.lookback_seconds} * 1000;
    auto source = std::make_shared<SoqlSource>(client, sync.soql, parser, batch, previous, upper_ms, lookback);
    // Only a query that sees deletions (it selects IsDeleted) has use for the log's, and only one
    // whose SELECT list Describe knows field by field (no alias) can look records up by Id.
    bool plain_fields = std::all_of(plan.fields.begin(), plan.fields.end(),
                                    [&](const std::string& f) { return plan.path_types.count(ascii_lower(f)) > 0; });
    if (previous > 0 && SoqlSource::selects_is_deleted(sync.soql) && plain_fields)
      source->read_delete_log(delete_log_for(sync, client, plan, parser, store, previous - lookback, upper_ms, now));
    source_notes = [source] {
      std::vector<std::string> notes;
      if (!source->delete_log_note().empty()) notes.push_back(source->delete_log_note());
      return notes;
    };
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
  source->read_delete_log(
      delete_log_for(sync, client, plan, parser, store, delete_log_start(sync, q.after), upper_ms, now));
  if (int64_t start = lookback_start(sync, q.after); start < q.after.stamp_ms) source->read_again_after(start);
  if (q.after.by_id) {
    source->reconcile_deletions(reconciler_for(sync, client, plan, parser, store));
    // `api: bulk`: the whole-object read as Bulk API 2.0 query jobs, a call per result set of five
    // query pages (10,000 rows by default: ~10 MB of CSV for 20 fields, a page the pipeline holds
    // a few of); `auto` and `rest` read through REST.
    if (plan.read_through_bulk) source->read_through_bulk(5 * int64_t{batch}, bulk_polling(sync));
  }
  source_notes = [source] {
    std::vector<std::string> notes;
    if (!source->delete_log_note().empty()) notes.push_back(source->delete_log_note());
    if (source->narrowed_upper() > 0)
      notes.push_back("Salesforce timed out the query (QUERY_TIMEOUT), so this run read changes up to " +
                      format_iso_datetime_z(source->narrowed_upper()) +
                      "; the next run goes on from there (a selective filter or an index on it helps)");
    return notes;
  };
  return [source] { return source->next(); };
}

// Salesforce keeps deleted records in its recycle bin, and their entries in its delete log, for
// about 15 days: an incremental run that starts from an older cursor cannot see the deletions that
// left both meanwhile. Only a full read finds those (deletion_reconciler.h), so the run says so.
std::optional<std::string> stale_cursor_note(const SyncConfig& sync, const std::string& checkpoint, int64_t now) {
  constexpr int64_t kRecycleBinMs = 15LL * 24 * 3600 * 1000;
  if (sync.source_kind != SourceKind::SalesforceObject) return std::nullopt;
  std::optional<Cursor> cursor = Cursor::parse(checkpoint);
  if (!cursor || cursor->by_id || cursor->empty()) return std::nullopt;
  // The last record's stamp is old in an object nobody changed: what counts is when it was read.
  int64_t read_to = std::max({cursor->stamp_ms, cursor->read_to_ms, cursor->deleted_to_ms});
  if (now - read_to <= kRecycleBinMs) return std::nullopt;
  return "changes were last read up to " + format_iso_datetime_z(read_to) + ", more than 15 days ago: " +
         "Salesforce may have emptied deletions from its recycle bin since; run `sfsync sync " + sync.name +
         " --full` to find them";
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
  const StoredSyncState stored = read_stored_state(store, sync, plan->fingerprint);
  std::string checkpoint = starting_checkpoint(stored, sync, request.full);
  // A resumed Id-order read keeps the bound it started with (make_fetch): only a new bound is
  // worth checking against open transactions.
  std::optional<Cursor> resumed = Cursor::parse(checkpoint);
  bool new_bound = !(resumed && resumed->by_id);
  std::vector<std::string> notes;
  if (auto note = changed_config_note(stored, sync, request.full)) notes.push_back(*note);
  // Custom SOQL too: its bound is the next run's {lastSyncTime}.
  if (!plan->cursor_field.empty() && new_bound)
    if (std::optional<int64_t> settled = settled_until(client, plan->catalog->info().name, upper)) {
      upper = *settled - 1;
      notes.push_back("Salesforce reports a long-running transaction open since " + format_iso_datetime_z(*settled) +
                      ": this run reads changes up to then, a later run the rest");
    }

  std::function<std::vector<std::string>()> source_notes;
  auto fetch = make_fetch(sync, client, store, *plan, checkpoint, upper, now, source_notes);
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
  if (auto note = stale_cursor_note(sync, checkpoint, now)) notes.push_back(*note);
  source.notes_before = std::move(notes);
  source.notes_after = source_notes;
  auto outcome = run_pages(sync, std::move(source), mapper, store, request, now);
  if (outcome) outcome->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace sfsync
