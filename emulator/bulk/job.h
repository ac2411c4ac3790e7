// Bulk API 2.0 job: identity, settings and a state machine shared by the HTTP handlers (which read
// and abort) and the background worker (which runs it).
//
// States: ingest Open -> UploadComplete -> InProgress -> JobComplete | Failed, query jobs start at
// UploadComplete; Aborted from any non-final state. Counters and results are filled by the worker.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "emulator/bulk/csv.h"
#include "emulator/bulk/result_file.h"

namespace emu {

enum class JobState { Open, UploadComplete, InProgress, JobComplete, Failed, Aborted };
std::string_view job_state_name(JobState s);
bool is_final(JobState s);

enum class JobKind { Query, Ingest };

// Fixed at creation.
struct JobSettings {
  JobKind kind = JobKind::Query;
  std::string operation;            // query | queryAll | insert | update | upsert | delete | hardDelete
  std::string object;               // API name as Describe spells it
  std::string external_id_field;    // upsert only
  std::string query;                // query jobs: the SOQL text
  std::string api_version;          // "63.0": results must be read with the same version
  std::string created_by_id;
  csv::Delimiter delimiter = csv::Delimiter::Comma;
  csv::LineEnding line_ending = csv::LineEnding::LF;
};

// What the worker reports; read as one consistent copy.
struct JobProgress {
  JobState state = JobState::UploadComplete;
  int64_t created_ms = 0;
  int64_t modstamp_ms = 0;
  int64_t records_processed = 0;
  int64_t records_failed = 0;
  int64_t total_processing_ms = 0;
  int64_t api_active_ms = 0;
  std::string error_message;        // Failed jobs
};

// Result files of a finished job (query: `records`; ingest: the three outcome files). Shared, so a
// request serving a file keeps it alive while the job is deleted or reset meanwhile.
struct JobResults {
  std::shared_ptr<const ResultFile> records;
  std::shared_ptr<const ResultFile> successful;
  std::shared_ptr<const ResultFile> failed;
  std::shared_ptr<const ResultFile> unprocessed;
};

class Job {
 public:
  Job(std::string id, JobSettings settings, JobState initial, int64_t now_ms);

  const std::string& id() const { return id_; }
  const JobSettings& settings() const { return settings_; }
  JobProgress progress() const;

  // Moves to `next` when allowed from the current state; false otherwise. Stamps systemModstamp.
  bool transition(JobState from, JobState next, int64_t now_ms);
  // Aborted from any non-final state. False when already final.
  bool abort(int64_t now_ms);
  bool aborted() const { return abort_requested_.load(); }

  // Worker side.
  void update(const std::function<void(JobProgress&)>& fn);
  void finish(JobState final_state, JobResults results, int64_t now_ms, std::string error = "");

  // Ingest upload: the CSV text, set once while Open.
  bool set_upload(std::string data);
  bool has_upload() const;
  std::string take_upload();
  // A copy of the upload when no worker took it (a job aborted before it ran).
  std::string upload_copy() const;

  // The result files once the worker finished (read-only by then); empty before.
  JobResults results() const;

 private:
  const std::string id_;
  const JobSettings settings_;
  mutable std::mutex mu_;
  JobProgress progress_;
  JobResults results_;
  std::string upload_;
  bool uploaded_ = false;
  std::atomic<bool> abort_requested_{false};
};

}  // namespace emu
