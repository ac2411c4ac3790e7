// JobRegistry: the org's Bulk jobs of one kind, and the background worker that runs them.
//
// Jobs run on worker threads, not in the request that submitted them, so clients see the real
// life cycle (UploadComplete/InProgress while polling, then a final state). Destruction aborts
// every job and joins the workers before the org they write to goes away.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "emulator/bulk/job.h"

namespace emu {

class JobRegistry {
 public:
  explicit JobRegistry(int worker_threads = 2);
  ~JobRegistry();
  JobRegistry(const JobRegistry&) = delete;
  JobRegistry& operator=(const JobRegistry&) = delete;

  // Registers a new job with a fresh "750..." id.
  std::shared_ptr<Job> create(JobSettings settings, JobState initial, int64_t now_ms);
  std::shared_ptr<Job> find(const std::string& id) const;  // 15- or 18-char id; nullptr if unknown
  std::vector<std::shared_ptr<Job>> list() const;          // creation order
  // Removes the job (its result files go with the last reference). False when unknown.
  bool remove(const std::string& id);
  // Aborts and forgets every job (admin reset).
  void clear();

  // Runs `work` for `job` on a worker thread, unless the job is aborted before it starts.
  void submit(std::shared_ptr<Job> job, std::function<void(Job&)> work);

 private:
  void worker_loop();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;  // by 18-char id (ids sort by creation)
  std::deque<std::pair<std::shared_ptr<Job>, std::function<void(Job&)>>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace emu
