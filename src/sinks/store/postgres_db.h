// PostgresDb: the StoreDb operations on a PostgreSQL server (libpq), so that several sfsync
// workers can share one customer store.
//
// How the portable SQL of store_db.h maps onto PostgreSQL:
//  - `?N` parameters are renamed `$N` once, when a statement is first used, and the statement is
//    prepared on the server with no declared parameter types: the server infers each one from
//    where it stands (a column it is compared with or inserted into, `CASE WHEN ?1` -> boolean),
//    at its first occurrence. Compare parameters with columns: against a literal (`?1 + 1`,
//    `coalesce(?1, 0)`) it becomes a 32-bit integer and a larger int64 fails when it runs; first
//    met where nothing tells (`?1 IS NULL OR c = ?1`) it is refused when prepared (write
//    `c = ?1 OR ?1 IS NULL`); one parameter cannot be both text and a number.
//  - Values travel as text (int64 as decimal digits) and results come back as text, which the
//    accessors parse; blobs travel in binary and come back as bytea hex (`\x...`).
//  - A write transaction is BEGIN plus a transaction-scoped advisory lock: the store's identity
//    resolution assumes a single writer (a new profile gets max(id) + 1), so writers sharing a
//    server must apply their pages one at a time, as SQLite's BEGIN IMMEDIATE makes them.
//  - Inside a write transaction the connection is in libpq's pipeline mode: statements sent with
//    send() are queued (at most kMaxQueued, so the server's answers never fill the socket while
//    nobody reads them) and go out with the next statement whose result is read, in one round
//    trip. A statement sent with send_then() is queued the same way, its handler called once its
//    answer is read. Each statement was a round trip before, and a page of new people waited ~330 µs per
//    record on them (bench/pull --postgres: 3,000 records/s, the writer mostly in poll()).
//
// Not thread-safe: one PostgresDb is one connection, used by one thread at a time. A lost
// connection is not re-established: the failure unwinds to the caller, which reopens.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sinks/store/store_db.h"

namespace sfsync::store {

class PgPreparedStatement;

class PostgresDb : public StoreDb {
 public:
  // Connects to `url` (a libpq URI or key=value string). Throws StoreFailure("postgres") with a
  // one-line message that never repeats the url or its password.
  static std::unique_ptr<PostgresDb> open(const std::string& url);
  ~PostgresDb() override;
  PostgresDb(const PostgresDb&) = delete;
  PostgresDb& operator=(const PostgresDb&) = delete;

  Statement statement(const char* sql) override;
  void exec(const char* sql) override;  // may hold several statements (DDL)
  int64_t changes() const override { return changes_; }
  void begin() override;
  void commit() override;
  void rollback() noexcept override;
  const char* engine() const override { return "postgres"; }
  bool round_trips() const override { return true; }

  // For PgPreparedStatement: the connection, the changed-row count of the statement that just
  // ran, and the StoreFailure for a failed result (`res` may be null: libpq could not send).
  PGconn* connection() const { return conn_; }
  void set_changes(int64_t n) { changes_ = n; }
  [[noreturn]] void fail(const PGresult* res, const char* sql) const;
  // Pipeline mode (a write transaction): a statement was sent; `wants` (null: nobody) gets its
  // result at the next await(), or `then` is called with it after await() has read them all.
  // await() sends a sync point, reads every queued result in order and throws the first
  // failure (no handler runs then).
  bool pipelined() const { return pipelined_; }
  void queued(const char* sql, PgPreparedStatement* wants);
  void queued(const char* sql, RowsHandler then);
  void await();

  static constexpr size_t kMaxQueued = 1000;

 private:
  explicit PostgresDb(PGconn* conn);  // out of line: PgPreparedStatement is complete only there
  // PQexec of `sql`, throwing on failure; returns the command tag ("COMMIT", "ROLLBACK", ...).
  std::string run(const char* sql);
  StoreFailure failure(const PGresult* res, const char* sql) const;
  void enter_pipeline();
  void leave_pipeline() noexcept;

  struct Queued {
    const char* sql;
    PgPreparedStatement* wants;
    RowsHandler then;
  };
  PGconn* conn_;
  bool pipelined_ = false;
  std::vector<Queued> queued_;
  int64_t changes_ = 0;
  int next_statement_ = 1;  // names the server-side prepared statements s1, s2, ...
  std::unordered_map<const char*, std::unique_ptr<PgPreparedStatement>> cache_;
};

// `sql` with each `?N` outside quoted literals and identifiers renamed `$N`; `params` receives
// the highest N (0 when there is none). Other `?` (PostgreSQL's jsonb operators) are left alone.
std::string translate_parameters(const char* sql, int& params);

}  // namespace sfsync::store
