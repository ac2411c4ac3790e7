// OrgStore: the org's records in SQLite, one table per object, laid out from the Catalog.
//
// Layout (the SOQL compiler relies on it):
//   table  "sobj_<ObjectName>"   (ObjectSchema::table())
//   column "<FieldName>"         (FieldSchema::column()), one per stored field; compound fields
//                                 (Address/Location) have no column, only their components.
//   storage by FieldType (storage_class()): DateTime -> INTEGER epoch ms; Date -> TEXT YYYY-MM-DD;
//   Boolean -> INTEGER 0/1; Int -> INTEGER; Double/Currency/Percent -> REAL; everything else TEXT.
//   Text columns other than Id/Reference are COLLATE NOCASE: SOQL compares text case-insensitively.
//   Every object has Id (TEXT UNIQUE), IsDeleted, CreatedDate, LastModifiedDate, SystemModstamp
//   (and CreatedById/LastModifiedById); index on (SystemModstamp, Id).
//
// Writes go through one connection under a mutex; each write moves LastModifiedDate and
// SystemModstamp like Salesforce does (soft delete sets IsDeleted = 1 and moves SystemModstamp).
// Reads for query cursors use their own connections (ReadSnapshot), which in WAL mode see a
// consistent snapshot while writes continue — like a Salesforce query locator.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>  // std::recursive_mutex
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/result.h"
#include "emulator/org/schema.h"

namespace emu {

using sfsync::Result;

// A value as stored: null, bool, integer (also epoch ms for DateTime), double, text (also dates).
using FieldValue = std::variant<std::monostate, bool, int64_t, double, std::string>;

struct FieldAssignment {
  const FieldSchema* field;
  FieldValue value;
};

// One record's stored fields, by field name (Describe case).
struct StoredRecord {
  std::string id;
  std::vector<std::pair<const FieldSchema*, FieldValue>> values;
  const FieldValue* get(std::string_view field_name) const;
};

// A read connection holding an open read transaction (a snapshot). Not thread-safe; one user at a time.
class ReadSnapshot {
 public:
  ~ReadSnapshot();
  sqlite3* db() const { return db_; }

 private:
  friend class OrgStore;
  explicit ReadSnapshot(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

class OrgStore {
 public:
  // Opens (creating when needed) the store at `path` ("" = a fresh temporary file) and creates
  // one table per Catalog object. The catalog must outlive the store.
  static Result<std::unique_ptr<OrgStore>> open(const std::string& path, const Catalog& catalog);
  ~OrgStore();

  const Catalog& catalog() const { return catalog_; }
  const std::string& path() const { return path_; }

  // All writes inside `fn` run in one transaction on the writer connection; an error rolls back.
  Result<void> transaction(const std::function<Result<void>()>& fn);

  // Next id for the object (persistent counter; ids sort by creation order).
  std::string new_id(const ObjectSchema& object);

  // Inserts a record; system fields (Id, IsDeleted, CreatedDate, LastModifiedDate, SystemModstamp,
  // CreatedById, LastModifiedById, OwnerId default) are filled when absent. Returns the new Id.
  Result<std::string> insert(const ObjectSchema& object, const std::vector<FieldAssignment>& values,
                             int64_t stamp_ms);
  // Updates the given fields and moves LastModifiedDate/SystemModstamp to stamp_ms.
  // Error code NOT_FOUND when no live record has that id.
  Result<void> update(const ObjectSchema& object, const std::string& id,
                      const std::vector<FieldAssignment>& values, int64_t stamp_ms);
  // Soft delete (recycle bin): IsDeleted = 1, SystemModstamp moves, and an entry in the delete log
  // (table delete_log: object, id, deleted_ms), which getDeleted reads. NOT_FOUND / ENTITY_IS_DELETED.
  Result<void> remove(const ObjectSchema& object, const std::string& id, int64_t stamp_ms);
  // Restores a soft-deleted record.
  Result<void> undelete(const ObjectSchema& object, const std::string& id, int64_t stamp_ms);
  // Empties a soft-deleted record out of the recycle bin (Salesforce does so after ~15 days, or on
  // emptyRecycleBin): no query, queryAll or undelete finds it again; its delete log entry stays.
  // NOT_FOUND unless recycled.
  Result<void> purge(const ObjectSchema& object, const std::string& id);
  // Sets SystemModstamp (and LastModifiedDate) of a record directly: tests make equal stamps with it.
  Result<void> set_stamp(const ObjectSchema& object, const std::string& id, int64_t stamp_ms);

  // Reads one record (all stored fields). Deleted ones only when include_deleted.
  std::optional<StoredRecord> get(const ObjectSchema& object, const std::string& id,
                                  bool include_deleted = false);
  // Ids of live records whose `field` equals `value` (external-id upsert, duplicate checks).
  std::vector<std::string> find_ids(const ObjectSchema& object, const FieldSchema& field,
                                    const FieldValue& value);
  int64_t count(const ObjectSchema& object, bool include_deleted = false);

  // A new read connection with an open snapshot, for query cursors and job results.
  Result<std::unique_ptr<ReadSnapshot>> snapshot();

  // The writer connection, for bulk loading by the generator. Hold writer_mutex() while using it
  // (recursive, so new_id() may be called while holding it).
  sqlite3* writer_db() { return db_; }
  std::recursive_mutex& writer_mutex() { return mutex_; }

  // The default user / owner id ("005..."), used for CreatedById and friends.
  const std::string& default_user_id() const { return default_user_id_; }

 private:
  OrgStore(const Catalog& catalog, std::string path, sqlite3* db, bool temporary);
  Result<void> create_schema();

  const Catalog& catalog_;
  std::string path_;
  sqlite3* db_;
  bool temporary_;
  std::recursive_mutex mutex_;  // recursive: insert() takes it and calls new_id(), which takes it too
  std::string default_user_id_;
};

// Binds a FieldValue to a statement parameter (1-based).
void bind_value(sqlite3_stmt* stmt, int index, const FieldValue& value);
// Reads column `col` as a FieldValue for the given field type.
FieldValue column_value(sqlite3_stmt* stmt, int col, FieldType type);

}  // namespace emu
