#include "sinks/store/sqlite_store.h"

#include "sinks/store/sqlite_db.h"
#include "sinks/store/store_schema.h"
#include "sinks/store/wal_checkpointer.h"

namespace sfsync {

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, Options options) {
  try {
    std::unique_ptr<store::SqliteDb> db = store::SqliteDb::open(path);
    store::ensure_schema(*db);
    std::unique_ptr<SqliteStore> s(new SqliteStore(std::move(db), std::move(options)));
    s->checkpointer_ = std::make_unique<store::WalCheckpointer>(path);
    return s;
  } catch (const store::StoreFailure& e) {
    return make_error(e.code, e.what());
  }
}

}  // namespace sfsync
