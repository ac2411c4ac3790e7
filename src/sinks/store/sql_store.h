// SqlStore: the CustomerStore written once in SQL against StoreDb (store_db.h), for the engines
// it runs on: SqliteStore (sqlite_store.h, the embedded default) and PostgresStore
// (postgres_store.h, a server several workers share). One transaction per page; prepared
// statements cached by the engine.
//
// Concurrency: calls are serialized by a mutex; each engine also keeps other processes from
// writing at the same time (StoreDb::begin) while readers (the CLI's `find`, `runs`) go on.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "sinks/store/customer_store.h"
#include "sinks/store/secret_cipher.h"
#include "sinks/store/store_db.h"

namespace sfsync {
namespace store {
class IdentifierBuffer;
struct NewIdentifierPlan;
class StoreDb;
}

struct StoreOptions {
  std::shared_ptr<const SecretCipher> cipher;  // null: put_secret/get_secret fail with bad_config
  // A first load buffers new identifiers (identifier_buffer.h) once the store holds more profiles
  // than this; below, it inserts them first. bench/pull with one email per person: inserting
  // first all the way gave 64k records/s at 1M (146 MB) against 56k buffering past 200k (175 MB);
  // at 3M, buffering past 1M gave 47.1k, past 200k 46.2k, never 44.9k. Tests lower it. The config
  // key of the same name (StoreConfig, docs/config.md) sets it; a test keeps the two defaults equal.
  int64_t identifier_buffer_above_profiles = 1000000;
};

class SqlStore : public CustomerStore {
 public:
  using Options = StoreOptions;
  ~SqlStore() override;

  Result<ApplyStats> apply_page(const std::string& sync_id, int64_t execution_id,
                                const std::vector<MappedRecord>& records, const Checkpoint& checkpoint,
                                const ApplyOptions& options) override;

  Result<std::vector<std::string>> linked_record_ids(const std::string& sync_id, const std::string& after,
                                                     const std::string& upto, int limit) override;
  Result<std::vector<std::string>> linked_among(const std::string& sync_id,
                                                const std::vector<std::string>& record_ids) override;
  Result<void> begin_full_pass(const std::string& sync_id) override;
  Result<std::vector<std::string>> unseen_linked_ids(const std::string& sync_id, const std::string& after,
                                                     int limit) override;
  Result<std::optional<SyncState>> read_sync_state(const std::string& sync_id) override;
  Result<void> reset_sync_state(const std::string& sync_id) override;

  Result<int64_t> begin_execution(const std::string& sync_id, ExecutionKind kind) override;
  Result<void> finish_execution(int64_t execution_id, ExecutionStatus status, const std::string& reason,
                                const ExecutionCounts& counts, const std::string& detail_json) override;
  Result<void> add_record_errors(int64_t execution_id, const std::vector<RecordError>& errors) override;
  Result<std::vector<Execution>> list_executions(const std::string& sync_id, int limit) override;
  Result<std::optional<Execution>> get_execution(int64_t execution_id) override;
  Result<std::vector<RecordError>> execution_errors(int64_t execution_id, int limit) override;

  Result<std::optional<ProfileView>> find_profile(const Identifier& identifier, int last_events) override;
  Result<std::optional<ProfileView>> find_profile_by_id(int64_t profile_id, int last_events) override;
  Result<std::optional<int64_t>> profile_of_record(const std::string& sync_id, const std::string& record_id) override;
  Result<StoreCounts> counts() override;
  Result<std::string> canonical_dump() override;

  Result<std::vector<OutboxEntry>> pending_outbox(int limit) override;
  Result<void> mark_outbox_delivered(const std::vector<int64_t>& ids) override;

  Result<void> put_secret(const std::string& name, const std::string& plaintext) override;
  Result<std::optional<std::string>> get_secret(const std::string& name) override;
  Result<bool> delete_secret(const std::string& name) override;

 protected:
  // `db` holds the schema already (the engine's open() made sure of it).
  SqlStore(std::unique_ptr<store::StoreDb> db, Options options);

 private:
  // Runs `body` under the mutex and turns a StoreFailure into an Error.
  template <typename T, typename F>
  Result<T> guarded(F&& body);
  std::optional<ProfileView> load_profile(int64_t profile_id, int last_events);  // store_queries.cpp

  std::mutex mu_;
  std::unique_ptr<store::StoreDb> db_;
  Options options_;
  store::NewIdentifierPlan new_identifier_plan();
  bool mostly_new_identities_ = false;  // the last page created more profiles than it found
  std::unique_ptr<store::IdentifierBuffer> identifier_buffer_;  // a first load's new identifiers
};

}  // namespace sfsync
