#include "emulator/query/query_cursor.h"

#include "emulator/query/record_renderer.h"

namespace emu::query {

sfsync::Result<std::unique_ptr<QueryCursor>> QueryCursor::open(OrgStore& store, soql::CompiledQuery compiled) {
  auto snapshot = store.snapshot();
  if (!snapshot.ok()) return snapshot.error();
  std::unique_ptr<QueryCursor> cursor(new QueryCursor(std::move(snapshot.value()), std::move(compiled)));
  // Index-ordered reads (ORDER BY SystemModstamp, Id) jump around the table: map the file instead
  // of read()-ing each page through a 2 MB cache.
  sqlite3_exec(cursor->snapshot_->db(), "PRAGMA mmap_size = 4294967296", nullptr, nullptr, nullptr);
  const soql::CompiledQuery& compiled_query = cursor->compiled_;
  if (!compiled_query.count_probe_sql.empty()) {
    auto probe = cursor->count(compiled_query.count_probe_sql);
    if (!probe.ok()) return probe.error();
    cursor->total_ = probe.value();
  }
  if (compiled_query.count_probe_sql.empty() || cursor->total_ >= soql::kCountProbeRows) {
    auto total = cursor->count(compiled_query.count_sql);
    if (!total.ok()) return total.error();
    cursor->total_ = total.value();
  }
  auto rows = cursor->prepare(cursor->compiled_.sql);
  if (!rows.ok()) return rows.error();
  cursor->stmt_ = rows.value();
  return cursor;
}

QueryCursor::~QueryCursor() {
  if (stmt_) sqlite3_finalize(stmt_);
}

sfsync::Result<sqlite3_stmt*> QueryCursor::prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(snapshot_->db(), sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(snapshot_->db());
    sqlite3_finalize(stmt);
    return sfsync::make_error("UNKNOWN_EXCEPTION", "query failed: " + message);
  }
  int count = sqlite3_bind_parameter_count(stmt);
  for (int i = 1; i <= count && static_cast<size_t>(i) <= compiled_.params.size(); ++i) {
    bind_value(stmt, i, compiled_.params[static_cast<size_t>(i - 1)]);
  }
  return stmt;
}

sfsync::Result<int64_t> QueryCursor::count(const std::string& sql) {
  auto stmt = prepare(sql);
  if (!stmt.ok()) return stmt.error();
  int64_t n = sqlite3_step(stmt.value()) == SQLITE_ROW ? sqlite3_column_int64(stmt.value(), 0) : 0;
  sqlite3_finalize(stmt.value());
  return n;
}

int64_t QueryCursor::aggregate_count() {
  sqlite3_reset(stmt_);
  int64_t n = sqlite3_step(stmt_) == SQLITE_ROW ? sqlite3_column_int64(stmt_, 0) : 0;
  sqlite3_reset(stmt_);
  return n;
}

void QueryCursor::seek(int64_t offset) {
  if (offset < position_) {  // a retried page: start over inside the same snapshot
    sqlite3_reset(stmt_);
    position_ = 0;
    stepped_out_ = false;
  }
  while (position_ < offset && !stepped_out_) {
    if (sqlite3_step(stmt_) != SQLITE_ROW) { stepped_out_ = true; break; }
    ++position_;
  }
}

int64_t QueryCursor::append_records(int64_t offset, int64_t max_records, std::string_view api_version,
                                    std::string& out) {
  if (!renderer_ || renderer_version_ != api_version) {
    renderer_ = std::make_unique<RecordRenderer>(compiled_.root, api_version, snapshot_->db());
    renderer_version_ = std::string(api_version);
  }
  seek(offset);
  out.push_back('[');
  int64_t written = 0;
  while (written < max_records && !stepped_out_) {
    if (sqlite3_step(stmt_) != SQLITE_ROW) { stepped_out_ = true; break; }
    ++position_;
    if (written++) out.push_back(',');
    renderer_->append_record(stmt_, out);
  }
  out.push_back(']');
  return written;
}

}  // namespace emu::query
