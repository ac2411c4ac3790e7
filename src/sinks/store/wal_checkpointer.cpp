#include "sinks/store/wal_checkpointer.h"

#include <sqlite3.h>

#include <chrono>

namespace sfsync::store {

WalCheckpointer::WalCheckpointer(const std::string& path) {
  if (path.empty() || path == ":memory:") return;  // no WAL there
  // A read first: a connection that has read nothing has not opened the WAL, and SQLite 3.40
  // answers its checkpoints with "not in WAL mode" (-1 frames) and copies nothing.
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK ||
      sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    return;
  }
  thread_ = std::thread([this] { loop(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard l(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (db_) sqlite3_close_v2(db_);
}

void WalCheckpointer::loop() {
  std::unique_lock l(mu_);
  while (!wake_.wait_for(l, std::chrono::milliseconds(100), [this] { return stop_; })) {
    l.unlock();
    int wal_frames = 0, copied = 0;
    // PASSIVE: copies what no reader still needs, takes no lock a writer waits for; errors (BUSY
    // while another checkpoint runs) just mean "next time".
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames, &copied);
    l.lock();
  }
}

}  // namespace sfsync::store
