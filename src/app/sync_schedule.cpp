#include "app/sync_schedule.h"

#include <algorithm>

namespace sfsync {

SyncSchedule::SyncSchedule(const std::vector<SyncConfig>& syncs, int64_t now_ms, bool run_now) {
  for (const SyncConfig& s : syncs) {
    if (!s.options.schedule_cron) continue;
    int64_t next = run_now ? now_ms : s.options.schedule_cron->next_after(now_ms);
    if (next >= 0) entries_.push_back({&s, next});
  }
}

const SyncSchedule::Entry& SyncSchedule::due() const {
  // min_element keeps the first of equal times: config order.
  return *std::min_element(entries_.begin(), entries_.end(),
                           [](const Entry& a, const Entry& b) { return a.next_ms < b.next_ms; });
}

void SyncSchedule::ran(const SyncConfig* sync, int64_t finished_ms) {
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.sync == sync; });
  if (it == entries_.end()) return;
  int64_t next = sync->options.schedule_cron->next_after(it->next_ms);
  if (next < 0) {
    entries_.erase(it);
    return;
  }
  // A fire time the run overlapped: one catch-up run now; the ones after it count from then.
  it->next_ms = next < finished_ms ? finished_ms : next;
}

}  // namespace sfsync
