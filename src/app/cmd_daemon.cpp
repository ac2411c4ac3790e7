// sfsync daemon: runs every scheduled sync at its cron times (UTC) until SIGTERM/SIGINT.
// Syncs run one at a time, in fire-time order; a sync whose run overlaps its next fire time runs
// once more right after (fire times missed while it ran are not queued up).
#include <chrono>
#include <cstdio>
#include <thread>

#include "app/commands.h"
#include "common/time_util.h"

namespace sfsync {

namespace {

struct Scheduled {
  const SyncConfig* sync;
  int64_t next_ms;
};

// Sleeps until `until_ms` in short steps so that a signal ends the wait promptly.
void sleep_until(int64_t until_ms, const std::atomic<bool>* cancel) {
  while (!(cancel && cancel->load()) && now_ms() < until_ms)
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(500, until_ms - now_ms())));
}

}  // namespace

int cmd_daemon(CliContext& ctx, const std::atomic<bool>* cancel) {
  const Config* config = ctx.config();
  if (!config) return kExitBadInput;
  std::vector<Scheduled> schedule;
  int64_t now = now_ms();
  for (const auto& s : config->syncs)
    if (s.options.schedule_cron) schedule.push_back({&s, s.options.schedule_cron->next_after(now)});
  if (schedule.empty()) {
    CliContext::print_error(make_error("bad_config", config->file + ": no sync has options.schedule; nothing to run"));
    return kExitBadInput;
  }
  for (const auto& s : schedule)
    std::printf("scheduled %-20s %-16s next %s\n", s.sync->name.c_str(), s.sync->options.schedule.c_str(),
                format_iso_datetime_z(s.next_ms).c_str());
  std::fflush(stdout);
  while (!(cancel && cancel->load())) {
    auto next = std::min_element(schedule.begin(), schedule.end(),
                                 [](const Scheduled& a, const Scheduled& b) { return a.next_ms < b.next_ms; });
    if (next->next_ms < 0) break;  // no future fire time for any remaining sync
    sleep_until(next->next_ms, cancel);
    if (cancel && cancel->load()) break;
    std::printf("%s running %s\n", format_iso_datetime_z(now_ms()).c_str(), next->sync->name.c_str());
    std::fflush(stdout);
    if (next->sync->is_push()) cmd_push(ctx, next->sync->name, false, false, cancel);
    else cmd_sync(ctx, {next->sync->name}, false, cancel);
    next->next_ms = next->sync->options.schedule_cron->next_after(std::max(next->next_ms, now_ms() - 60000));
  }
  std::printf("daemon stopped\n");
  return kExitOk;
}

}  // namespace sfsync
