#include "sinks/store/sync_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

namespace sfsync {

std::string SyncLock::path_for(const std::string& store_path, const std::string& sync_name) {
  std::string name = sync_name;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
  return store_path + ".lock-" + name;
}

Result<SyncLock> SyncLock::acquire(const std::string& store_path, const std::string& sync_name) {
  std::string path = path_for(store_path, sync_name);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return make_error("io", "cannot open the lock file " + path + " (" + std::strerror(errno) +
                                "); the store's folder must be writable");
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char pid[32] = {};
    ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
    ::close(fd);
    std::string holder = n > 0 ? std::string(pid, static_cast<size_t>(n)) : "";
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    return make_error("busy", "sync \"" + sync_name + "\" is already running (" +
                                  (holder.empty() ? std::string("in another process") : "pid " + holder) +
                                  "); this run is skipped, the running one carries on");
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The pid is only for the message of a run that finds the lock taken: not worth failing over.
  }
  return SyncLock(fd);
}

SyncLock& SyncLock::operator=(SyncLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

SyncLock::~SyncLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace sfsync
