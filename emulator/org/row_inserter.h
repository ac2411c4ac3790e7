// RowInserter: a prepared INSERT of every stored column of one object, for bulk loads (the
// generator) that must not pay OrgStore::insert's per-record work. Fields are addressed by slot
// (looked up once by name) in a Row; unset slots are inserted as NULL.
//
// Callers run inside OrgStore::transaction (which holds the writer mutex) on store.writer_db().
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "emulator/org/org_store.h"

namespace emu {

// One row's values by slot, filled by a producer and consumed by RowInserter::insert, which
// clears it. Unset slots are inserted as NULL.
class Row {
 public:
  explicit Row(size_t slots = 0) : values_(slots), touched_(slots, 0) {}

  // slot -1 (a field the object does not have) is ignored.
  void set(int slot, FieldValue value) {
    if (slot < 0) return;
    auto i = static_cast<size_t>(slot);
    if (!touched_[i]) {
      touched_[i] = 1;
      touched_slots_.push_back(slot);
    }
    values_[i] = std::move(value);
  }
  // The value set for this row (monostate when unset or slot is -1).
  const FieldValue& get(int slot) const {
    static const FieldValue kNull;
    return slot >= 0 ? values_[static_cast<size_t>(slot)] : kNull;
  }
  bool is_set(int slot) const {
    return slot >= 0 && !std::holds_alternative<std::monostate>(values_[static_cast<size_t>(slot)]);
  }
  void clear();

 private:
  friend class RowInserter;
  std::vector<FieldValue> values_;
  // Bulk rows set a third of the columns: only those are bound and cleared.
  std::vector<char> touched_;
  std::vector<int> touched_slots_;
};

class RowInserter {
 public:
  static sfsync::Result<std::unique_ptr<RowInserter>> open(sqlite3* db, const ObjectSchema& object);
  ~RowInserter();

  const ObjectSchema& object() const { return object_; }
  // The slot of a stored field, or -1 when the object has no such stored field (Row::set ignores -1).
  int slot(std::string_view field_name) const;
  const FieldSchema* field_at(int slot) const { return fields_[static_cast<size_t>(slot)]; }
  int slot_count() const { return static_cast<int>(fields_.size()); }
  Row new_row() const { return Row(fields_.size()); }

  // Inserts the row and clears it.
  sfsync::Result<void> insert(Row& row);

 private:
  RowInserter(sqlite3* db, const ObjectSchema& object, sqlite3_stmt* stmt, std::vector<const FieldSchema*> fields);
  sqlite3* db_;
  const ObjectSchema& object_;
  sqlite3_stmt* stmt_;
  std::vector<const FieldSchema*> fields_;
  std::vector<int> bound_slots_;  // slots bound to a value by the previous row
};

// A block of `count` consecutive ids reserved from the store's id counter (table id_counters, the
// same counter OrgStore::new_id uses), so bulk-loaded ids sort by creation order like the rest.
struct IdBlock {
  std::string prefix;
  uint64_t first = 0;
  int64_t count = 0;
  std::string id(int64_t index) const;
};
sfsync::Result<IdBlock> reserve_ids(sqlite3* db, const ObjectSchema& object, int64_t count);

// While alive, the object's secondary indexes are dropped; the destructor (or restore()) recreates
// them. Building an index once after a bulk load is several times faster than updating it per row.
class IndexesSuspended {
 public:
  IndexesSuspended(sqlite3* db, const ObjectSchema& object);
  ~IndexesSuspended() { (void)restore(); }
  sfsync::Result<void> restore();

 private:
  sqlite3* db_;
  std::vector<std::string> create_sql_;
};

// Rows in the object's table (deleted ones included), for numbering auto-number fields.
int64_t row_count(sqlite3* db, const ObjectSchema& object);

}  // namespace emu
