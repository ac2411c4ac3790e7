// Layout notes (WHY, table by table):
//
// profiles      one row per person. Attributes are one JSON document per profile
//               ({"name":[type, value, ts, sync]}, keys sorted; attribute_doc.h) instead of one row per
//               attribute: measured on our 2-core machines, a row per attribute (15 B-tree inserts
//               per profile) gives ~55k new profiles per CPU-second, the document ~170k+. The
//               `attributes` VIEW gives the row form (profile_id, name, type, value, source_ts_ms,
//               source_sync) for SQL readers (reverse ETL models, ad-hoc queries).
// identifiers   (type, value) is the primary key: one identifier belongs to exactly one profile.
// pending_identifiers  (v2) identifiers of a first load not yet moved into `identifiers`; they
//               are moved in key order, many at a time (identifier_buffer.h). Empty after a run.
// events        dedup_key UNIQUE makes re-reading a page harmless. Events keep their source
//               (sync, record) and are never deleted by a source deletion.
// objects,      attribute documents like profiles; deleted_ms marks a source deletion under the
// relationships `mark` policy.
// merges        the log of identity merges (survivor, merged, when, why).
// record_links  (sync, record, kind) -> the profile / object / relationship that record produced,
//               so a deletion in the source finds exactly its products. Events need no link: they
//               carry their source and stay when the record is deleted.
// full_pass_seen  (v3) the record ids a tracked full pass has read so far; the linked records
//               missing from it when the pass ends left the source (customer_store.h).
// watched_values (v4) per record, the value of its sync's event.when_changed field last seen.
// sync_state    the checkpoint, written in the same transaction as the page it covers.
// executions, record_errors, outbox, secrets: see customer_store.h.
#include "sinks/store/store_schema.h"

#include "sinks/store/sqlite_db.h"

namespace sfsync::store {
namespace {

const char* kCreateV1 = R"SQL(
CREATE TABLE schema_version(version INTEGER NOT NULL);
CREATE TABLE profiles(
  id INTEGER PRIMARY KEY,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  deleted_ms INTEGER,
  attributes TEXT NOT NULL DEFAULT '{}');
CREATE TABLE identifiers(
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  profile_id INTEGER NOT NULL,
  PRIMARY KEY(type, value)) WITHOUT ROWID;
CREATE INDEX identifiers_by_profile ON identifiers(profile_id);
CREATE VIEW attributes AS
  SELECT p.id AS profile_id, a.key AS name, json_extract(a.value, '$[0]') AS type,
         json_extract(a.value, '$[1]') AS value, json_extract(a.value, '$[2]') AS source_ts_ms,
         json_extract(a.value, '$[3]') AS source_sync
  FROM profiles p, json_each(p.attributes) a;
CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  dedup_key TEXT NOT NULL UNIQUE,
  profile_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  timestamp_ms INTEGER NOT NULL,
  parameters TEXT NOT NULL,
  source_sync TEXT NOT NULL,
  source_record TEXT NOT NULL,
  created_ms INTEGER NOT NULL);
CREATE INDEX events_by_profile ON events(profile_id, timestamp_ms);
CREATE TABLE objects(
  type TEXT NOT NULL,
  id TEXT NOT NULL,
  attributes TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  deleted_ms INTEGER,
  PRIMARY KEY(type, id)) WITHOUT ROWID;
CREATE TABLE relationships(
  profile_id INTEGER NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  attributes TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  deleted_ms INTEGER,
  PRIMARY KEY(profile_id, object_type, object_id)) WITHOUT ROWID;
CREATE INDEX relationships_by_object ON relationships(object_type, object_id);
CREATE TABLE merges(
  id INTEGER PRIMARY KEY,
  survivor_id INTEGER NOT NULL,
  merged_id INTEGER NOT NULL,
  merged_ms INTEGER NOT NULL,
  reason TEXT NOT NULL,
  sync_id TEXT NOT NULL,
  record_id TEXT NOT NULL);
CREATE TABLE record_links(
  sync_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  profile_id INTEGER,
  object_type TEXT,
  object_id TEXT,
  PRIMARY KEY(sync_id, record_id, kind)) WITHOUT ROWID;
CREATE INDEX record_links_by_profile ON record_links(profile_id) WHERE profile_id IS NOT NULL;
CREATE INDEX record_links_by_object ON record_links(object_type, object_id) WHERE object_type IS NOT NULL;
CREATE TABLE sync_state(
  sync_id TEXT PRIMARY KEY,
  checkpoint TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  updated_ms INTEGER NOT NULL);
CREATE TABLE executions(
  id INTEGER PRIMARY KEY,
  sync_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  ended_ms INTEGER,
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  records_read INTEGER NOT NULL DEFAULT 0,
  records_written INTEGER NOT NULL DEFAULT 0,
  records_skipped INTEGER NOT NULL DEFAULT 0,
  records_failed INTEGER NOT NULL DEFAULT 0,
  api_calls INTEGER NOT NULL DEFAULT 0,
  skipped_reasons TEXT NOT NULL DEFAULT '{}',
  detail TEXT NOT NULL DEFAULT '{}');
CREATE INDEX executions_by_sync ON executions(sync_id, id);
CREATE TABLE record_errors(
  id INTEGER PRIMARY KEY,
  execution_id INTEGER NOT NULL,
  record_id TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  skipped INTEGER NOT NULL);
CREATE INDEX record_errors_by_execution ON record_errors(execution_id, id);
CREATE TABLE outbox(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  delivered_ms INTEGER);
CREATE INDEX outbox_pending ON outbox(id) WHERE delivered_ms IS NULL;
CREATE TABLE secrets(
  name TEXT PRIMARY KEY,
  blob BLOB NOT NULL,
  updated_ms INTEGER NOT NULL);
)SQL";

// v2: the first-load identifier buffer. AUTOINCREMENT: row ids are never reused, so a writer can
// tell from the largest one whether the rows are still the ones it wrote.
const char* kUpgradeToV2 = R"SQL(
CREATE TABLE pending_identifiers(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  profile_id INTEGER NOT NULL);
)SQL";

// v3: the records a tracked full pass has read (customer_store.h, begin_full_pass), so that at
// its end the linked records it did not read can be found with one index walk.
const char* kUpgradeToV3 = R"SQL(
CREATE TABLE full_pass_seen(
  sync_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY(sync_id, record_id)) WITHOUT ROWID;
)SQL";

// v4: the last value of an event's `when_changed` field per record (page_writer.cpp).
const char* kUpgradeToV4 = R"SQL(
CREATE TABLE watched_values(
  sync_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(sync_id, record_id)) WITHOUT ROWID;
)SQL";

int current_version(SqliteDb& db) {
  return read_schema_version(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
}

}  // namespace

int read_schema_version(StoreDb& db, const char* has_table_sql) {
  {
    auto q = db.statement(has_table_sql);
    if (!q.next() || q.int64(0) == 0) return 0;
  }
  auto q = db.statement("SELECT coalesce(max(version), 0) FROM schema_version");
  return q.next() ? static_cast<int>(q.int64(0)) : 0;
}

void refuse_newer_schema(int version) {
  throw StoreFailure("schema", "store: schema version " + std::to_string(version) +
                                   " is newer than this sfsync understands (" + std::to_string(kSchemaVersion) +
                                   "); upgrade sfsync");
}

void ensure_schema(SqliteDb& db) {
  // Read first: opening an existing store (the CLI while a sync runs) must not queue for the
  // write lock. Only a new file takes it, and checks again under it (two first opens race).
  int version = current_version(db);
  if (version == kSchemaVersion) return;
  Transaction txn(db);
  version = current_version(db);
  if (version == kSchemaVersion) return;
  if (version > kSchemaVersion) refuse_newer_schema(version);
  if (version == 0) {
    db.exec(kCreateV1);
    db.exec("INSERT INTO schema_version(version) VALUES (1)");
  }
  if (version < 2) {
    db.exec(kUpgradeToV2);
    db.exec("INSERT INTO schema_version(version) VALUES (2)");
  }
  if (version < 3) {
    db.exec(kUpgradeToV3);
    db.exec("INSERT INTO schema_version(version) VALUES (3)");
  }
  db.exec(kUpgradeToV4);
  db.exec("INSERT INTO schema_version(version) VALUES (4)");
  txn.commit();
}

}  // namespace sfsync::store
