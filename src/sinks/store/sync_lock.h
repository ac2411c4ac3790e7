// SyncLock: one run of a sync at a time, across processes — a cron job, the daemon and a person at
// a terminal may all start the same sync.
//
// Two runs of one sync would not lose data (pages are idempotent), but the second would close the
// first's live execution as "interrupted", and their checkpoints would race. The lock is an
// flock(2) on a file beside the store ("<store>.lock-<sync>"): the kernel drops it when the
// process ends however it ends, so a crashed run never leaves a stale lock behind.
#pragma once

#include <string>

#include "common/result.h"

namespace sfsync {

class SyncLock {
 public:
  // Takes the lock without waiting. Error "busy" naming the holder's pid when another process
  // runs the sync; "io" when the lock file cannot be opened.
  static Result<SyncLock> acquire(const std::string& store_path, const std::string& sync_name);

  SyncLock(SyncLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  SyncLock& operator=(SyncLock&& other) noexcept;
  SyncLock(const SyncLock&) = delete;
  SyncLock& operator=(const SyncLock&) = delete;
  ~SyncLock();

  // Where the lock of `sync_name` lives (its characters other than [A-Za-z0-9_-] become '_').
  static std::string path_for(const std::string& store_path, const std::string& sync_name);

 private:
  explicit SyncLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace sfsync
