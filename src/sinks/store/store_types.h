// Plain data the CustomerStore interface takes and returns (no behaviour here).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/value.h"
#include "mapping/mutation.h"

namespace sfsync {

struct ApplyOptions {
  bool emit_hooks = true;          // false (`skip_hook`): no outbox rows for this page
  std::string config_fingerprint;  // stored with the checkpoint; see SyncState
  // A tracked full pass (begin_full_pass): the ids of every record the page read, kept in the
  // page's transaction.
  const std::vector<std::string>* seen_record_ids = nullptr;
};

// What one apply_page did (the runner adds these up into the execution's counts).
struct ApplyStats {
  int64_t records = 0;               // MappedRecords in the page
  int64_t records_skipped = 0;       // records with a skipping issue and no mutation
  int64_t profiles_created = 0;
  int64_t profiles_updated = 0;      // existing profile changed (attribute, identifier, revived)
  int64_t profiles_unchanged = 0;    // upsert that changed nothing (a re-read)
  int64_t profiles_merged = 0;       // profiles merged away into a survivor
  int64_t events_inserted = 0;
  int64_t events_duplicate = 0;      // dedup key already stored
  int64_t events_unchanged = 0;      // event.when_changed: the watched field did not move (to changed_to)
  int64_t objects_upserted = 0;
  int64_t relationships_upserted = 0;
  int64_t deletions = 0;             // products marked or removed
  int64_t outbox_rows = 0;
};

// sync_state: the source's opaque checkpoint plus the fingerprint of the config that produced it;
// a sync whose current fingerprint differs (e.g. another Data Extension key) resets its state.
struct SyncState {
  std::string checkpoint;
  std::string fingerprint;
  int64_t updated_ms = 0;
};

enum class ExecutionKind { Pull, Push };
enum class ExecutionStatus { Running, Ok, Partial, Failed };
std::string_view execution_kind_name(ExecutionKind k);      // "pull" | "push"
std::string_view execution_status_name(ExecutionStatus s);  // "running" | "ok" | "partial" | "failed"

struct ExecutionCounts {
  int64_t read = 0;
  int64_t written = 0;
  int64_t skipped = 0;
  int64_t failed = 0;
  int64_t api_calls = 0;
  int64_t rechecked = 0;  // records read again from before the last cursor (not in `read`; skips are)
  std::map<std::string, int64_t> skipped_by_reason;  // code -> count ("no_valid_identifier": 3)
};

struct Execution {
  int64_t id = 0;
  std::string sync_id;
  ExecutionKind kind = ExecutionKind::Pull;
  int64_t started_ms = 0;
  std::optional<int64_t> ended_ms;
  ExecutionStatus status = ExecutionStatus::Running;
  std::string reason;       // why failed/partial, one line
  ExecutionCounts counts;
  std::string detail_json;  // free JSON object (per-run extras: API usage, timings, ...)
};

struct RecordError {
  std::string record_id;
  std::string code;
  std::string message;
  bool skipped = true;  // the record was skipped (else: it landed with something dropped, or failed)
};

struct StoredAttribute {
  std::string name;
  Value value;
  int64_t source_ts_ms = 0;
  std::string source_sync;
};

struct StoredRelationship {
  std::string object_type;
  std::string object_id;
  std::vector<StoredAttribute> attributes;
  std::optional<int64_t> deleted_ms;
};

struct StoredEvent {
  int64_t id = 0;
  std::string name;
  int64_t timestamp_ms = 0;
  std::string parameters_json;
  std::string dedup_key;
  std::string source_sync;
  std::string source_record;
};

struct ProfileView {
  int64_t id = 0;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  std::optional<int64_t> deleted_ms;
  std::vector<Identifier> identifiers;         // sorted by (type, value)
  std::vector<StoredAttribute> attributes;     // sorted by name
  std::vector<StoredRelationship> relationships;
  std::vector<StoredEvent> recent_events;      // newest first
};

struct StoreCounts {
  int64_t profiles = 0;          // live (not marked deleted)
  int64_t deleted_profiles = 0;  // marked deleted
  int64_t identifiers = 0;
  int64_t events = 0;
  int64_t objects = 0;           // live
  int64_t relationships = 0;     // live
  int64_t merges = 0;
};

// A sync's run lease (CustomerStore::lease_sync): held while the object lives.
class RunLease {
 public:
  virtual ~RunLease() = default;
};

struct OutboxEntry {
  int64_t id = 0;
  std::string kind;     // "profile" | "event" | "object" | "deletion"
  std::string payload;  // JSON object
  int64_t created_ms = 0;
};

}  // namespace sfsync
