#include "emulator/bulk/job_registry.h"

#include <atomic>

#include "common/time_util.h"
#include "emulator/org/sfid.h"

namespace emu {

namespace {

// One counter for the process: job ids stay unique across registries and resets, as in an org.
std::atomic<uint64_t> g_next_job_number{1};

}  // namespace

JobRegistry::JobRegistry(int worker_threads) {
  for (int i = 0; i < worker_threads; ++i) workers_.emplace_back([this] { worker_loop(); });
}

JobRegistry::~JobRegistry() {
  clear();
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
}

std::shared_ptr<Job> JobRegistry::create(JobSettings settings, JobState initial, int64_t now_ms) {
  std::string id = make_sfid("750", g_next_job_number.fetch_add(1));
  auto job = std::make_shared<Job>(id, std::move(settings), initial, now_ms);
  std::lock_guard lock(mu_);
  jobs_.emplace(std::move(id), job);
  return job;
}

std::shared_ptr<Job> JobRegistry::find(const std::string& id) const {
  auto full = normalize_sfid(id);
  if (!full) return nullptr;
  std::lock_guard lock(mu_);
  auto it = jobs_.find(*full);
  return it == jobs_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Job>> JobRegistry::list() const {
  std::lock_guard lock(mu_);
  std::vector<std::shared_ptr<Job>> out;
  out.reserve(jobs_.size());
  for (const auto& [id, job] : jobs_) out.push_back(job);
  return out;
}

bool JobRegistry::remove(const std::string& id) {
  auto full = normalize_sfid(id);
  if (!full) return false;
  std::shared_ptr<Job> job;
  {
    std::lock_guard lock(mu_);
    auto it = jobs_.find(*full);
    if (it == jobs_.end()) return false;
    job = std::move(it->second);
    jobs_.erase(it);
  }
  job->abort(sfsync::now_ms());  // a running worker stops at its next check
  return true;
}

void JobRegistry::clear() {
  std::map<std::string, std::shared_ptr<Job>> jobs;
  {
    std::lock_guard lock(mu_);
    jobs.swap(jobs_);
    queue_.clear();
  }
  const int64_t now = sfsync::now_ms();
  for (auto& [id, job] : jobs) job->abort(now);
}

void JobRegistry::submit(std::shared_ptr<Job> job, std::function<void(Job&)> work) {
  {
    std::lock_guard lock(mu_);
    queue_.emplace_back(std::move(job), std::move(work));
  }
  cv_.notify_one();
}

void JobRegistry::worker_loop() {
  while (true) {
    std::pair<std::shared_ptr<Job>, std::function<void(Job&)>> item;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    if (!item.first->aborted()) item.second(*item.first);
  }
}

}  // namespace emu
