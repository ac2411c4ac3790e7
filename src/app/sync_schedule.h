// SyncSchedule: when each scheduled sync runs next — the daemon's plan, in UTC cron times.
//
// Syncs run one at a time, the one due first first (ties in config order). A run that overlaps its
// sync's next fire time is followed by one catch-up run right after it, never by a queue of the
// fire times it missed: a sync that always takes longer than its period runs back to back.
// Pure (times are passed in), so tests drive it without waiting for the clock.
#pragma once

#include <cstdint>
#include <vector>

#include "config/config.h"

namespace sfsync {

class SyncSchedule {
 public:
  struct Entry {
    const SyncConfig* sync = nullptr;
    int64_t next_ms = 0;  // epoch ms, UTC
  };

  // Every sync with options.schedule; with run_now each is first due at now_ms.
  SyncSchedule(const std::vector<SyncConfig>& syncs, int64_t now_ms, bool run_now);

  bool empty() const { return entries_.empty(); }
  const std::vector<Entry>& entries() const { return entries_; }
  // The entry due first. Requires !empty().
  const Entry& due() const;
  // `sync` ran from its due time until `finished_ms`: plans its next run. A sync whose cron has no
  // further fire time leaves the schedule.
  void ran(const SyncConfig* sync, int64_t finished_ms);

 private:
  std::vector<Entry> entries_;
};

}  // namespace sfsync
