#include "runner/push_run.h"

#include <chrono>
#include <functional>

#include "runner/pipeline.h"
#include "sinks/data_extension/data_extension_writer.h"
#include "sinks/data_extension/de_push_plan.h"
#include "sinks/salesforce/audience_writer.h"
#include "sinks/salesforce/bulk_writer.h"
#include "sinks/salesforce/collections_writer.h"
#include "sinks/salesforce/push_plan.h"
#include "sinks/salesforce/push_rows.h"
#include "sinks/salesforce/push_snapshot.h"
#include "sinks/salesforce/update_by_key.h"
#include "sources/models/model_source.h"

namespace sfsync {

namespace {

constexpr size_t kModelPageRows = 1000;
constexpr size_t kBulkJobRows = 50000;  // one ingest job's rows: bounds the CSV held in memory
constexpr size_t kDataExtensionRequestsInFlight = 8;

// Where the rows go: a Salesforce org, or a Marketing Cloud Data Extension (plan.data_extension).
struct PushClients {
  SalesforceClient* salesforce = nullptr;
  MarketingCloudClient* marketing_cloud = nullptr;
  ApiUsage usage() const { return salesforce ? salesforce->usage() : marketing_cloud->usage(); }
};

using BatchWriter = std::function<Result<std::vector<WriteResult>>(const std::vector<SpooledRow>&)>;

// The run's state across its phases. One object so the phases stay short functions.
class PushRun {
 public:
  PushRun(const SyncConfig& sync, PushClients clients, CustomerStore& store, const PushRequest& request,
          PushPlan plan, std::unique_ptr<ModelSource> model, std::unique_ptr<PushSnapshot> snapshot)
      : sync_(sync), client_(clients.salesforce), mc_(clients.marketing_cloud), store_(store), request_(request),
        plan_(std::move(plan)), model_(std::move(model)), snapshot_(std::move(snapshot)),
        mapper_(plan_, model_->columns()) {
    if (plan_.audience) audience_ = std::make_unique<AudienceWriter>(*client_, *sync_.push.audience, plan_.key_field);
    if (plan_.data_extension)
      de_writer_ = std::make_unique<DataExtensionWriter>(*mc_, plan_.object.name,
                                                         static_cast<size_t>(sync_.options.batch_size), request_.wait);
  }

  Result<PushOutcome> run(const ApiUsage& before);  // `before`: usage ahead of the Describe

 private:
  Result<void> diff();
  Result<void> diff_row(const Record& row);
  Result<void> send();
  Result<void> send_batches(size_t batch, const BatchWriter& write);
  Result<std::vector<WriteResult>> write_batch(const std::vector<SpooledRow>& rows);  // one Collections batch
  Result<std::vector<WriteResult>> write_bulk_job(const std::vector<SpooledRow>& rows);
  Result<std::vector<WriteResult>> write_data_extension(const std::vector<SpooledRow>& rows);
  ApiUsage usage() const { return PushClients{client_, mc_}.usage(); }
  Result<void> apply_results(const std::vector<SpooledRow>& rows, const std::vector<WriteResult>& results);
  Result<void> mirror_deletes();
  void sample(const std::string& op, const std::string& key, const std::string& payload);
  void finish(const Result<void>& result);
  bool cancelled() const { return request_.cancel && request_.cancel->load(); }

  const SyncConfig& sync_;
  SalesforceClient* client_;     // a Salesforce destination
  MarketingCloudClient* mc_;     // a Data Extension destination
  CustomerStore& store_;
  const PushRequest& request_;
  PushPlan plan_;
  std::unique_ptr<ModelSource> model_;
  std::unique_ptr<PushSnapshot> snapshot_;
  PushRowMapper mapper_;
  PushOutcome outcome_;
  int64_t run_ = -1;  // execution id; -1 in a dry run
  int64_t seq_ = 0;
  bool stop_ = false;  // fast_fail
  std::vector<RecordError> row_errors_;  // this page's skipped rows
  std::unique_ptr<AudienceWriter> audience_;  // audience syncs
  std::unique_ptr<DataExtensionWriter> de_writer_;  // Data Extension syncs
};

void PushRun::sample(const std::string& op, const std::string& key, const std::string& payload) {
  size_t same = 0;
  for (const auto& s : outcome_.samples) same += s.op == op;
  if (same < request_.samples) outcome_.samples.push_back({op, key, payload});
}

Result<void> PushRun::diff_row(const Record& row) {
  ++outcome_.counts.read;
  MappedPushRow m = mapper_.map(row);
  if (m.key_missing) {
    ++outcome_.counts.skipped;
    ++outcome_.counts.skipped_by_reason["missing_key"];
    // Stored after the page's snapshot transaction: the store is another connection to the file.
    row_errors_.push_back({"row " + std::to_string(outcome_.counts.read), "missing_key",
                           "the key column \"" + plan_.key_column + "\" is empty", true});
    return {};
  }
  auto known = snapshot_->find(m.key);
  if (!known) return known.error();
  const auto& entry = *known;
  bool sent_before = entry && !entry->sf_id.empty();
  bool unchanged = plan_.target.op == WriteOp::Insert ? sent_before && !entry->hash.empty()
                                                      : !request_.full && entry && entry->hash == m.hash;
  if (unchanged) {
    ++outcome_.unchanged;
    if (plan_.mirror) return snapshot_->mark_seen(m.key, run_);
    return {};
  }
  ++outcome_.changed;
  if (request_.dry_run) {
    bool update = plan_.target.op == WriteOp::Update || sent_before;
    ++(update ? outcome_.would_update : outcome_.would_insert);
    sample(update ? "update" : "insert", m.key, m.body);
    if (plan_.mirror) return snapshot_->mark_seen(m.key, run_);
    return {};
  }
  return snapshot_->spool({++seq_, m.key, m.hash, entry ? entry->sf_id : "", m.body});
}

Result<void> PushRun::diff() {
  PipelineStages stages;
  stages.fetch = [this] { return model_->next(kModelPageRows); };
  stages.map = [](const Page&) { return std::vector<MappedRecord>{}; };
  stages.write = [this](const Page& page, const std::vector<MappedRecord>&) -> Result<void> {
    for (const auto& row : page.records)
      if (auto r = diff_row(row); !r) return r;
    if (auto r = snapshot_->flush(); !r) return r;
    if (row_errors_.empty() || run_ <= 0) return {};
    auto r = store_.add_record_errors(run_, row_errors_);
    row_errors_.clear();
    return r;
  };
  PipelineOptions options;
  options.cancel = request_.cancel;
  auto result = run_pipeline(stages, options);
  if (!result) return result.error();
  return {};
}

Result<void> PushRun::apply_results(const std::vector<SpooledRow>& rows, const std::vector<WriteResult>& results) {
  std::vector<SentOutcome> outcomes;
  std::vector<RecordError> errors;
  for (size_t i = 0; i < rows.size(); ++i) {
    const WriteResult& r = results[i];
    if (r.success && r.deleted) {
      ++outcome_.counts.written;
      ++outcome_.deleted;
      outcomes.push_back({rows[i].key, rows[i].hash, "", false, "deleted"});
      continue;
    }
    if (r.success) {
      bool created = r.created;
      ++outcome_.counts.written;
      ++(created ? outcome_.created : outcome_.updated);
      outcomes.push_back({rows[i].key, rows[i].hash, r.id, created, created ? "created" : "updated"});
      continue;
    }
    ++outcome_.counts.failed;
    outcomes.push_back({rows[i].key, "", "", false, r.error_code});
    std::string fields;
    for (const auto& f : r.fields) {
      fields += fields.empty() ? " [" : ", ";
      fields += f;
    }
    errors.push_back({rows[i].key, r.error_code, r.message + (fields.empty() ? "" : fields + "]"), false});
  }
  if (auto r = snapshot_->record(outcomes, run_); !r) return r;
  if (!errors.empty()) {
    if (auto r = store_.add_record_errors(run_, errors); !r) return r;
    if (sync_.options.fast_fail) {
      stop_ = true;
      return make_error("fast_fail", "stopped at the first failed batch (fast_fail): " + errors.front().code + ": " +
                                         errors.front().message);
    }
  }
  return {};
}

Result<void> PushRun::send_batches(size_t batch, const BatchWriter& write) {
  for (int64_t after = 0; !cancelled();) {
    auto rows = snapshot_->spooled(after, batch);
    if (!rows) return rows.error();
    if (rows->empty()) return {};
    after = rows->back().seq;
    auto results = write(*rows);
    if (!results) return results.error();
    if (auto r = apply_results(*rows, *results); !r) return r;
  }
  return make_error("cancelled", "cancelled");
}

Result<std::vector<WriteResult>> PushRun::write_batch(const std::vector<SpooledRow>& rows) {
  if (plan_.target.op == WriteOp::Update && plan_.key_field != "Id") {
    std::vector<KeyedRecord> keyed;
    for (const auto& r : rows) keyed.push_back({r.key, r.sf_id, r.body});
    return update_by_key(*client_, plan_.target, keyed);
  }
  std::vector<std::string> records;
  for (const auto& r : rows) records.push_back(r.body);
  return audience_ ? audience_->write(records) : write_collection(*client_, plan_.target, records);
}

Result<std::vector<WriteResult>> PushRun::write_bulk_job(const std::vector<SpooledRow>& rows) {
  std::vector<std::string> records;
  for (const auto& r : rows) records.push_back(r.body);
  return write_bulk(*client_, plan_.target, records);
}

// The row's key stands for the record id (the snapshot's "sent" mark); a key this sync never sent
// before counts as created.
Result<std::vector<WriteResult>> PushRun::write_data_extension(const std::vector<SpooledRow>& rows) {
  std::vector<std::string> items;
  for (const auto& r : rows) items.push_back(r.body);
  auto results = de_writer_->write(items);
  if (!results) return results.error();
  for (size_t i = 0; i < rows.size(); ++i) {
    (*results)[i].id = rows[i].key;
    (*results)[i].created = rows[i].sf_id.empty();
  }
  return results;
}

Result<void> PushRun::send() {
  if (de_writer_)  // several requests in flight at once, each awaited before its rows count as sent
    return send_batches(static_cast<size_t>(sync_.options.batch_size) * kDataExtensionRequestsInFlight,
                        [this](const auto& rows) { return write_data_extension(rows); });
  auto count = snapshot_->spooled_count();
  if (!count) return count.error();
  // Audiences and updates by a non-Id key stay on Collections: they need calls per batch.
  bool by_key = plan_.target.op == WriteOp::Update && plan_.key_field != "Id";
  bool bulk = !audience_ && !by_key && (sync_.options.api == ApiChoice::Bulk ||
                             (sync_.options.api == ApiChoice::Auto && *count > sync_.options.bulk_threshold));
  if (bulk) {
    outcome_.bulk = true;
    return send_batches(kBulkJobRows, [this](const auto& rows) { return write_bulk_job(rows); });
  }
  size_t batch = std::clamp<size_t>(static_cast<size_t>(std::max(1, sync_.options.batch_size)), 1, kCollectionsMaxRows);
  return send_batches(batch, [this](const auto& rows) { return write_batch(rows); });
}

Result<void> PushRun::mirror_deletes() {
  WriteTarget target = plan_.target;
  target.op = WriteOp::Delete;
  std::string after;
  while (!cancelled()) {
    auto gone = snapshot_->created_not_seen(run_, kCollectionsMaxRows, after);
    if (!gone) return gone.error();
    if (gone->empty()) return {};
    after = gone->back().first;
    if (request_.dry_run) {
      for (const auto& [key, id] : *gone) {
        ++outcome_.would_delete;
        sample("delete", key, id);
      }
      continue;
    }
    std::vector<std::string> ids;
    for (const auto& g : *gone) ids.push_back(g.second);
    auto results = write_collection(*client_, target, ids);
    if (!results) return results.error();
    std::vector<std::string> forget;
    std::vector<RecordError> errors;
    for (size_t i = 0; i < gone->size(); ++i) {
      const WriteResult& r = (*results)[i];
      // Already deleted by someone else: the goal is reached all the same.
      if (r.success || r.error_code == "ENTITY_IS_DELETED") {
        ++outcome_.deleted;
        forget.push_back((*gone)[i].first);
      } else {
        ++outcome_.counts.failed;
        errors.push_back({(*gone)[i].first, r.error_code, "delete " + (*gone)[i].second + ": " + r.message, false});
      }
    }
    if (auto r = snapshot_->forget(forget); !r) return r;
    if (!errors.empty())
      if (auto r = store_.add_record_errors(run_, errors); !r) return r;
  }
  return make_error("cancelled", "cancelled");
}

void PushRun::finish(const Result<void>& result) {
  if (!result) {
    outcome_.status = ExecutionStatus::Failed;
    outcome_.error_code = result.error().code;
    outcome_.reason = result.error().code + ": " + result.error().message;
  } else if (outcome_.counts.failed > 0 || outcome_.counts.skipped > 0) {
    outcome_.status = ExecutionStatus::Partial;
    outcome_.reason = std::to_string(outcome_.counts.failed) + " rows failed, " +
                      std::to_string(outcome_.counts.skipped) + " skipped (see `sfsync errors " +
                      std::to_string(outcome_.execution_id) + "`); failed rows are retried next run";
  }
}

Result<PushOutcome> PushRun::run(const ApiUsage& before) {
  if (!request_.dry_run) {
    auto execution = store_.begin_execution(sync_.name, ExecutionKind::Push);
    if (!execution) return execution.error();
    run_ = outcome_.execution_id = *execution;
  }
  Result<void> result = diff();
  if (result && !request_.dry_run) result = send();
  if (result && plan_.mirror && !stop_) result = mirror_deletes();
  if (auto r = snapshot_->flush(); result && !r) result = r;
  if (auto r = snapshot_->clear_spool(); result && !r) result = r;
  outcome_.api = usage();
  outcome_.api.calls -= before.calls;
  outcome_.api.retries -= before.retries;
  outcome_.api.session_renewals -= before.session_renewals;
  outcome_.counts.api_calls = outcome_.api.calls;
  finish(result);
  if (request_.dry_run) {
    if (!result) return result.error();
    return outcome_;
  }
  std::string detail = "{\"api_calls\":" + std::to_string(outcome_.api.calls) +
                       ",\"unchanged\":" + std::to_string(outcome_.unchanged) +
                       ",\"changed\":" + std::to_string(outcome_.changed) +
                       ",\"created\":" + std::to_string(outcome_.created) +
                       ",\"updated\":" + std::to_string(outcome_.updated) +
                       ",\"deleted\":" + std::to_string(outcome_.deleted) +
                       ",\"path\":\"" + (de_writer_ ? "async_rows" : outcome_.bulk ? "bulk" : "collections") + "\"" +
                       ",\"session_renewals\":" + std::to_string(outcome_.api.session_renewals) + "}";
  if (auto r = store_.finish_execution(run_, outcome_.status, outcome_.reason, outcome_.counts, detail); !r)
    return r.error();
  return outcome_;
}

}  // namespace

namespace {

// What both destinations share: the model opened first (bad SQL or an unreachable database needs
// no API call to report), the plan, the model's columns checked, the snapshot, the run, its time.
using PlanFn = std::function<Result<PushPlan>()>;

Result<PushOutcome> plan_and_run(const Config& config, const SyncConfig& sync, PushClients clients,
                                 CustomerStore& store, const PushRequest& request, const PlanFn& plan_fn) {
  auto started = std::chrono::steady_clock::now();
  if (!sync.is_push()) return make_error("bad_input", "sync \"" + sync.name + "\" is not a push sync");
  auto model = open_model(config, sync, request.store_path);
  if (!model) return model.error();
  // One client may serve several syncs: the run counts its own calls from here.
  const ApiUsage before = clients.usage();
  auto plan = plan_fn();
  if (!plan) return plan.error();
  if (auto r = check_model_columns(sync, (*model)->columns()); !r) return r.error();
  auto snapshot = PushSnapshot::open(request.store_path, request.store_postgres_url, sync.name);
  if (!snapshot) return snapshot.error();
  PushRun run(sync, clients, store, request, std::move(plan.value()), std::move(model.value()),
              std::move(snapshot.value()));
  auto outcome = run.run(before);
  if (outcome) outcome->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace

Result<PushOutcome> run_push(const Config& config, const SyncConfig& sync, SalesforceClient& client,
                             CustomerStore& store, const PushRequest& request) {
  if (!sync.push.data_extension.empty())
    return make_error("bad_input", "sync \"" + sync.name + "\" pushes into a Data Extension (run_data_extension_push)");
  return plan_and_run(config, sync, {&client, nullptr}, store, request, [&] { return plan_push(client, sync); });
}

Result<PushOutcome> run_data_extension_push(const Config& config, const SyncConfig& sync,
                                            MarketingCloudClient& client, CustomerStore& store,
                                            const PushRequest& request) {
  if (sync.push.data_extension.empty())
    return make_error("bad_input", "sync \"" + sync.name + "\" pushes into Salesforce, not a Data Extension");
  return plan_and_run(config, sync, {nullptr, &client}, store, request,
                      [&] { return plan_data_extension_push(client, sync); });
}

}  // namespace sfsync
