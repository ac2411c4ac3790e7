#include "sinks/salesforce/push_snapshot.h"

#include <string_view>

#include "sinks/store/postgres_db.h"
#include "sinks/store/sqlite_db.h"

namespace sfsync {

using store::StoreDb;
using store::StoreFailure;

namespace {

const char* kSqliteTables[] = {
    "CREATE TABLE IF NOT EXISTS push_snapshot(sync TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL,"
    " sf_id TEXT NOT NULL, created INTEGER NOT NULL, outcome TEXT NOT NULL, seen_run INTEGER NOT NULL,"
    " PRIMARY KEY(sync, key)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS push_spool(sync TEXT NOT NULL, seq INTEGER NOT NULL, key TEXT NOT NULL,"
    " hash TEXT NOT NULL, sf_id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY(sync, seq)) WITHOUT ROWID",
    // A key the model repeats is sent once, with its last row (one call cannot upsert a key twice).
    "CREATE UNIQUE INDEX IF NOT EXISTS push_spool_by_key ON push_spool(sync, key)",
};
// The same in PostgreSQL terms; keys compare by bytes, as in SQLite (mirror deletions page by key).
const char* kPostgresTables[] = {
    "CREATE TABLE IF NOT EXISTS push_snapshot(sync TEXT COLLATE \"C\" NOT NULL, key TEXT COLLATE \"C\" NOT NULL,"
    " hash TEXT NOT NULL, sf_id TEXT NOT NULL, created BIGINT NOT NULL, outcome TEXT NOT NULL,"
    " seen_run BIGINT NOT NULL, PRIMARY KEY(sync, key))",
    "CREATE TABLE IF NOT EXISTS push_spool(sync TEXT COLLATE \"C\" NOT NULL, seq BIGINT NOT NULL,"
    " key TEXT COLLATE \"C\" NOT NULL, hash TEXT NOT NULL, sf_id TEXT NOT NULL, body TEXT NOT NULL,"
    " PRIMARY KEY(sync, seq))",
    "CREATE UNIQUE INDEX IF NOT EXISTS push_spool_by_key ON push_spool(sync, key)",
};

bool is_sqlite(const StoreDb& db) { return std::string_view(db.engine()) == "sqlite"; }

}  // namespace

PushSnapshot::PushSnapshot(std::unique_ptr<StoreDb> db, std::string sync) : db_(std::move(db)), sync_(std::move(sync)) {}

PushSnapshot::~PushSnapshot() {
  if (in_transaction_) db_->rollback();
}

Result<std::unique_ptr<PushSnapshot>> PushSnapshot::open(const std::string& sqlite_path, const std::string& postgres_url,
                                                         std::string sync) {
  const char* engine = postgres_url.empty() ? "sqlite" : "postgres";
  try {
    std::unique_ptr<StoreDb> db;
    if (postgres_url.empty()) db = store::SqliteDb::open(sqlite_path);
    else db = store::PostgresDb::open(postgres_url);
    for (const char* ddl : is_sqlite(*db) ? kSqliteTables : kPostgresTables) db->exec(ddl);
    auto snapshot = std::unique_ptr<PushSnapshot>(new PushSnapshot(std::move(db), std::move(sync)));
    if (auto r = snapshot->clear_spool(); !r) return r.error();
    return snapshot;
  } catch (const StoreFailure& e) {
    return make_error(engine, "push snapshot" + (postgres_url.empty() ? " in " + sqlite_path : "") + ": " + e.what());
  }
}

Result<void> PushSnapshot::guarded(const std::function<void()>& body) {
  try {
    body();
    return {};
  } catch (const StoreFailure& e) {
    return make_error(db_->engine(), std::string("push snapshot: ") + e.what());
  }
}

// Not StoreDb::begin(): on PostgreSQL that also takes the lock pages of every sync take turns on,
// which the snapshot does not need (its rows are its sync's, and the sync is leased to this run)
// and which the store's own connection in this process may be waiting for.
void PushSnapshot::begin_if_needed() {
  if (in_transaction_) return;
  db_->exec(is_sqlite(*db_) ? "BEGIN IMMEDIATE" : "BEGIN");
  in_transaction_ = true;
}

Result<std::optional<SnapshotEntry>> PushSnapshot::find(const std::string& key) {
  std::optional<SnapshotEntry> out;
  auto r = guarded([&] {
    auto st = db_->statement("SELECT hash, sf_id, created FROM push_snapshot WHERE sync = ?1 AND key = ?2");
    st.bind(1, sync_).bind(2, key);
    if (st.next()) out = SnapshotEntry{st.string(0), st.string(1), st.int64(2) != 0};
  });
  if (!r) return r.error();
  return out;
}

Result<void> PushSnapshot::spool(const SpooledRow& row) {
  return guarded([&] {
    begin_if_needed();
    auto st = db_->statement(
        "INSERT INTO push_spool(sync, seq, key, hash, sf_id, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        " ON CONFLICT(sync, key) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, sf_id = excluded.sf_id,"
        " body = excluded.body");
    st.bind(1, sync_).bind(2, row.seq).bind(3, row.key).bind(4, row.hash).bind(5, row.sf_id).bind(6, row.body).run();
  });
}

Result<void> PushSnapshot::mark_seen(const std::string& key, int64_t run) {
  return guarded([&] {
    begin_if_needed();
    auto st = db_->statement("UPDATE push_snapshot SET seen_run = ?3 WHERE sync = ?1 AND key = ?2");
    st.bind(1, sync_).bind(2, key).bind(3, run).run();
  });
}

Result<void> PushSnapshot::flush() {
  if (!in_transaction_) return {};
  in_transaction_ = false;
  return guarded([&] { db_->commit(); });  // PostgreSQL: says so when COMMIT was a ROLLBACK
}

Result<int64_t> PushSnapshot::spooled_count() {
  int64_t n = 0;
  auto r = guarded([&] {
    auto st = db_->statement("SELECT count(*) FROM push_spool WHERE sync = ?1");
    st.bind(1, sync_);
    if (st.next()) n = st.int64(0);
  });
  if (!r) return r.error();
  return n;
}

Result<std::vector<SpooledRow>> PushSnapshot::spooled(int64_t after, size_t limit) {
  std::vector<SpooledRow> rows;
  auto r = guarded([&] {
    auto st = db_->statement(
        "SELECT seq, key, hash, sf_id, body FROM push_spool WHERE sync = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3");
    st.bind(1, sync_).bind(2, after).bind(3, static_cast<int64_t>(limit));
    while (st.next()) rows.push_back({st.int64(0), st.string(1), st.string(2), st.string(3), st.string(4)});
  });
  if (!r) return r.error();
  return rows;
}

Result<void> PushSnapshot::clear_spool() {
  return guarded([&] {
    auto st = db_->statement("DELETE FROM push_spool WHERE sync = ?1");
    st.bind(1, sync_).run();
  });
}

Result<void> PushSnapshot::record(const std::vector<SentOutcome>& outcomes, int64_t run) {
  auto r = guarded([&] {
    begin_if_needed();
    for (const auto& o : outcomes) {
      // A failure keeps the id and "created" learnt earlier; a success replaces them.
      auto st = db_->statement(
          "INSERT INTO push_snapshot(sync, key, hash, sf_id, created, outcome, seen_run)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
          " ON CONFLICT(sync, key) DO UPDATE SET hash = excluded.hash, outcome = excluded.outcome,"
          " seen_run = excluded.seen_run,"
          " sf_id = CASE WHEN excluded.sf_id = '' THEN push_snapshot.sf_id ELSE excluded.sf_id END,"
          " created = CASE WHEN excluded.created > push_snapshot.created THEN excluded.created"
          " ELSE push_snapshot.created END");
      st.bind(1, sync_).bind(2, o.key).bind(3, o.hash).bind(4, o.sf_id).bind(5, int64_t{o.created}).bind(6, o.outcome).bind(7, run).run();
    }
  });
  if (!r) return r;
  return flush();
}

Result<std::vector<std::pair<std::string, std::string>>> PushSnapshot::created_not_seen(int64_t run, size_t limit,
                                                                                       const std::string& after_key) {
  std::vector<std::pair<std::string, std::string>> out;
  auto r = guarded([&] {
    auto st = db_->statement(
        "SELECT key, sf_id FROM push_snapshot WHERE sync = ?1 AND created = 1 AND seen_run <> ?2 AND sf_id <> ''"
        " AND key > ?3 ORDER BY key LIMIT ?4");
    st.bind(1, sync_).bind(2, run).bind(3, after_key).bind(4, static_cast<int64_t>(limit));
    while (st.next()) out.emplace_back(st.string(0), st.string(1));
  });
  if (!r) return r.error();
  return out;
}

Result<void> PushSnapshot::forget(const std::vector<std::string>& keys) {
  auto r = guarded([&] {
    begin_if_needed();
    for (const auto& k : keys) {
      auto st = db_->statement("DELETE FROM push_snapshot WHERE sync = ?1 AND key = ?2");
      st.bind(1, sync_).bind(2, k).run();
    }
  });
  if (!r) return r;
  return flush();
}

Result<int64_t> PushSnapshot::size() {
  int64_t n = 0;
  auto r = guarded([&] {
    auto st = db_->statement("SELECT count(*) FROM push_snapshot WHERE sync = ?1");
    st.bind(1, sync_);
    if (st.next()) n = st.int64(0);
  });
  if (!r) return r.error();
  return n;
}

}  // namespace sfsync
