// WalCheckpointer: copies the WAL back into the database file on its own thread and connection.
//
// In WAL mode a commit only appends to the WAL; a checkpoint later copies those pages into the
// database file and fsyncs it. Left to SQLite (wal_autocheckpoint), the checkpoint runs inside
// the committing writer's call, so the writer of a pull waits for the copy and the fsync. Here a
// PASSIVE checkpoint runs every 100 ms on a second connection: it never blocks the writer or
// readers, and on 2 cores the copy runs beside the writer. The writer's own wal_autocheckpoint
// stays as the cap on the WAL's size for when this thread falls behind, and is what restarts the
// WAL: it runs right after a commit, when this thread has already copied all but that commit.
// Measured at 1M Contacts (bench/pull): the writer's fdatasync time fell from 5.0 s to 1.2 s.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace sfsync::store {

class WalCheckpointer {
 public:
  // Opens its own connection to `path`; does nothing when that fails (the writer still checkpoints).
  explicit WalCheckpointer(const std::string& path);
  ~WalCheckpointer();  // stops the thread, closes the connection
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

 private:
  void loop();

  sqlite3* db_ = nullptr;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace sfsync::store
