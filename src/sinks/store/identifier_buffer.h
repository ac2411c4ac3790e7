// IdentifierBuffer: the new identifiers of a first load, held back from the `identifiers` index
// and moved into it in key order, many at a time (a write buffer in front of a B-tree, as in an
// LSM tree). Internal to SqliteStore.
//
// WHY: an email is a random key. Inserted one record at a time it dirties its own leaf of an
// index far larger than the page cache, and every page commit writes each leaf it dirtied, whole,
// to the WAL: bench/pull measured 17 of the writer's 28 us per record at 1M Contacts on the email
// key and the repeated people it finds. Sorted and inserted a few hundred thousand at a time, each
// leaf is written about once per flush instead of once per record.
//
// Durability: a buffered identifier is appended to `pending_identifiers` (a rowid table without
// secondary indexes: appends are cheap) in the same transaction as the page that produced it, so
// the page's checkpoint never covers an identifier that is not on disk. In memory the buffer keeps
// each pending row's id twice: by a hash of its key (a lookup reads the row back and compares type
// and value) and by its profile (merges and removals rewrite exactly those rows).
//
// Several writers (another process, or this one after a crash or a rollback) may share the store
// file: each transaction starts with `sync_with_disk`, which moves every pending row into
// `identifiers` when the table is not what this buffer left there (AUTOINCREMENT row ids are never
// reused, so the largest one identifies that state). So the memory always describes every pending
// row. Readers that look identifiers up (find, counts, dumps) read both tables; a completed run
// leaves `pending_identifiers` empty.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>

#include "mapping/mutation.h"

namespace sfsync::store {

class StoreDb;

class IdentifierBuffer {
 public:
  // `capacity`: how many identifiers to buffer before a flush (memory: ~80 bytes each).
  explicit IdentifierBuffer(size_t capacity) : capacity_(capacity) {}

  // First thing in every write transaction: if pending rows were written by someone else (or
  // the buffer lost track after a rollback), flushes them all.
  void sync_with_disk(StoreDb& db);
  // The profile a buffered identifier points to, or nothing when it is not buffered.
  std::optional<int64_t> find(StoreDb& db, const Identifier& id) const;
  // Buffers a new identifier (the caller checked it is in neither table).
  void add(StoreDb& db, const Identifier& id, int64_t profile_id);
  // A merge: `merged`'s buffered identifiers now belong to `survivor`.
  void move_profile(StoreDb& db, int64_t merged, int64_t survivor);
  // The profile is removed: so are its buffered identifiers.
  void remove_profile(StoreDb& db, int64_t profile_id);
  // Moves every pending identifier into `identifiers`, in key order, and empties the buffer.
  void flush(StoreDb& db);
  bool full() const { return by_key_.size() >= capacity_; }
  // The transaction rolled back: what was added in it is gone from disk; flush at the next start.
  void forget() { lost_track_ = true; }

 private:
  size_t capacity_;
  std::unordered_multimap<uint64_t, int64_t> by_key_;     // hash(type, value) -> pending row id
  std::unordered_multimap<int64_t, int64_t> by_profile_;  // profile id -> pending row id
  int64_t last_rowid_ = 0;  // largest pending row id this buffer wrote; 0: none
  bool lost_track_ = false;
};

}  // namespace sfsync::store
