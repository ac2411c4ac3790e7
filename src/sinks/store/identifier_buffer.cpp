#include "sinks/store/identifier_buffer.h"

#include <functional>
#include <string_view>
#include <vector>

#include "sinks/store/store_db.h"

namespace sfsync::store {
namespace {

// Collisions are harmless (find reads the row back and compares), so any decent 64-bit hash does.
uint64_t key_hash(std::string_view type, std::string_view value) {
  uint64_t t = std::hash<std::string_view>{}(type);
  uint64_t v = std::hash<std::string_view>{}(value);
  return v ^ (t + 0x9e3779b97f4a7c15ULL + (v << 6) + (v >> 2));
}

int64_t largest_pending_rowid(StoreDb& db) {
  auto q = db.statement("SELECT coalesce(max(id), 0) FROM pending_identifiers");
  return q.next() ? q.int64(0) : 0;
}

}  // namespace

void IdentifierBuffer::sync_with_disk(StoreDb& db) {
  if (!lost_track_ && largest_pending_rowid(db) == last_rowid_) return;
  flush(db);
}

std::optional<int64_t> IdentifierBuffer::find(StoreDb& db, const Identifier& id) const {
  auto [begin, end] = by_key_.equal_range(key_hash(id.type, id.value));
  for (auto it = begin; it != end; ++it) {
    auto q = db.statement("SELECT type, value, profile_id FROM pending_identifiers WHERE id = ?1");
    q.bind(1, it->second);
    // A row removed with its profile is simply no longer there.
    if (q.next() && q.text(0) == id.type && q.text(1) == id.value) return q.int64(2);
  }
  return std::nullopt;
}

void IdentifierBuffer::add(StoreDb& db, const Identifier& id, int64_t profile_id) {
  {
    auto q = db.statement("INSERT INTO pending_identifiers(type, value, profile_id) VALUES (?1, ?2, ?3) RETURNING id");
    q.bind(1, id.type).bind(2, id.value).bind(3, profile_id);
    if (!q.next()) throw StoreFailure("internal", "store: no id for a pending identifier");
    last_rowid_ = q.int64(0);
  }
  by_key_.emplace(key_hash(id.type, id.value), last_rowid_);
  by_profile_.emplace(profile_id, last_rowid_);
}

void IdentifierBuffer::move_profile(StoreDb& db, int64_t merged, int64_t survivor) {
  auto [begin, end] = by_profile_.equal_range(merged);
  std::vector<int64_t> rows;
  for (auto it = begin; it != end; ++it) rows.push_back(it->second);
  by_profile_.erase(merged);
  for (int64_t row : rows) {
    db.statement("UPDATE pending_identifiers SET profile_id = ?2 WHERE id = ?1").bind(1, row).bind(2, survivor).run();
    by_profile_.emplace(survivor, row);
  }
}

void IdentifierBuffer::remove_profile(StoreDb& db, int64_t profile_id) {
  auto [begin, end] = by_profile_.equal_range(profile_id);
  for (auto it = begin; it != end; ++it) {
    db.statement("DELETE FROM pending_identifiers WHERE id = ?1").bind(1, it->second).run();
  }
  by_profile_.erase(profile_id);  // by_key_ entries now point at no row: find skips them
}

void IdentifierBuffer::flush(StoreDb& db) {
  // One INSERT per row, read in key order: one INSERT ... SELECT of this many rows would keep a
  // statement journal of every page it changes, in memory (temp_store=MEMORY): +90 MB at 1M.
  // No ON CONFLICT: an identifier in both tables would be a resolver bug, and must not pass silently.
  auto rows = db.statement("SELECT type, value, profile_id FROM pending_identifiers ORDER BY type, value");
  while (rows.next()) {
    db.statement("INSERT INTO identifiers(type, value, profile_id) VALUES (?1, ?2, ?3)")
        .bind(1, rows.text(0)).bind(2, rows.text(1)).bind(3, rows.int64(2)).run();
  }
  db.exec("DELETE FROM pending_identifiers");
  by_key_.clear();
  by_profile_.clear();
  last_rowid_ = 0;
  lost_track_ = false;
}

}  // namespace sfsync::store
