// Helpers for the customer store tests: a throwaway store and short mutation builders.
//
// SFSYNC_TEST_STORE=postgres runs the same tests on PostgresStore: one throwaway server per test
// process (support/temporary_postgres.h), a fresh database per TempStore. CTest runs the store
// suites both ways (CMakeLists.txt, store_on_postgres).
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sinks/store/postgres_db.h"
#include "sinks/store/postgres_store.h"
#include "sinks/store/sqlite_store.h"
#include "support/temporary_postgres.h"

namespace sfsync::testing_store {

inline bool testing_postgres() {
  const char* e = std::getenv("SFSYNC_TEST_STORE");
  return e && std::string(e) == "postgres";
}

// The process's throwaway server, started on first use and stopped when the process exits.
inline testing_support::TemporaryPostgres& test_postgres() {
  static testing_support::TemporaryPostgres server;
  return server;
}

inline int64_t count_rows(const std::string& path, const char* sql);

// A fresh store — a file in its own temp directory, or a new PostgreSQL database — removed afterwards.
class TempStore {
 public:
  explicit TempStore(StoreOptions options = {}) {
    static std::atomic<int> counter{0};
    std::string name = "sfsync_store_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    if (testing_postgres()) {
      if (!test_postgres().ok()) ADD_FAILURE() << test_postgres().why_not();
      else admin().exec(("CREATE DATABASE " + name).c_str());
      url_ = test_postgres().url();
      url_ = url_.substr(0, url_.rfind('/') + 1) + name;
    }
    dir_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    reopen(std::move(options));
  }
  ~TempStore() {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void reopen(StoreOptions options = {}) {
    store_.reset();
    auto opened = open_another(std::move(options));
    if (!opened) ADD_FAILURE() << opened.error().message;
    else store_ = std::move(opened).value();
  }
  // A second store on the same data (another process's view, or a crash test's child).
  Result<std::unique_ptr<SqlStore>> open_another(StoreOptions options = {}) const {
    if (!url_.empty()) {
      auto s = PostgresStore::open(url_, std::move(options));
      if (!s) return s.error();
      return std::unique_ptr<SqlStore>(std::move(s).value());
    }
    auto s = SqliteStore::open(path(), std::move(options));
    if (!s) return s.error();
    return std::unique_ptr<SqlStore>(std::move(s).value());
  }
  std::string path() const { return (dir_ / "store.db").string(); }  // SQLite: the store file
  const std::string& url() const { return url_; }                    // PostgreSQL: its database
  // One integer from a SQL query on a second connection to the store.
  int64_t count(const char* sql) const {
    if (url_.empty()) return count_rows(path(), sql);
    auto db = store::PostgresDb::open(url_);
    auto q = db->statement(sql);
    return q.next() ? q.int64(0) : -1;
  }
  // A statement run on a second connection to the store (tests that tamper with it).
  void execute(const char* sql) const {
    if (!url_.empty()) return store::PostgresDb::open(url_)->exec(sql);
    sqlite3* db = nullptr;
    sqlite3_open(path().c_str(), &db);
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) ADD_FAILURE() << sqlite3_errmsg(db) << ": " << sql;
    sqlite3_close(db);
  }
  // The error code of opening a second store on the same data; empty when it opens.
  std::string open_error() const {
    auto s = open_another();
    return s ? "" : s.error().code;
  }
  SqlStore& operator*() { return *store_; }
  SqlStore* operator->() { return store_.get(); }

 private:
  static store::PostgresDb& admin() {
    static std::unique_ptr<store::PostgresDb> db = store::PostgresDb::open(test_postgres().url());
    return *db;
  }
  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<SqlStore> store_;
};

// One integer from a SQL query against the store file (a second, read-only connection).
inline int64_t count_rows(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) ADD_FAILURE() << sqlite3_errmsg(db) << ": " << sql;
  int64_t n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

inline SourceRef src(const std::string& record, int64_t ts, const std::string& sync = "contacts") {
  return SourceRef{sync, record, ts};
}
inline Identifier email(const std::string& v) { return Identifier{"email", v}; }
inline Identifier uuid(const std::string& v) { return Identifier{"uuid", v}; }
inline Attribute attr(const std::string& name, Value v) { return Attribute{name, std::move(v)}; }

inline ProfileUpsert profile(SourceRef source, std::vector<Identifier> ids, std::vector<Attribute> attrs = {}) {
  return ProfileUpsert{std::move(source), std::move(ids), std::move(attrs)};
}

inline EventAppend event(SourceRef source, std::vector<Identifier> ids, const std::string& name,
                         std::vector<Attribute> params = {}) {
  EventAppend e;
  e.dedup_key = source.sync_id + ":" + source.record_id + ":" + std::to_string(source.source_ts_ms);
  e.timestamp_ms = source.source_ts_ms;
  e.source = std::move(source);
  e.identifiers = std::move(ids);
  e.name = name;
  e.parameters = std::move(params);
  return e;
}

inline MappedRecord record(Mutation m) {
  MappedRecord r;
  r.mutations.push_back(std::move(m));
  return r;
}

inline ApplyStats write_page(CustomerStore& store, const std::vector<MappedRecord>& records, const std::string& checkpoint = "cp",
                        bool emit_hooks = true, const std::string& sync = "contacts") {
  ApplyOptions options;
  options.emit_hooks = emit_hooks;
  options.config_fingerprint = "fp1";
  auto r = store.apply_page(sync, 1, records, Checkpoint{checkpoint}, options);
  if (!r) ADD_FAILURE() << r.error().code << ": " << r.error().message;
  return r ? r.value() : ApplyStats{};
}

inline std::string dump(CustomerStore& store) {
  auto d = store.canonical_dump();
  if (!d) ADD_FAILURE() << d.error().message;
  return d ? d.value() : std::string();
}

inline StoreCounts counts(CustomerStore& store) {
  auto c = store.counts();
  if (!c) ADD_FAILURE() << c.error().message;
  return c ? c.value() : StoreCounts{};
}

inline ProfileView find(CustomerStore& store, const Identifier& id, int events = 10) {
  auto p = store.find_profile(id, events);
  if (!p || !p->has_value()) {
    ADD_FAILURE() << "no profile for " << id.type << "=" << id.value;
    return ProfileView{};
  }
  return **p;
}

inline const StoredAttribute* attribute(const ProfileView& p, const std::string& name) {
  for (const StoredAttribute& a : p.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace sfsync::testing_store
