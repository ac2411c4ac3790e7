// Helpers for the customer store tests: a throwaway store file and short mutation builders.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sinks/store/sqlite_store.h"

namespace sfsync::testing_store {

// A fresh store in its own temp directory, removed afterwards.
class TempStore {
 public:
  explicit TempStore(SqliteStore::Options options = {}) {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("sfsync_store_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    reopen(std::move(options));
  }
  ~TempStore() {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void reopen(SqliteStore::Options options = {}) {
    store_.reset();
    auto s = SqliteStore::open(path(), std::move(options));
    if (!s) ADD_FAILURE() << s.error().message;
    else store_ = std::move(s).value();
  }
  std::string path() const { return (dir_ / "store.db").string(); }
  SqliteStore& operator*() { return *store_; }
  SqliteStore* operator->() { return store_.get(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
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

inline ApplyStats write_page(SqliteStore& store, const std::vector<MappedRecord>& records, const std::string& checkpoint = "cp",
                        bool emit_hooks = true, const std::string& sync = "contacts") {
  ApplyOptions options;
  options.emit_hooks = emit_hooks;
  options.config_fingerprint = "fp1";
  auto r = store.apply_page(sync, 1, records, Checkpoint{checkpoint}, options);
  if (!r) ADD_FAILURE() << r.error().code << ": " << r.error().message;
  return r ? r.value() : ApplyStats{};
}

inline std::string dump(SqliteStore& store) {
  auto d = store.canonical_dump();
  if (!d) ADD_FAILURE() << d.error().message;
  return d ? d.value() : std::string();
}

inline StoreCounts counts(SqliteStore& store) {
  auto c = store.counts();
  if (!c) ADD_FAILURE() << c.error().message;
  return c ? c.value() : StoreCounts{};
}

inline ProfileView find(SqliteStore& store, const Identifier& id, int events = 10) {
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
