#include "sinks/store/sql_store.h"

#include "common/json_writer.h"
#include "common/time_util.h"
#include "sinks/store/identifier_buffer.h"
#include "sinks/store/page_writer.h"
#include "sinks/store/store_guard.h"

namespace sfsync {

using store::StoreDb;
using store::StoreFailure;
using store::Transaction;

std::string_view execution_kind_name(ExecutionKind k) { return k == ExecutionKind::Push ? "push" : "pull"; }

std::string_view execution_status_name(ExecutionStatus s) {
  switch (s) {
    case ExecutionStatus::Running: return "running";
    case ExecutionStatus::Ok: return "ok";
    case ExecutionStatus::Partial: return "partial";
    case ExecutionStatus::Failed: return "failed";
  }
  return "running";
}

namespace {

void insert_record_error(StoreDb& db, int64_t execution_id, const std::string& record_id, const std::string& code,
                         const std::string& message, bool skipped) {
  db.statement("INSERT INTO record_errors(execution_id, record_id, code, message, skipped) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(1, execution_id).bind(2, record_id).bind(3, code).bind(4, message).bind(5, int64_t{skipped}).send();
}

// 200,000 buffered identifiers: ~16 MB in memory (row ids by key and by profile), and a flush
// sorts that many pending rows (in memory, temp_store=MEMORY). With two identifiers per Contact a
// flush comes every ~100,000 records and writes each leaf of the email index about once. Measured
// at 1M Contacts: 100k gave 155 MB peak RSS and ~1 s more writer CPU, 200k 175 MB, 250k 182 MB.
constexpr size_t kIdentifierBufferCapacity = 200000;

// The identifier buffer's part of a write transaction: it starts in step with the pending rows on
// disk, and if the transaction does not commit, the buffer stops trusting its memory.
class BufferGuard {
 public:
  BufferGuard(store::IdentifierBuffer& buffer, StoreDb& db) : buffer_(buffer) { buffer_.sync_with_disk(db); }
  ~BufferGuard() {
    if (!committed_) buffer_.forget();
  }
  BufferGuard(const BufferGuard&) = delete;
  BufferGuard& operator=(const BufferGuard&) = delete;
  void committed() { committed_ = true; }

 private:
  store::IdentifierBuffer& buffer_;
  bool committed_ = false;
};

}  // namespace

SqlStore::SqlStore(std::unique_ptr<StoreDb> db, Options options)
    : db_(std::move(db)),
      options_(std::move(options)),
      identifier_buffer_(std::make_unique<store::IdentifierBuffer>(kIdentifierBufferCapacity)) {}

SqlStore::~SqlStore() = default;

Result<ApplyStats> SqlStore::apply_page(const std::string& sync_id, int64_t execution_id,
                                           const std::vector<MappedRecord>& records, const Checkpoint& checkpoint,
                                           const ApplyOptions& options) {
  return guarded<ApplyStats>([&] {
    int64_t now = now_ms();
    ApplyStats stats;
    stats.records = static_cast<int64_t>(records.size());
    Transaction txn(*db_);
    BufferGuard buffer(*identifier_buffer_, *db_);
    store::PageWriter writer(*db_, *identifier_buffer_, options.emit_hooks, new_identifier_plan(), now, stats);
    if (db_->round_trips()) writer.prefetch(records);
    // First: a sweep's deletions later in the same write check against these.
    if (options.seen_record_ids)
      for (const std::string& id : *options.seen_record_ids)
        db_->statement("INSERT INTO full_pass_seen(sync_id, record_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
            .bind(1, sync_id).bind(2, id).send();
    for (const MappedRecord& record : records) {
      for (const Mutation& m : record.mutations) writer.apply(m);
      bool skipped = false;
      for (const RecordIssue& issue : record.issues) {
        insert_record_error(*db_, execution_id, issue.record_id, issue.code, issue.message, issue.skipped);
        skipped |= issue.skipped;
      }
      if (skipped && record.mutations.empty()) ++stats.records_skipped;
    }
    db_->statement("INSERT INTO sync_state(sync_id, checkpoint, fingerprint, updated_ms) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT(sync_id) DO UPDATE SET checkpoint = excluded.checkpoint, "
                   "fingerprint = excluded.fingerprint, updated_ms = excluded.updated_ms")
        .bind(1, sync_id).bind(2, checkpoint.state).bind(3, options.config_fingerprint).bind(4, now).send();
    if (identifier_buffer_->full()) identifier_buffer_->flush(*db_);
    txn.commit();
    buffer.committed();
    int64_t found = stats.profiles_updated + stats.profiles_unchanged;
    if (stats.profiles_created + found > 0) mostly_new_identities_ = stats.profiles_created > found;
    return stats;
  });
}

// After a page of mostly new people (a first load) new identifiers are inserted first, or buffered
// once the store is big: while the identifier index fits the page cache a random insert is cheap,
// and the buffer would only add its pending rows and a sorted flush (bench/de_pull, 250k rows:
// ~10% slower buffered, +20 MB RSS). Otherwise (an incremental run) they are looked up first.
store::NewIdentifierPlan SqlStore::new_identifier_plan() {
  // A server's store knows the page's identifiers before it starts (PageWriter::prefetch): its
  // lookups cost nothing, and insert-first would wait for each insert's answer. Nor does it
  // buffer: the buffer answers a cost of SQLite's B-trees under a bounded page cache.
  if (!mostly_new_identities_ || db_->round_trips()) return {store::NewIdentifiers::kLookUpFirst};
  auto q = db_->statement("SELECT coalesce(max(id), 0) FROM profiles");  // a walk down the primary key
  int64_t max_id = q.next() ? q.int64(0) : 0;
  bool big = max_id > options_.identifier_buffer_above_profiles;
  return {big ? store::NewIdentifiers::kBuffer : store::NewIdentifiers::kInsertFirst, max_id};
}

Result<std::optional<SyncState>> SqlStore::read_sync_state(const std::string& sync_id) {
  return guarded<std::optional<SyncState>>([&]() -> std::optional<SyncState> {
    auto q = db_->statement("SELECT checkpoint, fingerprint, updated_ms FROM sync_state WHERE sync_id = ?1");
    q.bind(1, sync_id);
    if (!q.next()) return std::nullopt;
    return SyncState{q.string(0), q.string(1), q.int64(2)};
  });
}

Result<void> SqlStore::reset_sync_state(const std::string& sync_id) {
  return guarded<void>([&] { db_->statement("DELETE FROM sync_state WHERE sync_id = ?1").bind(1, sync_id).run(); });
}

Result<int64_t> SqlStore::begin_execution(const std::string& sync_id, ExecutionKind kind) {
  return guarded<int64_t>([&] {
    auto q = db_->statement("INSERT INTO executions(sync_id, kind, started_ms, status) VALUES (?1, ?2, ?3, 'running') "
                            "RETURNING id");
    q.bind(1, sync_id).bind(2, execution_kind_name(kind)).bind(3, now_ms());
    if (!q.next()) throw StoreFailure("internal", "store: no id for the new execution");
    return q.int64(0);
  });
}

Result<void> SqlStore::finish_execution(int64_t execution_id, ExecutionStatus status, const std::string& reason,
                                           const ExecutionCounts& counts, const std::string& detail_json) {
  return guarded<void>([&] {
    Transaction txn(*db_);
    // A finished run leaves every identifier in `identifiers`, where SQL readers expect it.
    BufferGuard buffer(*identifier_buffer_, *db_);
    identifier_buffer_->flush(*db_);
    std::string reasons;
    JsonWriter w(reasons);
    w.begin_object();
    for (const auto& [code, n] : counts.skipped_by_reason) w.member(code, n);
    w.end_object();
    auto u = db_->statement(
        "UPDATE executions SET ended_ms = ?2, status = ?3, reason = ?4, records_read = ?5, records_written = ?6, "
        "records_skipped = ?7, records_failed = ?8, api_calls = ?9, skipped_reasons = ?10, detail = ?11 WHERE id = ?1");
    u.bind(1, execution_id).bind(2, now_ms()).bind(3, execution_status_name(status)).bind(4, reason);
    u.bind(5, counts.read).bind(6, counts.written).bind(7, counts.skipped).bind(8, counts.failed);
    u.bind(9, counts.api_calls).bind(10, reasons).bind(11, detail_json.empty() ? std::string_view("{}") : detail_json);
    u.run();
    if (db_->changes() == 0) throw StoreFailure("not_found", "store: no execution " + std::to_string(execution_id));
    txn.commit();
    buffer.committed();
  });
}

Result<void> SqlStore::add_record_errors(int64_t execution_id, const std::vector<RecordError>& errors) {
  return guarded<void>([&] {
    Transaction txn(*db_);
    for (const RecordError& e : errors) insert_record_error(*db_, execution_id, e.record_id, e.code, e.message, e.skipped);
    txn.commit();
  });
}

Result<void> SqlStore::mark_outbox_delivered(const std::vector<int64_t>& ids) {
  return guarded<void>([&] {
    Transaction txn(*db_);
    int64_t now = now_ms();
    for (int64_t id : ids) {
      db_->statement("UPDATE outbox SET delivered_ms = ?2 WHERE id = ?1").bind(1, id).bind(2, now).send();
    }
    txn.commit();
  });
}

Result<void> SqlStore::put_secret(const std::string& name, const std::string& plaintext) {
  if (!options_.cipher) return make_error("bad_config", "no secret key configured: set SFSYNC_SECRET_KEY");
  Result<std::string> blob = options_.cipher->encrypt(name, plaintext);
  if (!blob) return blob.error();
  return guarded<void>([&] {
    db_->statement("INSERT INTO secrets(name, blob, updated_ms) VALUES (?1, ?2, ?3) ON CONFLICT(name) DO UPDATE SET "
                   "blob = excluded.blob, updated_ms = excluded.updated_ms")
        .bind(1, name).bind_blob(2, *blob).bind(3, now_ms()).run();
  });
}

Result<std::optional<std::string>> SqlStore::get_secret(const std::string& name) {
  if (!options_.cipher) return make_error("bad_config", "no secret key configured: set SFSYNC_SECRET_KEY");
  Result<std::optional<std::string>> blob = guarded<std::optional<std::string>>([&]() -> std::optional<std::string> {
    auto q = db_->statement("SELECT blob FROM secrets WHERE name = ?1");
    q.bind(1, name);
    if (!q.next()) return std::nullopt;
    return std::string(q.blob(0));
  });
  if (!blob || !blob->has_value()) return blob;
  Result<std::string> plain = options_.cipher->decrypt(name, **blob);
  if (!plain) return plain.error();
  return std::optional<std::string>(std::move(*plain));
}

Result<bool> SqlStore::delete_secret(const std::string& name) {
  return guarded<bool>([&] {
    db_->statement("DELETE FROM secrets WHERE name = ?1").bind(1, name).run();
    return db_->changes() > 0;
  });
}

}  // namespace sfsync
