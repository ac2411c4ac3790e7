// StoreDb: the few database operations the customer store needs, for each engine it runs on
// (sqlite_db.h: the embedded default; postgres_db.h: a shared server). The store's logic — page
// writer, identity resolver, queries — is written once against this interface, in SQL both
// engines accept:
//  - parameters are `?N` (1-based; PostgreSQL gets them renamed to `$N`);
//  - no engine-only syntax: `ON CONFLICT ... DO NOTHING` (not `INSERT OR IGNORE`), `IS [NOT]
//    DISTINCT FROM` (not `IS` / `IS NOT` between values), `RETURNING` (not last-insert-rowid),
//    CASE (not two-argument min/max); booleans selected as expressions read as int64 0/1;
//  - text compares by bytes (SQLite's BINARY; PostgreSQL's columns are declared COLLATE "C"), so
//    Salesforce Ids sort the same way in both.
// The schema itself is per engine (store_schema.cpp, postgres_schema.cpp).
//
// Internal to src/sinks/store/. Failures throw StoreFailure: an error in the middle of a page
// must abandon the whole page, and unwinding to the one place that rolls back (and turns the
// failure into a Result) is simpler and safer than checking every step by hand.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sfsync::store {

struct StoreFailure : std::runtime_error {
  StoreFailure(std::string code, const std::string& message) : std::runtime_error(message), code(std::move(code)) {}
  std::string code;  // "sqlite", "postgres", "bad_mutation", "crypto", ...
};

// The rows a statement returned, read one at a time: next() moves to the next row (the first
// call to the first) and is false when there is none left.
class ResultRows {
 public:
  virtual ~ResultRows() = default;
  virtual bool next() = 0;
  virtual bool is_null(int col) const = 0;
  virtual int64_t int64(int col) const = 0;  // a boolean column reads as 0/1
  virtual std::string_view text(int col) const = 0;
  virtual std::string_view blob(int col) const = 0;
};

// Called with a statement's rows when its answer arrives (send_then). It may send() statements
// (they queue behind the ones already sent) but must not read one: it may run while the caller
// is in the middle of reading another statement's rows.
using RowsHandler = std::function<void(ResultRows&)>;

// One prepared statement of a StoreDb, as the engine implements it. As ResultRows, next()
// executes it on the first call and is false once its rows are read (it does not run it again).
class PreparedStatement : public ResultRows {
 public:
  virtual void bind_int64(int i, int64_t v) = 0;
  // Text and blobs may be bound without a copy: they must outlive the statement's next()/run().
  virtual void bind_text(int i, std::string_view v) = 0;
  virtual void bind_blob(int i, std::string_view bytes) = 0;
  virtual void bind_null(int i) = 0;
  // Executes a statement whose rows and changes() nobody reads. An engine whose statements are
  // round trips to a server may queue it and send it with the next ones: its failure then
  // surfaces at the next statement that returns something, or at commit — inside the same
  // transaction, so the page fails as a whole either way.
  virtual void send() { while (next()) {} }
  // Executes a statement whose rows are wanted, but not before the caller goes on: `on_rows`
  // gets them now (an embedded engine), or when the server's answer is read: by the next
  // statement read, at the latest before commit() returns; never when a statement before it
  // failed or the transaction rolls back first. Lets a writer queue statements
  // whose answers only count or annotate (an event insert: new or a duplicate) instead of
  // waiting a round trip for each.
  virtual void send_then(RowsHandler on_rows) {
    on_rows(*this);
    while (next()) {}  // executes it if the handler read nothing
  }
  // Forgets bindings and results, so the statement can be used again.
  virtual void reset() = 0;
};

// A cached statement in use: binds, steps, and resets itself when it goes out of scope, so a
// statement left half-read never holds a read transaction open.
class Statement {
 public:
  explicit Statement(PreparedStatement& stmt) : stmt_(stmt) {}
  ~Statement() { stmt_.reset(); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based. Text is bound without copying: it must outlive the step.
  Statement& bind(int i, int64_t v) { stmt_.bind_int64(i, v); return *this; }
  Statement& bind(int i, std::string_view v) { stmt_.bind_text(i, v); return *this; }
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, std::string&& v) = delete;  // would dangle: binds do not copy
  Statement& bind_null(int i) { stmt_.bind_null(i); return *this; }
  Statement& bind_blob(int i, std::string_view bytes) { stmt_.bind_blob(i, bytes); return *this; }

  bool next() { return stmt_.next(); }  // true while a row is available
  void run() { while (next()) {} }       // steps to the end (INSERT/UPDATE/DELETE)
  void send() { stmt_.send(); }          // run() when nothing of it is read (see PreparedStatement)
  void send_then(RowsHandler on_rows) { stmt_.send_then(std::move(on_rows)); }

  bool is_null(int col) const { return stmt_.is_null(col); }
  int64_t int64(int col) const { return stmt_.int64(col); }
  std::string_view text(int col) const { return stmt_.text(col); }
  std::string string(int col) const { return std::string(text(col)); }
  std::string_view blob(int col) const { return stmt_.blob(col); }

 private:
  PreparedStatement& stmt_;
};

class StoreDb {
 public:
  virtual ~StoreDb() = default;
  // Statement for `sql`, prepared once. Keyed by the literal's address: callers pass string
  // literals (or strings that live as long as the StoreDb).
  virtual Statement statement(const char* sql) = 0;
  virtual void exec(const char* sql) = 0;  // one-off statements (DDL), no parameters
  virtual int64_t changes() const = 0;     // rows changed by the last INSERT/UPDATE/DELETE run
  // A write transaction: one writer at a time (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN and a
  // transaction-scoped advisory lock, so workers sharing a server write pages one at a time).
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  virtual const char* engine() const = 0;  // "sqlite" | "postgres"
  // True when each statement that returns something is a round trip to a server: the store then
  // reads what a page needs in few queries (IdentityResolver::prefetch) and send()s its writes.
  virtual bool round_trips() const { return false; }
};

// begin() ... commit(); rolls back unless commit() ran (an exception unwinds through it).
class Transaction {
 public:
  explicit Transaction(StoreDb& db) : db_(db) { db_.begin(); }
  ~Transaction() { if (!done_) db_.rollback(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() { db_.commit(); done_ = true; }

 private:
  StoreDb& db_;
  bool done_ = false;
};

}  // namespace sfsync::store
