#include "app/sync_schedule.h"

#include <algorithm>

namespace sfsync {

const CronSchedule& SyncSchedule::Entry::cron() const {
  return full ? *sync->options.full_schedule_cron : *sync->options.schedule_cron;
}

const std::string& SyncSchedule::Entry::cron_text() const {
  return full ? sync->options.full_schedule : sync->options.schedule;
}

SyncSchedule::SyncSchedule(const std::vector<SyncConfig>& syncs, int64_t now_ms, bool run_now) {
  for (const SyncConfig& s : syncs)
    for (bool full : {true, false}) {  // the full run first: it covers the other
      Entry e{&s, full, 0};
      if (!(full ? s.options.full_schedule_cron : s.options.schedule_cron)) continue;
      // run_now runs each sync once: incrementally when it has a schedule for that. A full
      // re-read at every restart of the daemon would cost a deploy the whole object.
      bool now = run_now && (!full || !s.options.schedule_cron);
      e.next_ms = now ? now_ms : e.cron().next_after(now_ms);
      if (e.next_ms >= 0) entries_.push_back(e);
    }
}

const SyncSchedule::Entry& SyncSchedule::due() const {
  // min_element keeps the first of equal times: config order.
  return *std::min_element(entries_.begin(), entries_.end(),
                           [](const Entry& a, const Entry& b) { return a.next_ms < b.next_ms; });
}

void SyncSchedule::ran(const SyncConfig* sync, bool full, int64_t finished_ms) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    int64_t next = it->next_ms;
    if (it->sync == sync && it->full == full) {
      next = it->cron().next_after(it->next_ms);
      // A fire time the run overlapped: one catch-up run now; the ones after it count from then.
      if (next >= 0 && next < finished_ms) next = finished_ms;
    } else if (full && it->sync == sync && it->next_ms <= finished_ms) {
      next = it->cron().next_after(finished_ms);  // the full run read what this one would have
    }
    if (next < 0) {
      it = entries_.erase(it);
      continue;
    }
    it->next_ms = next;
    ++it;
  }
}

}  // namespace sfsync
