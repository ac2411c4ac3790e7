#include "emulator/bulk/query_job_runner.h"

#include <chrono>
#include <thread>

#include "common/time_util.h"
#include "emulator/bulk/csv_values.h"

namespace emu {

namespace {

constexpr int64_t kAbortCheckRows = 1000;

struct StatementCloser {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// Streams every row of the plan into `file`; returns the row count.
Result<int64_t> stream_rows(Job& job, OrgStore& store, const BulkQueryPlan& plan, ResultFile& file) {
  auto snapshot = store.snapshot();
  if (!snapshot.ok()) return snapshot.error();
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2((*snapshot)->db(), plan.sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    return sfsync::make_error("UNKNOWN_EXCEPTION", sqlite3_errmsg((*snapshot)->db()));
  }
  std::unique_ptr<sqlite3_stmt, StatementCloser> stmt(raw);
  for (size_t i = 0; i < plan.params.size(); ++i) bind_value(raw, static_cast<int>(i + 1), plan.params[i]);

  const char delimiter = csv::delimiter_char(job.settings().delimiter);
  const std::string_view eol = csv::line_ending_text(job.settings().line_ending);
  std::string line, value;
  int64_t rows = 0;
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    line.clear();
    for (size_t c = 0; c < plan.types.size(); ++c) {
      if (c) line.push_back(delimiter);
      value.clear();
      append_csv_value(value, column_value(raw, plan.sql_columns[c], plan.types[c]), plan.types[c]);
      csv::append_quoted(line, value);
    }
    line.append(eol);
    if (auto r = file.append_row(line); !r.ok()) return r.error();
    if (++rows % kAbortCheckRows == 0) {
      if (job.aborted()) return rows;
      job.update([rows](JobProgress& p) { p.records_processed = rows; });
    }
  }
  if (rc != SQLITE_DONE) return sfsync::make_error("UNKNOWN_EXCEPTION", sqlite3_errmsg((*snapshot)->db()));
  return rows;
}

}  // namespace

void hold_min_run_time(const Job& job, int64_t start_ms) {
  while (!job.aborted() && sfsync::now_ms() < start_ms + kMinJobRunMs) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void run_query_job(Job& job, OrgStore& store, const BulkQueryPlan& plan) {
  const int64_t start = sfsync::now_ms();
  if (!job.transition(JobState::UploadComplete, JobState::InProgress, start)) return;
  JobResults results;
  auto file = ResultFile::create(job.id());
  if (!file.ok()) {
    job.finish(JobState::Failed, {}, sfsync::now_ms(), file.error().message);
    return;
  }
  std::string header;
  csv::Writer w(header, csv::delimiter_char(job.settings().delimiter),
                csv::line_ending_text(job.settings().line_ending));
  for (const auto& name : plan.columns) w.field(name);
  w.end_row();
  (void)(*file)->set_header(header);
  auto rows = stream_rows(job, store, plan, **file);
  Result<void> flushed = rows.ok() ? (*file)->finish() : Result<void>(rows.error());
  hold_min_run_time(job, start);
  const int64_t end = sfsync::now_ms();
  if (!flushed.ok()) {
    job.finish(JobState::Failed, {}, end, flushed.error().message);
    return;
  }
  job.update([&](JobProgress& p) {
    p.records_processed = *rows;
    p.total_processing_ms = end - start;
  });
  results.records = std::move(*file);
  job.finish(JobState::JobComplete, std::move(results), end);
}

}  // namespace emu
