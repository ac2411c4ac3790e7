#include "emulator/sfmc/data_extension_store.h"

namespace emu {
namespace {

using sfsync::make_error;

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) { rc_ = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() const { return stmt_; }

  void bind(int index, const DeCell& cell) {
    if (const auto* n = std::get_if<int64_t>(&cell)) sqlite3_bind_int64(stmt_, index, *n);
    else if (const auto* d = std::get_if<double>(&cell)) sqlite3_bind_double(stmt_, index, *d);
    else if (const auto* s = std::get_if<std::string>(&cell))
      sqlite3_bind_text(stmt_, index, s->data(), int(s->size()), SQLITE_TRANSIENT);
    else sqlite3_bind_null(stmt_, index);
  }
  void bind_all(const std::vector<DeCell>& cells, int first = 1) {
    for (size_t i = 0; i < cells.size(); ++i) bind(first + int(i), cells[i]);
  }

  DeCell column(int i) const {
    switch (sqlite3_column_type(stmt_, i)) {
      case SQLITE_INTEGER: return sqlite3_column_int64(stmt_, i);
      case SQLITE_FLOAT: return sqlite3_column_double(stmt_, i);
      case SQLITE_NULL: return std::monostate{};
      default: return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i)),
                                  size_t(sqlite3_column_bytes(stmt_, i)));
    }
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

std::string sql_type(const DeField& f) {
  switch (f.type) {
    case DeFieldType::Number:
    case DeFieldType::Boolean:
    case DeFieldType::Date: return "INTEGER";
    case DeFieldType::Decimal: return "REAL";
    default: return "TEXT COLLATE NOCASE";
  }
}

// Appends `item` to a `sep`-separated list.
void add(std::string& list, std::string_view item, std::string_view sep = ",") {
  if (!list.empty()) list.append(sep);
  list.append(item);
}

std::string column_list(const DataExtensionDef& de) {
  std::string out;
  for (size_t i = 0; i < de.fields.size(); ++i) add(out, de_column(i));
  return out;
}

std::string where_clause(const SqlWhere& where) { return where.sql.empty() ? "" : " WHERE " + where.sql; }

// Resolves client-written values to (field index, typed cell).
sfsync::Result<std::vector<std::pair<int, DeCell>>> typed_values(const DataExtensionDef& de, const DeRowValues& values) {
  std::vector<std::pair<int, DeCell>> out;
  for (const auto& [name, text] : values) {
    int index = de.field_index(name);
    if (index < 0) return make_error("bad_value", "field " + name + " does not exist in " + de.key);
    auto cell = parse_de_value(de.fields[size_t(index)], text);
    if (!cell) return cell.error();
    out.emplace_back(index, std::move(*cell));
  }
  return out;
}

// "c0 = ? AND c2 = ?" over the primary-key fields among `cells`, with their values bound.
SqlWhere primary_key_where(const DataExtensionDef& de, const std::vector<std::pair<int, DeCell>>& cells) {
  SqlWhere where;
  for (const auto& [index, cell] : cells) {
    if (!de.fields[size_t(index)].is_primary_key) continue;
    add(where.sql, de_column(size_t(index)) + " = ?", " AND ");
    where.binds.push_back(cell);
  }
  return where;
}

// Characters, not bytes: a field's length counts what a person typed.
size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool looks_like_email(std::string_view s) {
  size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('@', at + 1) == std::string_view::npos &&
         s.find('.', at + 2) != std::string_view::npos && s.back() != '.' && s.find(' ') == std::string_view::npos;
}

// What the platform checks of a written value beyond its type (the generator's rows skip this).
sfsync::Result<void> check_fits(const DeField& f, std::string_view text) {
  if (text.empty()) return {};
  bool textual = f.type == DeFieldType::Text || f.type == DeFieldType::EmailAddress || f.type == DeFieldType::Phone;
  if (textual && f.length > 0 && utf8_length(text) > size_t(f.length))
    return make_error("bad_value", "String or binary data would be truncated: field " + f.name + " holds " +
                                       std::to_string(f.length) + " characters, the value has " +
                                       std::to_string(utf8_length(text)));
  if (f.type == DeFieldType::EmailAddress && !looks_like_email(text))
    return make_error("bad_value", "Invalid email address '" + std::string(text) + "' for field " + f.name);
  return {};
}

}  // namespace

sfsync::Result<std::unique_ptr<DataExtensionStore>> DataExtensionStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return make_error("storage", "cannot open the Data Extension store: " + message);
  }
  std::unique_ptr<DataExtensionStore> store(new DataExtensionStore(db));
  if (auto r = store->exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"); !r) return r.error();
  return store;
}

DataExtensionStore::~DataExtensionStore() { sqlite3_close(db_); }

sfsync::Result<void> DataExtensionStore::exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = err ? err : "unknown error";
    sqlite3_free(err);
    return make_error("storage", message);
  }
  return {};
}

std::string DataExtensionStore::table_of(const DataExtensionDef& de) const {
  for (size_t i = 0; i < defs_.size(); ++i) {
    if (defs_[i].get() == &de) return "de_" + std::to_string(i);
  }
  return "de_missing";
}

sfsync::Result<const DataExtensionDef*> DataExtensionStore::create(DataExtensionDef def) {
  std::lock_guard lock(mu_);
  for (const auto& existing : defs_) {
    if (iequals(existing->key, def.key)) return make_error("duplicate", "Data Extension " + def.key + " exists");
  }
  if (def.fields.empty()) return make_error("bad_config", "Data Extension " + def.key + " has no fields");
  if (def.id.empty()) def.id = data_extension_id(def.key);
  const std::string table = "de_" + std::to_string(defs_.size());
  std::string sql = "CREATE TABLE " + table + " (_row INTEGER PRIMARY KEY";
  std::string pk_columns;
  for (size_t i = 0; i < def.fields.size(); ++i) {
    sql += ", " + de_column(i) + " " + sql_type(def.fields[i]);
    if (def.fields[i].is_primary_key) add(pk_columns, de_column(i));
  }
  sql += ");";
  if (!pk_columns.empty()) sql += "CREATE UNIQUE INDEX " + table + "_pk ON " + table + "(" + pk_columns + ");";
  int modified = def.field_index("ModifiedDate");
  if (modified >= 0) sql += "CREATE INDEX " + table + "_mod ON " + table + "(c" + std::to_string(modified) + ");";
  if (auto r = exec(sql); !r) return r.error();
  defs_.push_back(std::make_unique<DataExtensionDef>(std::move(def)));
  return defs_.back().get();
}

const DataExtensionDef* DataExtensionStore::find(std::string_view key) const {
  std::lock_guard lock(mu_);
  for (const auto& def : defs_) {
    if (iequals(def->key, key)) return def.get();
  }
  return nullptr;
}

const DataExtensionDef* DataExtensionStore::find_by_id(std::string_view id) const {
  std::lock_guard lock(mu_);
  for (const auto& def : defs_) {
    if (iequals(def->id, id)) return def.get();
  }
  return nullptr;
}

std::vector<const DataExtensionDef*> DataExtensionStore::list() const {
  std::lock_guard lock(mu_);
  std::vector<const DataExtensionDef*> out;
  for (const auto& def : defs_) out.push_back(def.get());
  return out;
}

sfsync::Result<void> DataExtensionStore::upsert_row(std::string_view key, const DeRowValues& values,
                                                    int64_t now_ms) {
  const DataExtensionDef* de = find(key);
  if (!de) return make_error("not_found", "no Data Extension with key " + std::string(key));
  auto cells = typed_values(*de, values);
  if (!cells) return cells.error();
  int modified = de->field_index("ModifiedDate");
  if (modified >= 0 && de->fields[size_t(modified)].type == DeFieldType::Date) {
    bool given = false;
    for (const auto& [index, cell] : *cells) given = given || index == modified;
    if (!given) cells->emplace_back(modified, DeCell{now_ms});
  }
  if (cells->empty()) return make_error("bad_value", "the row has no values");
  return store_cells(*de, *cells, true);
}

sfsync::Result<void> DataExtensionStore::write_row(std::string_view key, const DeRowValues& values, WriteMode mode) {
  const DataExtensionDef* de = find(key);
  if (!de) return make_error("not_found", "no Data Extension with key " + std::string(key));
  for (const auto& [name, text] : values) {
    int index = de->field_index(name);
    if (index < 0) continue;  // typed_values names it
    if (auto r = check_fits(de->fields[size_t(index)], text); !r) return r;
  }
  auto cells = typed_values(*de, values);
  if (!cells) return cells.error();
  auto given = [&cells](size_t field) {
    for (const auto& [index, cell] : *cells)
      if (size_t(index) == field) return !std::holds_alternative<std::monostate>(cell);
    return false;
  };
  std::string key_text;
  for (size_t i = 0; i < de->fields.size(); ++i) {
    if (!de->fields[i].is_primary_key) continue;
    if (!given(i)) return make_error("bad_value", "Primary key field " + de->fields[i].name + " has no value");
    for (const auto& [name, text] : values)
      if (iequals(name, de->fields[i].name)) add(key_text, text);
  }
  bool exists = mode == WriteMode::Upsert && de->has_primary_key() && row_exists(*de, *cells);
  for (size_t i = 0; i < de->fields.size() && !exists; ++i) {
    if (!de->fields[i].is_nullable && !given(i))
      return make_error("bad_value", "Field " + de->fields[i].name + " is required and cannot be null");
  }
  auto stored = store_cells(*de, *cells, mode == WriteMode::Upsert);
  if (!stored && stored.error().code == "duplicate")
    return make_error("bad_value", "Violation of PRIMARY KEY constraint. Cannot insert duplicate key in object '" +
                                       de->key + "'. The duplicate key value is (" + key_text + ").");
  return stored;
}

bool DataExtensionStore::row_exists(const DataExtensionDef& de, const std::vector<std::pair<int, DeCell>>& cells) {
  SqlWhere where = primary_key_where(de, cells);
  std::lock_guard lock(mu_);
  Statement stmt(db_, "SELECT 1 FROM " + table_of(de) + where_clause(where) + " LIMIT 1");
  if (!stmt.ok()) return false;
  stmt.bind_all(where.binds);
  return sqlite3_step(stmt.get()) == SQLITE_ROW;
}

sfsync::Result<void> DataExtensionStore::store_cells(const DataExtensionDef& de,
                                                     const std::vector<std::pair<int, DeCell>>& cells, bool upsert) {
  std::lock_guard lock(mu_);
  const std::string table = table_of(de);
  std::string columns, params, updates, conflict;
  for (const auto& [index, cell] : cells) {
    std::string c = de_column(size_t(index));
    add(columns, c);
    add(params, "?");
    if (!de.fields[size_t(index)].is_primary_key) add(updates, c + "=excluded." + c);
  }
  for (size_t i = 0; i < de.fields.size(); ++i) {
    if (de.fields[i].is_primary_key) add(conflict, de_column(i));
  }
  std::string sql = "INSERT INTO " + table + "(" + columns + ") VALUES(" + params + ")";
  if (upsert && !conflict.empty()) {
    sql += " ON CONFLICT(" + conflict + ") DO " + (updates.empty() ? "NOTHING" : "UPDATE SET " + updates);
  }
  Statement stmt(db_, sql);
  if (!stmt.ok()) return make_error("storage", sqlite3_errmsg(db_));
  for (size_t i = 0; i < cells.size(); ++i) stmt.bind(int(i) + 1, cells[i].second);
  int rc = sqlite3_step(stmt.get());
  if (rc == SQLITE_CONSTRAINT) return make_error("duplicate", sqlite3_errmsg(db_));
  if (rc != SQLITE_DONE) return make_error("bad_value", sqlite3_errmsg(db_));
  return {};
}

sfsync::Result<void> DataExtensionStore::insert_rows(const DataExtensionDef& de, const std::vector<DeRow>& rows) {
  std::lock_guard lock(mu_);
  std::string params;
  for (size_t i = 0; i < de.fields.size(); ++i) add(params, "?");
  if (auto r = exec("BEGIN"); !r) return r;
  Statement stmt(db_, "INSERT INTO " + table_of(de) + "(" + column_list(de) + ") VALUES(" + params + ")");
  if (!stmt.ok()) {
    std::string message = sqlite3_errmsg(db_);
    (void)exec("ROLLBACK");
    return make_error("storage", message);
  }
  for (const auto& row : rows) {
    stmt.bind_all(row);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE) {
      std::string message = sqlite3_errmsg(db_);
      (void)exec("ROLLBACK");
      return make_error("storage", message);
    }
    sqlite3_reset(stmt.get());
  }
  return exec("COMMIT");
}

sfsync::Result<int64_t> DataExtensionStore::delete_row(std::string_view key, const DeRowValues& values) {
  const DataExtensionDef* de = find(key);
  if (!de) return make_error("not_found", "no Data Extension with key " + std::string(key));
  auto cells = typed_values(*de, values);
  if (!cells) return cells.error();
  SqlWhere where = primary_key_where(*de, *cells);
  if (where.sql.empty()) return make_error("bad_value", "deleting a row needs its primary key values");
  std::lock_guard lock(mu_);
  Statement stmt(db_, "DELETE FROM " + table_of(*de) + where_clause(where));
  if (!stmt.ok()) return make_error("storage", sqlite3_errmsg(db_));
  stmt.bind_all(where.binds);
  if (sqlite3_step(stmt.get()) != SQLITE_DONE) return make_error("storage", sqlite3_errmsg(db_));
  return int64_t(sqlite3_changes(db_));
}

sfsync::Result<int64_t> DataExtensionStore::count(const DataExtensionDef& de, const SqlWhere& where) {
  std::lock_guard lock(mu_);
  Statement stmt(db_, "SELECT COUNT(*) FROM " + table_of(de) + where_clause(where));
  if (!stmt.ok()) return make_error("storage", sqlite3_errmsg(db_));
  stmt.bind_all(where.binds);
  if (sqlite3_step(stmt.get()) != SQLITE_ROW) return make_error("storage", sqlite3_errmsg(db_));
  return sqlite3_column_int64(stmt.get(), 0);
}

sfsync::Result<std::vector<DeRow>> DataExtensionStore::read_page(const DataExtensionDef& de, const SqlWhere& where,
                                                                 const std::string& order_sql, int64_t offset,
                                                                 int64_t limit) {
  std::lock_guard lock(mu_);
  std::string sql = "SELECT " + column_list(de) + " FROM " + table_of(de) + where_clause(where) + " ORDER BY " +
                    (order_sql.empty() ? "" : order_sql + ", ") + "_row LIMIT ? OFFSET ?";
  Statement stmt(db_, sql);
  if (!stmt.ok()) return make_error("storage", sqlite3_errmsg(db_));
  stmt.bind_all(where.binds);
  sqlite3_bind_int64(stmt.get(), int(where.binds.size()) + 1, limit);
  sqlite3_bind_int64(stmt.get(), int(where.binds.size()) + 2, offset);
  std::vector<DeRow> rows;
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    DeRow row;
    row.reserve(de.fields.size());
    for (size_t i = 0; i < de.fields.size(); ++i) row.push_back(stmt.column(int(i)));
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return make_error("storage", sqlite3_errmsg(db_));
  return rows;
}

}  // namespace emu
