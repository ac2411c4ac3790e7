#include "emulator/bulk/ingest_job_runner.h"

#include "common/time_util.h"
#include "emulator/bulk/ingest_row.h"
#include "emulator/bulk/query_job_runner.h"

namespace emu {

namespace {

constexpr int kRowsPerTransaction = 200;

// The three outcome files and how rows are echoed into them.
class Outcomes {
 public:
  explicit Outcomes(const JobSettings& s)
      : delimiter_(csv::delimiter_char(s.delimiter)), eol_(csv::line_ending_text(s.line_ending)) {}

  Result<void> open(const std::string& job_id, std::string_view header_text) {
    for (auto* f : {&successful_, &failed_, &unprocessed_}) {
      auto file = ResultFile::create(job_id);
      if (!file.ok()) return file.error();
      *f = std::move(*file);
    }
    (void)successful_->set_header(header_row("sf__Id", "sf__Created", header_text));
    (void)failed_->set_header(header_row("sf__Id", "sf__Error", header_text));
    (void)unprocessed_->set_header(std::string(header_text) + std::string(eol_));
    return {};
  }

  Result<void> success(const RowOutcome& o, const std::vector<std::string>& values) {
    return successful_->append_row(row(o.id, o.created ? "true" : "false", values));
  }
  Result<void> failure(const RowOutcome& o, const std::vector<std::string>& values) {
    return failed_->append_row(row(o.id, sf_error_text(*o.error), values));
  }
  Result<void> unprocessed(std::string_view text) {
    return unprocessed_->append_row(std::string(text) + std::string(eol_));
  }
  Result<void> finish() {
    for (auto* f : {&successful_, &failed_, &unprocessed_}) {
      if (*f) {
        if (auto r = (*f)->finish(); !r.ok()) return r;
      }
    }
    return {};
  }
  JobResults take() {
    JobResults results;
    results.successful = std::move(successful_);
    results.failed = std::move(failed_);
    results.unprocessed = std::move(unprocessed_);
    return results;
  }

 private:
  // The sf__ columns are quoted; the client's header is echoed as written.
  std::string header_row(std::string_view a, std::string_view b, std::string_view header_text) const {
    std::string out;
    csv::Writer w(out, delimiter_, eol_);
    w.field(a).field(b).raw(header_text);
    w.end_row();
    return out;
  }
  std::string row(std::string_view a, std::string_view b, const std::vector<std::string>& values) const {
    std::string out;
    csv::Writer w(out, delimiter_, eol_);
    w.field(a).field(b);
    for (const auto& v : values) w.field(v);
    w.end_row();
    return out;
  }

  char delimiter_;
  std::string_view eol_;
  std::unique_ptr<ResultFile> successful_, failed_, unprocessed_;
};

struct RunState {
  int64_t processed = 0;
  int64_t failed = 0;
};

// Applies data rows until the input ends or the job is aborted; the rest goes to unprocessed.
Result<void> apply_rows(Job& job, OrgStore& store, const IngestTarget& target, csv::Reader& reader,
                        Outcomes& outcomes, RunState& state) {
  RecordWriter writer(store);
  csv::Row row;
  bool more = true;
  while (more && !job.aborted()) {
    Result<void> written = store.transaction([&]() -> Result<void> {
      for (int i = 0; i < kRowsPerTransaction; ++i) {
        if (!(more = reader.next(row))) break;
        RowOutcome o = apply_row(target, row.fields, store, writer);
        ++state.processed;
        if (o.error) ++state.failed;
        Result<void> r = o.error ? outcomes.failure(o, row.fields) : outcomes.success(o, row.fields);
        if (!r.ok()) return r;
      }
      return {};
    });
    if (!written.ok()) return written;
    job.update([&](JobProgress& p) {
      p.records_processed = state.processed;
      p.records_failed = state.failed;
    });
  }
  while (reader.next(row)) {
    if (auto r = outcomes.unprocessed(row.text); !r.ok()) return r;
  }
  if (!reader.error().empty()) return sfsync::make_error("ClientInputError", reader.error());
  return {};
}

// Reads the header and resolves it; the error message is the job's errorMessage.
Result<IngestTarget> read_target(const Job& job, OrgStore& store, const std::string& data,
                                 csv::Reader& reader, csv::Row& header) {
  const JobSettings& s = job.settings();
  if (!reader.next(header)) {
    return sfsync::make_error("ClientInputError", reader.error().empty() ? "No data found in the upload" : reader.error());
  }
  if (s.line_ending == csv::LineEnding::LF && data.find("\r\n") != std::string::npos) {
    return sfsync::make_error("ClientInputError", "LineEnding is invalid on user data. Current LineEnding setting is LF");
  }
  IngestTarget target;
  target.object = store.catalog().find(s.object);
  target.operation = s.operation;
  if (!s.external_id_field.empty()) target.external_id = target.object->field(s.external_id_field);
  auto columns = resolve_columns(store.catalog(), *target.object, header.fields);
  if (!columns.ok()) return columns.error();
  target.columns = std::move(*columns);
  if (s.operation == "upsert") target.duplicate_keys = find_duplicate_keys(target, reader);
  return target;
}

}  // namespace

void run_ingest_job(Job& job, OrgStore& store) {
  const int64_t start = sfsync::now_ms();
  if (!job.transition(JobState::UploadComplete, JobState::InProgress, start)) return;
  const std::string data = job.take_upload();
  csv::Reader reader(data, csv::delimiter_char(job.settings().delimiter));
  csv::Row header;
  Outcomes outcomes(job.settings());
  RunState state;
  auto target = read_target(job, store, data, reader, header);
  const Result<void> opened = outcomes.open(job.id(), header.text);
  Result<void> run = opened;
  if (run.ok() && !target.ok()) run = target.error();
  if (run.ok()) run = apply_rows(job, store, *target, reader, outcomes, state);
  if (!run.ok() && opened.ok()) {  // whatever was not attempted is unprocessed
    csv::Row row;
    while (reader.next(row)) (void)outcomes.unprocessed(row.text);
  }
  (void)outcomes.finish();
  hold_min_run_time(job, start);
  const int64_t end = sfsync::now_ms();
  job.update([&](JobProgress& p) {
    p.records_processed = state.processed;
    p.records_failed = state.failed;
    p.total_processing_ms = end - start;
    p.api_active_ms = (end - start) / 2;
  });
  if (run.ok()) {
    job.finish(JobState::JobComplete, outcomes.take(), end);
  } else {
    job.finish(JobState::Failed, outcomes.take(), end, run.error().code + " : " + run.error().message);
  }
}

}  // namespace emu
