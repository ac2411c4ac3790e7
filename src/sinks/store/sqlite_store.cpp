#include "sinks/store/sqlite_store.h"

#include "sinks/store/sqlite_db.h"
#include "sinks/store/store_schema.h"
#include "sinks/store/sync_lock.h"
#include "sinks/store/wal_checkpointer.h"

namespace sfsync {

SqliteStore::SqliteStore(std::unique_ptr<store::StoreDb> db, Options options, std::string path)
    : SqlStore(std::move(db), std::move(options)), path_(std::move(path)) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, Options options) {
  try {
    std::unique_ptr<store::SqliteDb> db = store::SqliteDb::open(path);
    store::ensure_schema(*db);
    std::unique_ptr<SqliteStore> s(new SqliteStore(std::move(db), std::move(options), path));
    s->checkpointer_ = std::make_unique<store::WalCheckpointer>(path);
    return s;
  } catch (const store::StoreFailure& e) {
    return make_error(e.code, e.what());
  }
}

namespace {
struct FileLease final : RunLease {
  explicit FileLease(SyncLock lock) : lock(std::move(lock)) {}
  SyncLock lock;
};
}  // namespace

Result<std::unique_ptr<RunLease>> SqliteStore::lease_sync(const std::string& sync_id) {
  auto lock = SyncLock::acquire(path_, sync_id);
  if (!lock) return lock.error();
  return std::unique_ptr<RunLease>(std::make_unique<FileLease>(std::move(lock.value())));
}

}  // namespace sfsync
