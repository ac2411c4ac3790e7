// SqliteDb: the SQLite engine of StoreDb (store_db.h), with prepared statements cached.
// Durability choice (WAL, synchronous=NORMAL) and the PRAGMAs' reasons: sqlite_db.cpp.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "sinks/store/store_db.h"

namespace sfsync::store {

class SqliteStatement final : public PreparedStatement {
 public:
  explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bind_int64(int i, int64_t v) override { sqlite3_bind_int64(stmt_, i, v); }
  void bind_text(int i, std::string_view v) override;
  void bind_blob(int i, std::string_view bytes) override;
  void bind_null(int i) override { sqlite3_bind_null(stmt_, i); }
  bool next() override;
  bool is_null(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t int64(int col) const override { return sqlite3_column_int64(stmt_, col); }
  std::string_view text(int col) const override;
  std::string_view blob(int col) const override;
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    done_ = false;
  }

 private:
  sqlite3_stmt* stmt_;
  bool done_ = false;  // stepped to its end: a further sqlite3_step would run it again
};

class SqliteDb final : public StoreDb {
 public:
  // Opens (creating) the database file. WAL mode, see sqlite_db.cpp for the durability choice.
  static std::unique_ptr<SqliteDb> open(const std::string& path);
  ~SqliteDb() override;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  Statement statement(const char* sql) override;
  void exec(const char* sql) override;
  int64_t changes() const override { return sqlite3_changes(db_); }
  void begin() override { exec("BEGIN IMMEDIATE"); }
  void commit() override { exec("COMMIT"); }
  void rollback() noexcept override;
  const char* engine() const override { return "sqlite"; }

  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(const char* what) const;

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<const char*, std::unique_ptr<SqliteStatement>> cache_;
};

}  // namespace sfsync::store
