#include "sinks/store/sqlite_db.h"

#include <mutex>

namespace sfsync::store {
namespace {

// Process-wide SQLite settings, applied once before the library initializes. SQLITE_CONFIG_MEMSTATUS
// off: with it on (the default) every allocation SQLite makes takes a global mutex to keep usage
// statistics that the store never reads (perf at 1M Contacts: ~3% of the writer thread in
// pthread_mutex_lock/unlock). sqlite3_config refuses (SQLITE_MISUSE) once SQLite is initialized,
// e.g. by an in-process emulator in a test; the store then runs with the default, which is correct,
// only slower, so the result is deliberately ignored.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

void SqliteStatement::bind_text(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

void SqliteStatement::bind_blob(int i, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
}

bool SqliteStatement::next() {
  if (done_) return false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  done_ = true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  throw StoreFailure("sqlite", std::string("store: ") + sqlite3_errmsg(db) + " in: " + sqlite3_sql(stmt_));
}

std::string_view SqliteStatement::text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string_view SqliteStatement::blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (!p) return {};
  return std::string_view(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

// Durability: journal_mode=WAL with synchronous=NORMAL. In WAL mode NORMAL fsyncs only at
// checkpoints, not at every COMMIT; a committed transaction is in the WAL file (the OS page cache)
// the moment COMMIT returns, so a killed process (SIGKILL, crash, OOM) loses nothing committed —
// that is the failure the crash test exercises. A power loss or kernel panic can lose the last
// transactions before the next checkpoint, but never corrupts the database, and because the
// checkpoint commits with its data, the store simply rewinds to an older consistent page and the
// next run re-reads from there (exactly-once holds: re-reads are idempotent). synchronous=FULL
// would fsync every page commit (one per 2,000 records) for protection against power loss only —
// a cost our throughput target cannot afford for a failure the design already tolerates.
std::unique_ptr<SqliteDb> SqliteDb::open(const std::string& path) {
  configure_sqlite_once();
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw));
  if (rc != SQLITE_OK) db->fail(("cannot open store " + path).c_str());
  sqlite3_busy_timeout(raw, 10000);  // a CLI reader or a second writer waits instead of failing
  // 4 KB pages (new files only; an existing file keeps its size). A first load inserts ~3 keys per
  // record at random places (email and record-Id identifiers, record links): at scale each one
  // dirties its own B-tree leaf, and every dirty leaf is written whole to the WAL, checksummed and
  // later copied back by a checkpoint. bench/pull measured writer CPU per 1M-contact load: 16 KB
  // pages 58.8 s, 4 KB 43.5 s (equal at 200k, where 2,000 inserts per page still share leaves);
  // the 1% incremental run also got cheaper (0.36 -> 0.28 s).
  db->exec("PRAGMA page_size=4096");
  db->exec("PRAGMA journal_mode=WAL");
  db->exec("PRAGMA synchronous=NORMAL");
  db->exec("PRAGMA foreign_keys=OFF");
  // 64 MB: index pages of a few million identifiers stay mostly hot. 96 MB saved another 6% of
  // writer CPU at 1M but costs its size in RSS (peak 171 MB instead of 136 MB; target < 200 MB).
  db->exec("PRAGMA cache_size=-65536");
  db->exec("PRAGMA temp_store=MEMORY");
  // No memory map (mmap_size=0): every page of a mapped file that SQLite touches counts in the
  // process's RSS, so a 1M-profile store pushed the engine past 250 MB and RSS grew with the
  // store. Reads go through the bounded page cache above and the OS file cache.
  db->exec("PRAGMA mmap_size=0");
  // Checkpoint every ~256 MB of WAL (65,536 pages of 4 KB) instead of the default 1,000 pages:
  // a checkpoint copies pages back into the database file and fsyncs; at 1M records a page commit
  // writes tens of MB of WAL, so a small limit meant a checkpoint (and an fsync) per commit. Leaves
  // dirtied by many commits are copied once. Measured at 1M: write stage 116 s -> 79 s wall on a
  // loaded machine (CPU 43.5 -> 41.2 s). journal_size_limit (320 MB, above that cap plus a page
  // transaction) keeps a reset WAL file at its size instead of truncating it: truncating a file
  // whose pages are still being written back cost the writer 0.8 s per 1M records (31 ftruncate
  // calls at 64 MB). The disk holds at most ~320 MB of WAL while the store is open; closing the
  // last connection deletes it.
  db->exec("PRAGMA wal_autocheckpoint=65536");
  db->exec("PRAGMA journal_size_limit=335544320");
  return db;
}

SqliteDb::~SqliteDb() {
  cache_.clear();  // finalizes every statement before the connection closes
  sqlite3_close_v2(db_);
}

Statement SqliteDb::statement(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return Statement(*it->second);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    fail(sql);
  }
  auto& cached = cache_[sql];
  cached = std::make_unique<SqliteStatement>(stmt);
  return Statement(*cached);
}

void SqliteDb::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = std::string("store: ") + (err ? err : "error") + " in: " + sql;
    sqlite3_free(err);
    throw StoreFailure("sqlite", msg);
  }
}

void SqliteDb::fail(const char* what) const {
  throw StoreFailure("sqlite", std::string("store: ") + (db_ ? sqlite3_errmsg(db_) : "out of memory") + ": " + what);
}

void SqliteDb::rollback() noexcept {
  char* err = nullptr;
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, &err);
  sqlite3_free(err);
}

}  // namespace sfsync::store
