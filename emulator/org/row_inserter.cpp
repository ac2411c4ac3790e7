#include "emulator/org/row_inserter.h"

#include "emulator/org/sfid.h"

namespace emu {
namespace {

sfsync::Error db_error(sqlite3* db, const std::string& what) {
  return sfsync::make_error("DB_ERROR", what + ": " + sqlite3_errmsg(db));
}

}  // namespace

sfsync::Result<std::unique_ptr<RowInserter>> RowInserter::open(sqlite3* db, const ObjectSchema& object) {
  std::vector<const FieldSchema*> fields;
  std::string cols, marks;
  for (const auto& f : object.fields) {
    if (!f.stored()) continue;
    if (!fields.empty()) {
      cols += ", ";
      marks += ", ";
    }
    fields.push_back(&f);
    cols += f.column();
    marks += "?";
  }
  sqlite3_stmt* stmt = nullptr;
  std::string sql = "INSERT INTO " + object.table() + " (" + cols + ") VALUES (" + marks + ")";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    return db_error(db, "prepare bulk insert into " + object.name);
  return std::unique_ptr<RowInserter>(new RowInserter(db, object, stmt, std::move(fields)));
}

RowInserter::RowInserter(sqlite3* db, const ObjectSchema& object, sqlite3_stmt* stmt,
                         std::vector<const FieldSchema*> fields)
    : db_(db), object_(object), stmt_(stmt), fields_(std::move(fields)) {}

RowInserter::~RowInserter() { sqlite3_finalize(stmt_); }

int RowInserter::slot(std::string_view field_name) const {
  for (size_t i = 0; i < fields_.size(); ++i)
    if (iequals(fields_[i]->name, field_name)) return static_cast<int>(i);
  return -1;
}

void Row::clear() {
  for (int slot : touched_slots_) {
    touched_[static_cast<size_t>(slot)] = 0;
    values_[static_cast<size_t>(slot)] = std::monostate{};
  }
  touched_slots_.clear();
}

sfsync::Result<void> RowInserter::insert(Row& row) {
  // The hot path of bulk loads. Parameters keep their binding between steps, so only the slots set
  // for this row are bound, and those the previous row bound but this one did not are reset to
  // NULL. Text is bound without a copy: the row outlives the step, and every parameter bound to a
  // cleared row is rebound or nulled before the next step.
  for (int slot : bound_slots_)
    if (!row.touched_[static_cast<size_t>(slot)]) sqlite3_bind_null(stmt_, slot + 1);
  for (int slot : row.touched_slots_) {
    const FieldValue& v = row.values_[static_cast<size_t>(slot)];
    if (const auto* s = std::get_if<std::string>(&v))
      sqlite3_bind_text(stmt_, slot + 1, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
    else if (std::holds_alternative<std::monostate>(v))
      sqlite3_bind_null(stmt_, slot + 1);
    else
      bind_value(stmt_, slot + 1, v);
  }
  int rc = sqlite3_step(stmt_);
  sqlite3_reset(stmt_);
  bound_slots_ = row.touched_slots_;
  row.clear();
  if (rc != SQLITE_DONE) return db_error(db_, "insert into " + object_.name);
  return {};
}

std::string IdBlock::id(int64_t index) const { return make_sfid(prefix, first + static_cast<uint64_t>(index)); }

sfsync::Result<IdBlock> reserve_ids(sqlite3* db, const ObjectSchema& object, int64_t count) {
  IdBlock block{object.key_prefix, 0, count};
  if (count <= 0) return block;
  // Counter 1 of User is the org's default integration user: never hand it out again.
  if (object.name == "User") {
    sqlite3_stmt* keep = nullptr;
    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO id_counters(prefix, next) VALUES(?, 1)", -1, &keep, nullptr);
    sqlite3_bind_text(keep, 1, object.key_prefix.c_str(), -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(keep);
    sqlite3_finalize(keep);
    if (rc != SQLITE_DONE) return db_error(db, "reserve user ids");
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO id_counters(prefix, next) VALUES(?1, ?2) "
                         "ON CONFLICT(prefix) DO UPDATE SET next = next + ?2 RETURNING next",
                         -1, &stmt, nullptr) != SQLITE_OK)
    return db_error(db, "prepare id reservation");
  sqlite3_bind_text(stmt, 1, object.key_prefix.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(stmt, 2, count);
  int rc = sqlite3_step(stmt);
  int64_t last = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW) return db_error(db, "reserve ids for " + object.name);
  // `next` holds the last counter handed out (OrgStore::new_id returns it), so the block ends there.
  block.first = static_cast<uint64_t>(last - count + 1);
  return block;
}

IndexesSuspended::IndexesSuspended(sqlite3* db, const ObjectSchema& object) : db_(db) {
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                     -1, &stmt, nullptr);
  std::string table = "sobj_" + object.name;
  sqlite3_bind_text(stmt, 1, table.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<std::string> names;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    create_sql_.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
  }
  sqlite3_finalize(stmt);
  for (const auto& name : names) {
    std::string sql = "DROP INDEX \"" + name + "\"";
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  }
}

sfsync::Result<void> IndexesSuspended::restore() {
  for (const auto& sql : create_sql_)
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return db_error(db_, "recreate index");
  create_sql_.clear();
  return {};
}

int64_t row_count(sqlite3* db, const ObjectSchema& object) {
  sqlite3_stmt* stmt = nullptr;
  std::string sql = "SELECT count(*) FROM " + object.table();
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) return 0;
  int64_t n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
  sqlite3_finalize(stmt);
  return n;
}

}  // namespace emu
