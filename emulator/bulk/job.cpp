#include "emulator/bulk/job.h"

namespace emu {

std::string_view job_state_name(JobState s) {
  switch (s) {
    case JobState::Open: return "Open";
    case JobState::UploadComplete: return "UploadComplete";
    case JobState::InProgress: return "InProgress";
    case JobState::JobComplete: return "JobComplete";
    case JobState::Failed: return "Failed";
    case JobState::Aborted: return "Aborted";
  }
  return "Failed";
}

bool is_final(JobState s) {
  return s == JobState::JobComplete || s == JobState::Failed || s == JobState::Aborted;
}

Job::Job(std::string id, JobSettings settings, JobState initial, int64_t now_ms)
    : id_(std::move(id)), settings_(std::move(settings)) {
  progress_.state = initial;
  progress_.created_ms = now_ms;
  progress_.modstamp_ms = now_ms;
}

JobProgress Job::progress() const {
  std::lock_guard lock(mu_);
  return progress_;
}

bool Job::transition(JobState from, JobState next, int64_t now_ms) {
  std::lock_guard lock(mu_);
  if (progress_.state != from) return false;
  progress_.state = next;
  progress_.modstamp_ms = now_ms;
  return true;
}

bool Job::abort(int64_t now_ms) {
  std::lock_guard lock(mu_);
  if (is_final(progress_.state)) return false;
  abort_requested_ = true;
  progress_.state = JobState::Aborted;
  progress_.modstamp_ms = now_ms;
  return true;
}

void Job::update(const std::function<void(JobProgress&)>& fn) {
  std::lock_guard lock(mu_);
  fn(progress_);
}

void Job::finish(JobState final_state, JobResults results, int64_t now_ms, std::string error) {
  std::lock_guard lock(mu_);
  results_ = std::move(results);
  if (progress_.state == JobState::Aborted) return;  // an abort that raced the worker wins
  progress_.state = final_state;
  progress_.modstamp_ms = now_ms;
  progress_.error_message = std::move(error);
}

bool Job::set_upload(std::string data) {
  std::lock_guard lock(mu_);
  if (uploaded_ || progress_.state != JobState::Open) return false;
  upload_ = std::move(data);
  uploaded_ = true;
  return true;
}

bool Job::has_upload() const {
  std::lock_guard lock(mu_);
  return uploaded_;
}

std::string Job::take_upload() {
  std::lock_guard lock(mu_);
  return std::move(upload_);
}

JobResults Job::results() const {
  std::lock_guard lock(mu_);
  return results_;
}

std::string Job::upload_copy() const {
  std::lock_guard lock(mu_);
  return upload_;
}

}  // namespace emu
