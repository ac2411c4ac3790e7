// Row-level helpers shared by the identity resolver and the page writer (internal).
// Every function runs inside the caller's transaction and throws StoreFailure on errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sinks/store/attribute_doc.h"

namespace sfsync::store {

class IdentifierBuffer;
class StoreDb;

AttributeDoc load_profile_attributes(StoreDb& db, int64_t profile_id);

// A stored object or relationship row: its attribute document and deletion mark.
struct StoredRow {
  std::string attributes;
  std::optional<int64_t> deleted_ms;
};

struct RelationshipWrite {
  bool changed = false;              // anything but attribute times changed
  std::optional<StoredRow> written;  // the row as written; none when nothing needed writing
};

// Upserts relationship (profile, object) merging attributes last-write-wins. The row is live
// afterwards unless both the stored row and the incoming one are deleted (`incoming_deleted_ms`,
// used when a merge moves a deleted relationship). `changed` is true when anything but attribute
// times changed (those are stored too, for last-write-wins, without moving updated_ms).
// `stored`: the row as the caller knows it (PageRows), nullopt to read it.
RelationshipWrite upsert_relationship(StoreDb& db, int64_t profile_id, const std::string& object_type,
                                      const std::string& object_id, const AttributeDoc& incoming,
                                      std::optional<int64_t> incoming_deleted_ms, int64_t now_ms,
                                      std::optional<std::optional<StoredRow>> stored = std::nullopt);

// Deletes a profile with its identifiers (buffered ones too), relationships and the links to it.
// Events stay.
void remove_profile(StoreDb& db, IdentifierBuffer& buffer, int64_t profile_id);

}  // namespace sfsync::store
