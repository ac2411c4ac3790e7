// SQLite file models, and the customer store (also a SQLite file), through sqlite3 directly:
// a prepared statement is a cursor, so stepping it a page at a time streams any model size.
#include <sqlite3.h>

#include "sources/models/model_source.h"

namespace sfsync {

namespace {

class SqliteModel : public ModelSource {
 public:
  SqliteModel(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {
    for (int i = 0; i < sqlite3_column_count(stmt_); ++i) columns_.emplace_back(sqlite3_column_name(stmt_, i));
  }
  ~SqliteModel() override {
    sqlite3_finalize(stmt_);
    sqlite3_close(db_);
  }
  const std::vector<std::string>& columns() const override { return columns_; }

  Result<Page> next(size_t max_rows) override {
    Page page;
    while (!done_ && page.records.size() < max_rows) {
      int rc = sqlite3_step(stmt_);
      if (rc == SQLITE_DONE) {
        done_ = true;
        break;
      }
      if (rc != SQLITE_ROW) return make_error("bad_input", std::string("model query failed: ") + sqlite3_errmsg(db_));
      page.records.push_back(read_row());
    }
    page.last = done_;
    return page;
  }

 private:
  Record read_row() {
    Record r;
    r.object = "model";
    r.fields.reserve(columns_.size());
    for (int i = 0; i < static_cast<int>(columns_.size()); ++i) {
      switch (sqlite3_column_type(stmt_, i)) {
        case SQLITE_NULL: r.set(columns_[i], Value::null()); break;
        case SQLITE_INTEGER: r.set(columns_[i], Value::integer(sqlite3_column_int64(stmt_, i))); break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
          r.set(columns_[i], Value::string(text ? text : ""));
        }
      }
    }
    return r;
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::vector<std::string> columns_;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<ModelSource>> open_sqlite_model(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  // Read-only: a model is never allowed to change the database it reads.
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return make_error("bad_input", "cannot open SQLite model database " + path + ": " + why);
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK || !stmt) {
    std::string why = stmt ? sqlite3_errmsg(db) : (sqlite3_errcode(db) == SQLITE_OK ? "empty query" : sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return make_error("bad_input", "model SQL is invalid: " + why);
  }
  return std::unique_ptr<ModelSource>(new SqliteModel(db, stmt));
}

}  // namespace sfsync
