// CustomerStore: the sink of pull syncs — profiles, identifiers, attributes, events, objects,
// relationships — plus the bookkeeping every sync needs (checkpoints, executions, record errors,
// hook outbox, encrypted secrets).
//
// SQLite (sqlite_store.h) is the embedded default; a PostgreSQL store will implement the same
// interface. The contract an implementation must keep (design.md §2, §4):
//  - apply_page() writes a page's mutations, its record issues and its checkpoint in ONE
//    transaction: after a crash either all of it is there or none of it is.
//  - Re-applying a page changes nothing (upserts are idempotent by identifier, events are unique by
//    dedup key, attributes are last-write-wins by source timestamp so an old version never wins).
//  - Identity resolution: identifiers pointing to several profiles merge them into the oldest one;
//    the same set of upserts in any order gives the same store (canonical_dump() compares).
// Methods are safe to call from several threads (each implementation serializes them).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "mapping/mutation.h"
#include "sinks/store/store_types.h"
#include "sources/record.h"

namespace sfsync {

class CustomerStore {
 public:
  virtual ~CustomerStore() = default;

  // --- The pull sink ---
  // Applies every mutation of `records`, stores their issues as record errors of `execution_id`,
  // and sets the sync's checkpoint (with options.config_fingerprint), all in one transaction.
  // An invalid mutation (no identifier, no dedup key, ...) fails the whole page: nothing is written.
  virtual Result<ApplyStats> apply_page(const std::string& sync_id, int64_t execution_id,
                                        const std::vector<MappedRecord>& records, const Checkpoint& checkpoint,
                                        const ApplyOptions& options) = 0;

  // The Ids of the source records `sync_id` has products of (record links) in the range
  // (after, upto] — to the end when `upto` is empty — ascending by byte order, at most `limit`.
  // A full read in Id order asks for each page's range to find records deleted in the source.
  virtual Result<std::vector<std::string>> linked_record_ids(const std::string& sync_id, const std::string& after,
                                                             const std::string& upto, int limit) = 0;
  // Those of `record_ids` that `sync_id` has products of, in their order: an incremental read asks
  // which of the records Salesforce's delete log lists still need their deletion applied.
  virtual Result<std::vector<std::string>> linked_among(const std::string& sync_id,
                                                        const std::vector<std::string>& record_ids) = 0;

  // A full pass over a source that cannot list its records in the store's order (a Data
  // Extension) finds the records deleted since the last pass by elimination: begin_full_pass
  // forgets what an earlier pass read, each page of the pass adds its record ids
  // (ApplyOptions::seen_record_ids) in its own transaction, and once the pass has read everything,
  // unseen_linked_ids lists the linked records it did not read — ascending, after `after`, at most
  // `limit` — which left the source.
  virtual Result<void> begin_full_pass(const std::string& sync_id) = 0;
  virtual Result<std::vector<std::string>> unseen_linked_ids(const std::string& sync_id, const std::string& after,
                                                             int limit) = 0;

  // --- Run leases ---
  // One run of a sync at a time, across processes and, on a shared PostgreSQL store, across
  // machines: a cron job, two daemons and a person at a terminal may all start the same sync. Two
  // runs would not lose data (pages are idempotent), but the second would close the first's live
  // execution as "interrupted" and their checkpoints would race. Held until the lease is destroyed,
  // and released by the system when the process dies however it dies. Error "busy" (naming the
  // holder when known) when another run holds it.
  virtual Result<std::unique_ptr<RunLease>> lease_sync(const std::string& sync_id) = 0;

  // --- sync_state ---
  virtual Result<std::optional<SyncState>> read_sync_state(const std::string& sync_id) = 0;
  // Forgets the checkpoint (`--full`, or a config whose fingerprint changed): the next run starts over.
  virtual Result<void> reset_sync_state(const std::string& sync_id) = 0;

  // --- Executions (pull and push runs) ---
  virtual Result<int64_t> begin_execution(const std::string& sync_id, ExecutionKind kind) = 0;
  virtual Result<void> finish_execution(int64_t execution_id, ExecutionStatus status, const std::string& reason,
                                        const ExecutionCounts& counts, const std::string& detail_json = "{}") = 0;
  virtual Result<void> add_record_errors(int64_t execution_id, const std::vector<RecordError>& errors) = 0;
  // Newest first; sync_id empty = all syncs.
  virtual Result<std::vector<Execution>> list_executions(const std::string& sync_id, int limit) = 0;
  virtual Result<std::optional<Execution>> get_execution(int64_t execution_id) = 0;
  virtual Result<std::vector<RecordError>> execution_errors(int64_t execution_id, int limit) = 0;

  // --- Queries (CLI `find`, demo) ---
  virtual Result<std::optional<ProfileView>> find_profile(const Identifier& identifier, int last_events = 10) = 0;
  virtual Result<std::optional<ProfileView>> find_profile_by_id(int64_t profile_id, int last_events = 10) = 0;
  // The profile a source record made or relates to (record links), if any.
  virtual Result<std::optional<int64_t>> profile_of_record(const std::string& sync_id, const std::string& record_id) = 0;
  virtual Result<StoreCounts> counts() = 0;
  // The store's content without its surrogate ids, sorted, one fact per line: profiles are named
  // by their smallest identifier. Two stores that hold the same data dump the same text (tests,
  // crash-recovery checks).
  virtual Result<std::string> canonical_dump() = 0;

  // --- Hook outbox ---
  virtual Result<std::vector<OutboxEntry>> pending_outbox(int limit) = 0;
  virtual Result<void> mark_outbox_delivered(const std::vector<int64_t>& ids) = 0;

  // --- Secrets (OAuth refresh tokens), encrypted at rest ---
  virtual Result<void> put_secret(const std::string& name, const std::string& plaintext) = 0;
  virtual Result<std::optional<std::string>> get_secret(const std::string& name) = 0;
  // Forgets a secret; true when there was one.
  virtual Result<bool> delete_secret(const std::string& name) = 0;
};

}  // namespace sfsync
