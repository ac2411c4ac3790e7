// PostgresStore: the CustomerStore on a PostgreSQL server, for teams that outgrow one machine:
// several workers (daemons on different hosts) share one store, each sync leased by one of them
// at a time. The logic is SqlStore's (sql_store.h), the same SQL as the SQLite store's; the
// engine (postgres_db.h) serializes page transactions across workers with an advisory lock,
// because identity resolution assumes one writer (design.md §4). Schema: postgres_schema.cpp.
//
// Durability is the server's: a page's transaction commits with its checkpoint, as in SQLite.
#pragma once

#include <memory>
#include <string>

#include "sinks/store/sql_store.h"

namespace sfsync {

class PostgresStore final : public SqlStore {
 public:
  // Connects (libpq connection string or postgresql:// URL) and creates the schema when missing.
  // Errors never repeat the URL: it may hold a password.
  static Result<std::unique_ptr<PostgresStore>> open(const std::string& url, Options options = {});
  ~PostgresStore() override;

  // A session advisory lock on a connection of its own, held while the lease lives: the server
  // releases it when that connection ends, so a crashed worker never leaves a stale lease.
  Result<std::unique_ptr<RunLease>> lease_sync(const std::string& sync_id) override;

 private:
  PostgresStore(std::unique_ptr<store::StoreDb> db, Options options, std::string url)
      : SqlStore(std::move(db), std::move(options)), url_(std::move(url)) {}
  std::string url_;
};

}  // namespace sfsync
