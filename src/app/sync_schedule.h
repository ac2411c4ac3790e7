// SyncSchedule: when each scheduled sync runs next — the daemon's plan, in UTC cron times.
//
// A sync has up to two schedules: `options.schedule` (a normal, incremental run) and, for pull
// syncs, `options.full_schedule` (a full re-read, `sync --full`). Runs go one at a time, the one
// due first first (ties in config order, a sync's full run before its incremental one). A full run
// also does what an incremental run due by its end would: that one moves on to its next time. A
// run that overlaps its own next fire time is followed by one catch-up run right after it, never
// by a queue of the fire times it missed: a sync that always takes longer than its period runs
// back to back. Pure (times are passed in), so tests drive it without waiting for the clock.
#pragma once

#include <cstdint>
#include <vector>

#include "config/config.h"

namespace sfsync {

class SyncSchedule {
 public:
  struct Entry {
    const SyncConfig* sync = nullptr;
    bool full = false;    // options.full_schedule: a full re-read
    int64_t next_ms = 0;  // epoch ms, UTC
    const CronSchedule& cron() const;
    const std::string& cron_text() const;
  };

  // Every schedule of every sync. With run_now each sync is first due at now_ms once: by its
  // `schedule` (incremental), or by its `full_schedule` when it has no other.
  SyncSchedule(const std::vector<SyncConfig>& syncs, int64_t now_ms, bool run_now);

  bool empty() const { return entries_.empty(); }
  const std::vector<Entry>& entries() const { return entries_; }
  // The entry due first. Requires !empty().
  const Entry& due() const;
  // The run `sync` (full or not) made from its due time until `finished_ms`: plans the next one. A
  // schedule with no further fire time leaves the plan.
  void ran(const SyncConfig* sync, bool full, int64_t finished_ms);

 private:
  std::vector<Entry> entries_;
};

}  // namespace sfsync
