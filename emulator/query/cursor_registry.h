// CursorRegistry: the open query locators ("01g..." ids) of the org.
//
// Like Salesforce: a locator idle for 15 minutes expires, and each user keeps at most 10 open
// cursors — opening another drops that user's oldest (finished cursors go first). A dropped or
// unknown locator answers INVALID_QUERY_LOCATOR. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "emulator/query/query_cursor.h"

namespace emu::query {

struct CursorLimits {
  int max_per_user = 10;
  int64_t idle_timeout_ms = 15 * 60 * 1000;
};

class CursorRegistry {
 public:
  // `clock_ms` returns a monotonic time in ms (tests pass a fake one).
  explicit CursorRegistry(CursorLimits limits = {}, std::function<int64_t()> clock_ms = {});

  // Registers the cursor for `user_id`; returns its locator ("01g" + 15 characters).
  std::string add(const std::string& user_id, std::shared_ptr<QueryCursor> cursor);
  // The cursor, or nullptr when unknown or expired. Refreshes its idle time.
  std::shared_ptr<QueryCursor> find(const std::string& locator);
  void remove(const std::string& locator);
  void clear();
  size_t size() const;

 private:
  struct Entry {
    std::string user_id;
    std::shared_ptr<QueryCursor> cursor;
    int64_t last_used_ms;
  };
  void drop_expired(int64_t now);
  void enforce_user_cap(const std::string& user_id);

  CursorLimits limits_;
  std::function<int64_t()> clock_ms_;
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
  uint64_t next_id_ = 1;
};

}  // namespace emu::query
