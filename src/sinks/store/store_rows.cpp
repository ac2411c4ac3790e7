#include "sinks/store/store_rows.h"

#include "sinks/store/identifier_buffer.h"
#include "sinks/store/store_db.h"

namespace sfsync::store {

AttributeDoc load_profile_attributes(StoreDb& db, int64_t profile_id) {
  auto q = db.statement("SELECT attributes FROM profiles WHERE id = ?1");
  q.bind(1, profile_id);
  if (!q.next()) throw StoreFailure("corrupt", "store: profile " + std::to_string(profile_id) + " vanished");
  return AttributeDoc::parse(q.text(0));
}

namespace {

std::optional<StoredRow> read_relationship(StoreDb& db, int64_t profile_id, const std::string& object_type,
                                           const std::string& object_id) {
  auto q = db.statement(
      "SELECT attributes, deleted_ms FROM relationships WHERE profile_id = ?1 AND object_type = ?2 AND object_id = ?3");
  q.bind(1, profile_id).bind(2, object_type).bind(3, object_id);
  if (!q.next()) return std::nullopt;
  StoredRow row{q.string(0), std::nullopt};
  if (!q.is_null(1)) row.deleted_ms = q.int64(1);
  return row;
}

}  // namespace

RelationshipWrite upsert_relationship(StoreDb& db, int64_t profile_id, const std::string& object_type,
                                      const std::string& object_id, const AttributeDoc& incoming,
                                      std::optional<int64_t> incoming_deleted_ms, int64_t now_ms,
                                      std::optional<std::optional<StoredRow>> stored) {
  if (!stored) stored = read_relationship(db, profile_id, object_type, object_id);
  const bool exists = stored->has_value();
  AttributeDoc doc;
  std::optional<int64_t> stored_deleted_ms;
  if (exists) {
    doc = AttributeDoc::parse((*stored)->attributes);
    stored_deleted_ms = (*stored)->deleted_ms;
  }
  AttributeDoc::MergeEffect merged = doc.merge_from(incoming);
  std::optional<int64_t> deleted_ms;
  if (incoming_deleted_ms && (stored_deleted_ms || !exists)) {
    deleted_ms = std::max(*incoming_deleted_ms, stored_deleted_ms.value_or(0));
  }
  // updated_ms moves when something a reader sees changed, not when only attribute times did.
  RelationshipWrite result;
  result.changed = !exists || merged.values_changed() || deleted_ms != stored_deleted_ms;
  if (!result.changed && !merged.rewrite) return result;
  auto w = db.statement(
      "INSERT INTO relationships(profile_id, object_type, object_id, attributes, updated_ms, deleted_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(profile_id, object_type, object_id) DO UPDATE SET "
      "attributes = excluded.attributes, updated_ms = CASE WHEN ?7 THEN excluded.updated_ms ELSE relationships.updated_ms END, "
      "deleted_ms = excluded.deleted_ms");
  result.written = StoredRow{doc.to_json(), deleted_ms};
  const std::string& json = result.written->attributes;
  w.bind(1, profile_id).bind(2, object_type).bind(3, object_id).bind(4, json).bind(5, now_ms)
      .bind(7, int64_t{result.changed});
  if (deleted_ms) w.bind(6, *deleted_ms); else w.bind_null(6);
  w.send();
  return result;
}

void remove_profile(StoreDb& db, IdentifierBuffer& buffer, int64_t profile_id) {
  db.statement("DELETE FROM identifiers WHERE profile_id = ?1").bind(1, profile_id).send();
  buffer.remove_profile(db, profile_id);
  db.statement("DELETE FROM relationships WHERE profile_id = ?1").bind(1, profile_id).send();
  db.statement("DELETE FROM record_links WHERE profile_id = ?1").bind(1, profile_id).send();
  db.statement("DELETE FROM profiles WHERE id = ?1").bind(1, profile_id).run();  // run: release() reads changes()
}

}  // namespace sfsync::store
