// SqliteDb: the few SQLite operations the store needs, with prepared statements cached.
//
// Internal to src/sinks/store/. Failures throw StoreFailure: a SQLite error in the middle of a page
// must abandon the whole page, and unwinding to the one place that rolls back (and turns the
// failure into a Result) is simpler and safer than checking every step by hand.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sfsync::store {

struct StoreFailure : std::runtime_error {
  StoreFailure(std::string code, const std::string& message) : std::runtime_error(message), code(std::move(code)) {}
  std::string code;  // "sqlite", "bad_mutation", "crypto", ...
};

// A cached statement in use: binds, steps, and resets itself when it goes out of scope, so a
// statement left half-read never holds a read transaction open.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement() { sqlite3_reset(stmt_); sqlite3_clear_bindings(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based, as in SQLite. Text is bound without copying: it must outlive the step.
  Statement& bind(int i, int64_t v);
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, std::string&& v) = delete;  // would dangle: binds do not copy
  Statement& bind_null(int i);
  Statement& bind_blob(int i, std::string_view bytes);

  bool next();  // true while a row is available
  void run();   // steps to the end (INSERT/UPDATE/DELETE)

  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string_view text(int col) const;
  std::string string(int col) const { return std::string(text(col)); }
  std::string_view blob(int col) const;

 private:
  sqlite3_stmt* stmt_;
};

class SqliteDb {
 public:
  // Opens (creating) the database file. WAL mode, see sqlite_db.cpp for the durability choice.
  static std::unique_ptr<SqliteDb> open(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Statement for `sql`, prepared once. Keyed by the literal's address: callers pass string literals.
  Statement statement(const char* sql);
  void exec(const char* sql);  // one-off statements (DDL, BEGIN/COMMIT)
  int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(const char* what) const;

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back unless commit() ran (an exception unwinds through it).
class Transaction {
 public:
  explicit Transaction(SqliteDb& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
  ~Transaction();
  void commit() { db_.exec("COMMIT"); done_ = true; }

 private:
  SqliteDb& db_;
  bool done_ = false;
};

}  // namespace sfsync::store
