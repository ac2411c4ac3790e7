// SqliteStore: the embedded CustomerStore (the default). One SQLite file in WAL mode; the logic
// is SqlStore's (sql_store.h). Schema and the reasons for its shape: store_schema.cpp.
// Durability choice (synchronous=NORMAL): sqlite_db.cpp.
//
// Other processes (the CLI's `find`, `runs`) may read the file while a sync writes: WAL readers
// do not block the writer, and a second writer waits for the first (BEGIN IMMEDIATE).
#pragma once

#include <memory>
#include <string>

#include "sinks/store/sql_store.h"

namespace sfsync {
namespace store {
class WalCheckpointer;
}

using SqliteStoreOptions = StoreOptions;

class SqliteStore final : public SqlStore {
 public:
  // Creates the file and schema when missing.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, Options options = {});
  ~SqliteStore() override;

  // A flock(2) on a file beside the store (sync_lock.h).
  Result<std::unique_ptr<RunLease>> lease_sync(const std::string& sync_id) override;

 private:
  SqliteStore(std::unique_ptr<store::StoreDb> db, Options options, std::string path);
  std::string path_;
  // Destroyed before SqlStore's database: the checkpointer stops before the file closes.
  std::unique_ptr<store::WalCheckpointer> checkpointer_;
};

}  // namespace sfsync
