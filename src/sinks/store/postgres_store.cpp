#include "sinks/store/postgres_store.h"

#include "sinks/store/postgres_db.h"
#include "sinks/store/postgres_schema.h"

namespace sfsync {

PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& url, Options options) {
  try {
    std::unique_ptr<store::PostgresDb> db = store::PostgresDb::open(url);
    store::ensure_postgres_schema(*db);
    return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(db), std::move(options), url));
  } catch (const store::StoreFailure& e) {
    return make_error(e.code, e.what());
  }
}

namespace {

// The lease's connection; closing it (destruction, or the process dying) releases the lock.
struct AdvisoryLease final : RunLease {
  explicit AdvisoryLease(std::unique_ptr<store::PostgresDb> db) : db(std::move(db)) {}
  std::unique_ptr<store::PostgresDb> db;
};

// Sync leases use the two-key form of the advisory lock: a fixed class (the ASCII of "sfsy") and
// a hash of the sync's name, apart from the page lock's single 64-bit key (postgres_db.cpp).
constexpr const char* kTryLease = "SELECT pg_try_advisory_lock(1936094073, hashtext(?1))";
constexpr const char* kLeaseHolder =
    "SELECT coalesce(host(a.client_addr), 'local') || ' pid ' || a.pid FROM pg_locks l "
    "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.classid = 1936094073 "
    "AND l.objid = hashtext(?1)::oid AND l.granted LIMIT 1";

}  // namespace

Result<std::unique_ptr<RunLease>> PostgresStore::lease_sync(const std::string& sync_id) {
  try {
    std::unique_ptr<store::PostgresDb> db = store::PostgresDb::open(url_);
    bool taken = false;
    {
      auto q = db->statement(kTryLease);
      taken = q.bind(1, sync_id).next() && q.int64(0) == 1;
    }
    if (taken) return std::unique_ptr<RunLease>(std::make_unique<AdvisoryLease>(std::move(db)));
    std::string holder;
    {
      auto q = db->statement(kLeaseHolder);
      if (q.bind(1, sync_id).next()) holder = q.string(0);
    }
    return make_error("busy", "sync \"" + sync_id + "\" is already running (" +
                                  (holder.empty() ? std::string("another worker of this store") : "connection from " + holder) +
                                  "); this run is skipped, the running one carries on");
  } catch (const store::StoreFailure& e) {
    return make_error(e.code, e.what());
  }
}

}  // namespace sfsync
