// DataExtensionStore: Marketing Cloud Data Extensions (definitions in memory, rows in SQLite, so a
// 250k-row DE costs disk, not RAM).
//
// Layout: one table "de_<n>" per Data Extension, column "c<i>" for field i of the definition
// (storage per de_value.h; text columns COLLATE NOCASE, as the platform compares text), plus
// "_row" INTEGER PRIMARY KEY giving insertion order (the default rowset order). Primary-key fields
// get a UNIQUE index (upserts), a ModifiedDate column gets an index (incremental reads).
//
// Thread-safe: one connection under a mutex. Definitions never move once created, so the
// pointers handed out stay valid for the store's lifetime.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "emulator/sfmc/data_extension.h"
#include "emulator/sfmc/de_value.h"
#include "emulator/sfmc/rowset_filter.h"

namespace emu {

// A row as a client writes it: field name (any case) -> text ("" = null).
using DeRowValues = std::vector<std::pair<std::string, std::string>>;
using DeRow = std::vector<DeCell>;  // cells in field order

class DataExtensionStore {
 public:
  // `path` "" = a private temporary database SQLite deletes when the store closes.
  static sfsync::Result<std::unique_ptr<DataExtensionStore>> open(const std::string& path = "");
  ~DataExtensionStore();

  // Adds a Data Extension (error "duplicate" when the key exists, "bad_config" when it has no fields).
  sfsync::Result<const DataExtensionDef*> create(DataExtensionDef def);
  const DataExtensionDef* find(std::string_view key) const;  // by external key, case-insensitive
  const DataExtensionDef* find_by_id(std::string_view id) const;
  std::vector<const DataExtensionDef*> list() const;

  // Inserts or updates one row, matched on the primary key (always an insert without one). Fields
  // not given keep their value (null on insert). When the DE has a Date field named ModifiedDate
  // that is not given, it is set to `now_ms` — the test/admin stand-in for an app touching the row.
  // Errors: "not_found" (key), "bad_value" (unknown field or bad value).
  sfsync::Result<void> upsert_row(std::string_view key, const DeRowValues& values, int64_t now_ms);

  // One row of the async rows API (async_rows.h), checked as the platform does: every primary-key
  // field given (a DE with a key), a new row has every non-nullable field, text fits the field's
  // length, an EmailAddress looks like one; Insert refuses a key that exists. Error codes
  // "not_found" (DE), "bad_value" (the message says why, in the platform's words where known).
  enum class WriteMode { Insert, Upsert };
  sfsync::Result<void> write_row(std::string_view key, const DeRowValues& values, WriteMode mode);
  // Appends typed rows (cells in field order) in one transaction; the generator's path.
  sfsync::Result<void> insert_rows(const DataExtensionDef& de, const std::vector<DeRow>& rows);
  // Removes every row of the DE matching the primary-key values in `values`.
  sfsync::Result<int64_t> delete_row(std::string_view key, const DeRowValues& values);

  sfsync::Result<int64_t> count(const DataExtensionDef& de, const SqlWhere& where);
  // Rows matching `where`, ordered by `order_sql` (compile_rowset_order) then insertion order.
  sfsync::Result<std::vector<DeRow>> read_page(const DataExtensionDef& de, const SqlWhere& where,
                                               const std::string& order_sql, int64_t offset, int64_t limit);

 private:
  explicit DataExtensionStore(sqlite3* db) : db_(db) {}
  sfsync::Result<void> exec(const std::string& sql);
  std::string table_of(const DataExtensionDef& de) const;
  bool row_exists(const DataExtensionDef& de, const std::vector<std::pair<int, DeCell>>& cells);
  // INSERT, or with `upsert` INSERT ... ON CONFLICT(primary key) DO UPDATE. A key that exists on
  // a plain insert is Error{"duplicate"}.
  sfsync::Result<void> store_cells(const DataExtensionDef& de, const std::vector<std::pair<int, DeCell>>& cells,
                                   bool upsert);

  mutable std::mutex mu_;
  sqlite3* db_;
  std::vector<std::unique_ptr<DataExtensionDef>> defs_;
};

}  // namespace emu
