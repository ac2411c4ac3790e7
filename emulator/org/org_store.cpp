#include "emulator/org/org_store.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "emulator/org/sfid.h"

namespace emu {

using sfsync::make_error;

namespace {

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }
  explicit operator bool() const { return stmt_ != nullptr; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

sfsync::Error db_error(sqlite3* db, const std::string& what) {
  return make_error("DB_ERROR", what + ": " + sqlite3_errmsg(db));
}

Result<void> exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown";
    sqlite3_free(err);
    return make_error("DB_ERROR", msg + " (in: " + sql.substr(0, 120) + ")");
  }
  return {};
}

std::string column_type(const FieldSchema& f) {
  switch (storage_class(f.type)) {
    case StorageClass::Integer:
    case StorageClass::EpochMillis: return "INTEGER";
    case StorageClass::Real: return "REAL";
    case StorageClass::DateText: return "TEXT";
    case StorageClass::Text:
      // Ids compare exactly; every other text compares case-insensitively, as SOQL does.
      return (f.type == FieldType::Id || f.type == FieldType::Reference) ? "TEXT" : "TEXT COLLATE NOCASE";
    case StorageClass::None: break;
  }
  return "TEXT";
}

// Runs `fn` inside a savepoint: the whole write lands or none of it does, whether or not the
// caller already opened a transaction.
Result<void> in_savepoint(sqlite3* db, const std::function<Result<void>()>& fn) {
  if (auto r = exec(db, "SAVEPOINT w"); !r) return r;
  Result<void> result = fn();
  if (result) {
    if (auto r = exec(db, "RELEASE w"); !r) return r;
  } else {
    (void)exec(db, "ROLLBACK TO w");
    (void)exec(db, "RELEASE w");
  }
  return result;
}

bool has_field(const ObjectSchema& o, const char* name) { return o.field(name) != nullptr; }

}  // namespace

const FieldValue* StoredRecord::get(std::string_view field_name) const {
  for (const auto& [field, value] : values)
    if (iequals(field->name, field_name)) return &value;
  return nullptr;
}

ReadSnapshot::~ReadSnapshot() {
  sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close_v2(db_);
}

void bind_value(sqlite3_stmt* stmt, int index, const FieldValue& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) sqlite3_bind_null(stmt, index);
        else if constexpr (std::is_same_v<T, bool>) sqlite3_bind_int64(stmt, index, v ? 1 : 0);
        else if constexpr (std::is_same_v<T, int64_t>) sqlite3_bind_int64(stmt, index, v);
        else if constexpr (std::is_same_v<T, double>) sqlite3_bind_double(stmt, index, v);
        else sqlite3_bind_text(stmt, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
      },
      value);
}

FieldValue column_value(sqlite3_stmt* stmt, int col, FieldType type) {
  if (sqlite3_column_type(stmt, col) == SQLITE_NULL) return std::monostate{};
  switch (storage_class(type)) {
    case StorageClass::Integer:
      if (type == FieldType::Boolean) return sqlite3_column_int64(stmt, col) != 0;
      return sqlite3_column_int64(stmt, col);
    case StorageClass::EpochMillis: return sqlite3_column_int64(stmt, col);
    case StorageClass::Real: return sqlite3_column_double(stmt, col);
    default: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
      return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt, col)));
    }
  }
}

OrgStore::OrgStore(const Catalog& catalog, std::string path, sqlite3* db, bool temporary)
    : catalog_(catalog), path_(std::move(path)), db_(db), temporary_(temporary) {}

OrgStore::~OrgStore() {
  sqlite3_close_v2(db_);
  if (temporary_) {
    std::remove(path_.c_str());
    std::remove((path_ + "-wal").c_str());
    std::remove((path_ + "-shm").c_str());
  }
}

Result<std::unique_ptr<OrgStore>> OrgStore::open(const std::string& path, const Catalog& catalog) {
  std::string file = path;
  bool temporary = false;
  if (file.empty()) {
    char tmpl[] = "/tmp/sfsync-emulator-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) return make_error("DB_ERROR", "cannot create a temporary file in /tmp");
    close(fd);
    file = tmpl;
    temporary = true;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return make_error("DB_ERROR", "cannot open org store " + file + ": " + msg);
  }
  std::unique_ptr<OrgStore> store(new OrgStore(catalog, file, db, temporary));
  if (auto r = store->create_schema(); !r) return r.error();
  return store;
}

Result<void> OrgStore::create_schema() {
  // The emulator is disposable: durability is traded for speed (a crash loses the org anyway).
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=OFF", "PRAGMA temp_store=MEMORY",
                             "PRAGMA cache_size=-65536"})
    if (auto r = exec(db_, pragma); !r) return r;
  if (auto r = exec(db_, "CREATE TABLE IF NOT EXISTS id_counters(prefix TEXT PRIMARY KEY, next INTEGER NOT NULL)");
      !r)
    return r;
  // Salesforce's delete log, which getDeleted reads: an entry per delete, kept when the record is
  // later purged from the recycle bin (hard deleted) — that is what makes getDeleted worth calling.
  if (auto r = exec(db_, "CREATE TABLE IF NOT EXISTS delete_log(object TEXT NOT NULL, id TEXT NOT NULL, "
                         "deleted_ms INTEGER NOT NULL)");
      !r)
    return r;
  if (auto r = exec(db_, "CREATE INDEX IF NOT EXISTS delete_log_by_time ON delete_log(object, deleted_ms, id)"); !r)
    return r;
  for (const auto& object : catalog_.objects()) {
    std::string sql = "CREATE TABLE IF NOT EXISTS " + object->table() + " (";
    bool first = true;
    for (const auto& f : object->fields) {
      if (!f.stored()) continue;
      if (!first) sql += ", ";
      first = false;
      sql += f.column() + " " + column_type(f);
      if (f.type == FieldType::Id) sql += " NOT NULL UNIQUE";
    }
    sql += ")";
    if (auto r = exec(db_, sql); !r) return r;
    std::string table = object->table();
    std::string base = "sobj_" + object->name;
    if (has_field(*object, "SystemModstamp")) {
      if (auto r = exec(db_, "CREATE INDEX IF NOT EXISTS \"" + base + "_stamp\" ON " + table +
                                 " (\"SystemModstamp\", \"Id\")");
          !r)
        return r;
    }
    for (const auto& f : object->fields) {
      // Lookups to business objects (AccountId, WhoId, Parent__c) are joined and filtered on by
      // child subqueries; audit lookups to User (OwnerId, CreatedById) are not worth the index.
      bool business_lookup = f.type == FieldType::Reference && !f.reference_to.empty() &&
                             f.reference_to.front() != "User" && f.reference_to.front() != "Group";
      bool lookup_key = f.external_id || f.unique || (f.type == FieldType::Email && f.id_lookup) || business_lookup;
      if (!f.stored() || f.type == FieldType::Id || !lookup_key) continue;
      if (auto r = exec(db_, "CREATE INDEX IF NOT EXISTS \"" + base + "_" + f.name + "\" ON " + table + " (" +
                                 f.column() + ")");
          !r)
        return r;
    }
  }
  if (const ObjectSchema* user = catalog_.find("User")) default_user_id_ = make_sfid(user->key_prefix, 1);
  else default_user_id_ = make_sfid("005", 1);
  return {};
}

Result<void> OrgStore::transaction(const std::function<Result<void>()>& fn) {
  std::lock_guard lock(mutex_);
  if (auto r = exec(db_, "BEGIN IMMEDIATE"); !r) return r;
  Result<void> result = fn();
  if (result) {
    if (auto r = exec(db_, "COMMIT"); !r) {
      (void)exec(db_, "ROLLBACK");
      return r;
    }
  } else {
    (void)exec(db_, "ROLLBACK");
  }
  return result;
}

std::string OrgStore::new_id(const ObjectSchema& object) {
  std::lock_guard lock(mutex_);
  Statement stmt(db_,
                 "INSERT INTO id_counters(prefix, next) VALUES(?, 1) "
                 "ON CONFLICT(prefix) DO UPDATE SET next = next + 1 RETURNING next");
  sqlite3_bind_text(stmt.get(), 1, object.key_prefix.c_str(), -1, SQLITE_TRANSIENT);
  uint64_t n = 1;
  if (sqlite3_step(stmt.get()) == SQLITE_ROW) n = static_cast<uint64_t>(sqlite3_column_int64(stmt.get(), 0));
  // Counter 1 of User is the default integration user, created with the org.
  return make_sfid(object.key_prefix, n);
}

namespace {

// Fills the system fields Salesforce sets on create, unless the caller gave them.
std::vector<FieldAssignment> with_create_defaults(const ObjectSchema& object, std::vector<FieldAssignment> values,
                                                  const std::string& id, const std::string& user_id,
                                                  int64_t stamp_ms) {
  auto given = [&](std::string_view name) {
    for (const auto& a : values)
      if (iequals(a.field->name, name)) return true;
    return false;
  };
  auto put = [&](const char* name, FieldValue v) {
    if (const FieldSchema* f = object.field(name); f && !given(name)) values.push_back({f, std::move(v)});
  };
  put("Id", id);
  put("IsDeleted", false);
  put("CreatedDate", stamp_ms);
  put("LastModifiedDate", stamp_ms);
  put("SystemModstamp", stamp_ms);
  put("CreatedById", user_id);
  put("LastModifiedById", user_id);
  put("OwnerId", user_id);
  for (const auto& f : object.fields) {
    if (given(f.name)) continue;
    // Salesforce checkboxes are never null: unset ones are false, read-only ones included.
    if (f.type == FieldType::Boolean) {
      values.push_back({&f, false});
      continue;
    }
    if (!f.defaulted_on_create) continue;
    for (const auto& p : f.picklist_values)
      if (p.default_value) values.push_back({&f, p.value});
  }
  return values;
}

// Auto-number fields (CaseNumber, OrderNumber, ...) take the next number after the highest one,
// zero-padded to 8 digits like the generator writes them.
void add_auto_numbers(sqlite3* db, const ObjectSchema& object, std::vector<FieldAssignment>& values) {
  for (const auto& f : object.fields) {
    if (!f.auto_number || !f.stored()) continue;
    bool given = false;
    for (const auto& a : values) given = given || a.field == &f;
    if (given) continue;
    Statement stmt(db, "SELECT coalesce(max(CAST(" + f.column() + " AS INTEGER)), 1000) FROM " + object.table());
    int64_t next = sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) + 1 : 1001;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%08lld", static_cast<long long>(next));
    values.push_back({&f, std::string(buf)});
  }
}

// Person objects (Contact, Lead, User) keep a calculated Name = "FirstName LastName". Objects whose
// FirstName/LastName are themselves calculated (CampaignMember) are left alone.
Result<void> recompute_person_name(sqlite3* db, const ObjectSchema& object, const std::string& id) {
  const FieldSchema* name = object.field("Name");
  const FieldSchema* first = object.field("FirstName");
  const FieldSchema* last = object.field("LastName");
  if (!name || !name->calculated || !first || !last || last->calculated || first->calculated) return {};
  Statement stmt(db, "UPDATE " + object.table() +
                         " SET \"Name\" = trim(coalesce(\"FirstName\", '') || ' ' || coalesce(\"LastName\", ''))"
                         " WHERE \"Id\" = ?");
  sqlite3_bind_text(stmt.get(), 1, id.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(stmt.get()) != SQLITE_DONE) return db_error(db, "recompute Name");
  return {};
}

}  // namespace

Result<std::string> OrgStore::insert(const ObjectSchema& object, const std::vector<FieldAssignment>& input,
                                     int64_t stamp_ms) {
  std::lock_guard lock(mutex_);
  std::string id;
  for (const auto& a : input)
    if (a.field->type == FieldType::Id)
      if (const auto* s = std::get_if<std::string>(&a.value)) id = *s;
  if (id.empty()) id = new_id(object);
  auto values = with_create_defaults(object, input, id, default_user_id_, stamp_ms);
  add_auto_numbers(db_, object, values);
  auto result = in_savepoint(db_, [&]() -> Result<void> {
    std::string cols, marks;
    for (const auto& a : values) {
      if (!a.field->stored()) continue;
      if (!cols.empty()) { cols += ", "; marks += ", "; }
      cols += a.field->column();
      marks += "?";
    }
    Statement stmt(db_, "INSERT INTO " + object.table() + " (" + cols + ") VALUES (" + marks + ")");
    if (!stmt) return db_error(db_, "prepare insert");
    int i = 1;
    for (const auto& a : values)
      if (a.field->stored()) bind_value(stmt.get(), i++, a.value);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE) return db_error(db_, "insert " + object.name);
    return recompute_person_name(db_, object, id);
  });
  if (!result) return result.error();
  return id;
}

namespace {

// Deleted state of a record: nullopt when no such id.
std::optional<bool> deleted_state(sqlite3* db, const ObjectSchema& object, const std::string& id) {
  Statement stmt(db, "SELECT \"IsDeleted\" FROM " + object.table() + " WHERE \"Id\" = ?");
  sqlite3_bind_text(stmt.get(), 1, id.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(stmt.get()) != SQLITE_ROW) return std::nullopt;
  return sqlite3_column_int64(stmt.get(), 0) != 0;
}

Result<void> require_state(sqlite3* db, const ObjectSchema& object, const std::string& id, bool want_deleted) {
  auto state = deleted_state(db, object, id);
  if (!state) return make_error("NOT_FOUND", "The requested resource does not exist");
  if (*state && !want_deleted) return make_error("ENTITY_IS_DELETED", "entity is deleted");
  if (!*state && want_deleted) return make_error("NOT_FOUND", "The requested resource does not exist");
  return {};
}

}  // namespace

Result<void> OrgStore::update(const ObjectSchema& object, const std::string& id,
                              const std::vector<FieldAssignment>& input, int64_t stamp_ms) {
  std::lock_guard lock(mutex_);
  if (auto r = require_state(db_, object, id, false); !r) return r;
  std::vector<FieldAssignment> values = input;
  for (const char* name : {"LastModifiedDate", "SystemModstamp"})
    if (const FieldSchema* f = object.field(name)) values.push_back({f, stamp_ms});
  if (const FieldSchema* f = object.field("LastModifiedById")) values.push_back({f, default_user_id_});
  return in_savepoint(db_, [&]() -> Result<void> {
    std::string sets;
    for (const auto& a : values) {
      if (!a.field->stored()) continue;
      if (!sets.empty()) sets += ", ";
      sets += a.field->column() + " = ?";
    }
    Statement stmt(db_, "UPDATE " + object.table() + " SET " + sets + " WHERE \"Id\" = ?");
    if (!stmt) return db_error(db_, "prepare update");
    int i = 1;
    for (const auto& a : values)
      if (a.field->stored()) bind_value(stmt.get(), i++, a.value);
    sqlite3_bind_text(stmt.get(), i, id.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE) return db_error(db_, "update " + object.name);
    return recompute_person_name(db_, object, id);
  });
}

namespace {

Result<void> set_deleted(sqlite3* db, const ObjectSchema& object, const std::string& id, bool deleted,
                         int64_t stamp_ms) {
  Statement stmt(db, "UPDATE " + object.table() +
                         " SET \"IsDeleted\" = ?, \"SystemModstamp\" = ? WHERE \"Id\" = ?");
  sqlite3_bind_int64(stmt.get(), 1, deleted ? 1 : 0);
  sqlite3_bind_int64(stmt.get(), 2, stamp_ms);
  sqlite3_bind_text(stmt.get(), 3, id.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(stmt.get()) != SQLITE_DONE) return db_error(db, "delete " + object.name);
  return {};
}

}  // namespace

Result<void> OrgStore::remove(const ObjectSchema& object, const std::string& id, int64_t stamp_ms) {
  std::lock_guard lock(mutex_);
  if (auto r = require_state(db_, object, id, false); !r) return r;
  if (auto r = set_deleted(db_, object, id, true, stamp_ms); !r) return r;
  Statement log(db_, "INSERT INTO delete_log(object, id, deleted_ms) VALUES (?, ?, ?)");
  sqlite3_bind_text(log.get(), 1, object.name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(log.get(), 2, id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(log.get(), 3, stamp_ms);
  if (sqlite3_step(log.get()) != SQLITE_DONE) return db_error(db_, "log delete of " + object.name);
  return {};
}

Result<void> OrgStore::undelete(const ObjectSchema& object, const std::string& id, int64_t stamp_ms) {
  std::lock_guard lock(mutex_);
  if (auto r = require_state(db_, object, id, true); !r) return r;
  return set_deleted(db_, object, id, false, stamp_ms);
}

Result<void> OrgStore::purge(const ObjectSchema& object, const std::string& id) {
  std::lock_guard lock(mutex_);
  if (auto r = require_state(db_, object, id, true); !r) return r;
  Statement stmt(db_, "DELETE FROM " + object.table() + " WHERE \"Id\" = ?");
  sqlite3_bind_text(stmt.get(), 1, id.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(stmt.get()) != SQLITE_DONE) return db_error(db_, "purge " + object.name);
  return {};
}

Result<void> OrgStore::set_stamp(const ObjectSchema& object, const std::string& id, int64_t stamp_ms) {
  std::lock_guard lock(mutex_);
  std::optional<bool> deleted = deleted_state(db_, object, id);
  if (!deleted) return make_error("NOT_FOUND", "The requested resource does not exist");
  if (*deleted) {  // a deleted record's stamp is its deletion date: its delete log entry moves with it
    Statement log(db_, "UPDATE delete_log SET deleted_ms = ?1 WHERE rowid = (SELECT rowid FROM delete_log "
                       "WHERE object = ?2 AND id = ?3 ORDER BY deleted_ms DESC LIMIT 1)");
    sqlite3_bind_int64(log.get(), 1, stamp_ms);
    sqlite3_bind_text(log.get(), 2, object.name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(log.get(), 3, id.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(log.get()) != SQLITE_DONE) return db_error(db_, "set stamp");
  }
  Statement stmt(db_, "UPDATE " + object.table() +
                          " SET \"SystemModstamp\" = ?1, \"LastModifiedDate\" = ?1 WHERE \"Id\" = ?2");
  sqlite3_bind_int64(stmt.get(), 1, stamp_ms);
  sqlite3_bind_text(stmt.get(), 2, id.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(stmt.get()) != SQLITE_DONE) return db_error(db_, "set stamp");
  return {};
}

std::optional<StoredRecord> OrgStore::get(const ObjectSchema& object, const std::string& id, bool include_deleted) {
  std::lock_guard lock(mutex_);
  std::string cols;
  std::vector<const FieldSchema*> fields;
  for (const auto& f : object.fields) {
    if (!f.stored()) continue;
    if (!cols.empty()) cols += ", ";
    cols += f.column();
    fields.push_back(&f);
  }
  std::string sql = "SELECT " + cols + " FROM " + object.table() + " WHERE \"Id\" = ?";
  if (!include_deleted) sql += " AND \"IsDeleted\" = 0";
  Statement stmt(db_, sql);
  sqlite3_bind_text(stmt.get(), 1, id.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(stmt.get()) != SQLITE_ROW) return std::nullopt;
  StoredRecord record;
  record.id = id;
  for (size_t i = 0; i < fields.size(); ++i)
    record.values.emplace_back(fields[i], column_value(stmt.get(), static_cast<int>(i), fields[i]->type));
  return record;
}

std::vector<std::string> OrgStore::find_ids(const ObjectSchema& object, const FieldSchema& field,
                                            const FieldValue& value) {
  std::lock_guard lock(mutex_);
  Statement stmt(db_, "SELECT \"Id\" FROM " + object.table() + " WHERE " + field.column() +
                          " = ? AND \"IsDeleted\" = 0 ORDER BY \"Id\"");
  bind_value(stmt.get(), 1, value);
  std::vector<std::string> ids;
  while (sqlite3_step(stmt.get()) == SQLITE_ROW)
    ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0)));
  return ids;
}

int64_t OrgStore::count(const ObjectSchema& object, bool include_deleted) {
  std::lock_guard lock(mutex_);
  std::string sql = "SELECT count(*) FROM " + object.table();
  if (!include_deleted) sql += " WHERE \"IsDeleted\" = 0";
  Statement stmt(db_, sql);
  return sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) : 0;
}

Result<std::unique_ptr<ReadSnapshot>> OrgStore::snapshot() {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return make_error("DB_ERROR", "cannot open a read snapshot: " + msg);
  }
  std::unique_ptr<ReadSnapshot> snap(new ReadSnapshot(db));
  // A deferred transaction takes its snapshot at the first read: read now so that the cursor sees
  // the org as of the query, not as of its first page.
  if (auto r = exec(db, "BEGIN; SELECT count(*) FROM id_counters;"); !r) return r.error();
  return snap;
}

}  // namespace emu
