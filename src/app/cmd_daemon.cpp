// sfsync daemon: runs every scheduled sync at its cron times (UTC) until SIGTERM/SIGINT, one at a
// time (sync_schedule.h says in which order, and what happens to a run that overlaps its next
// fire time). A failed run is recorded like any other and the daemon goes on. SIGHUP reads the
// config file again between runs: edited schedules and syncs apply from then on, and a file that
// no longer loads is reported and the running config kept.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <thread>

#include "app/commands.h"
#include "app/sync_schedule.h"
#include "common/time_util.h"

namespace sfsync {

namespace {

// Sleeps until `until_ms` in short steps so that a signal ends the wait promptly.
void sleep_until(int64_t until_ms, const std::atomic<bool>* cancel, const std::atomic<bool>* reload) {
  while (!(cancel && cancel->load()) && !(reload && reload->load()) && now_ms() < until_ms)
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(500, until_ms - now_ms())));
}

bool cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(); }

void print_schedule(const SyncSchedule& schedule) {
  for (const auto& e : schedule.entries())
    std::printf("scheduled %-20s %-16s %-5s next %s\n", e.sync->name.c_str(), e.cron_text().c_str(),
                e.full ? "full" : "", format_iso_datetime_z(e.next_ms).c_str());
  std::fflush(stdout);
}

// SIGHUP: the config file again. The schedule restarts from now (a sync whose time passed while
// the daemon was reloading runs at its next time).
void reload(CliContext& ctx, SyncSchedule& schedule) {
  std::printf("%s reloading the config\n", format_iso_datetime_z(now_ms()).c_str());
  if (!ctx.reload_config()) return;
  schedule = SyncSchedule(ctx.config()->syncs, now_ms(), false);
  print_schedule(schedule);
}

}  // namespace

int cmd_daemon(CliContext& ctx, bool run_now, const std::atomic<bool>* cancel, std::atomic<bool>* reload_flag) {
  const Config* config = ctx.config();
  if (!config) return kExitBadInput;
  SyncSchedule schedule(config->syncs, now_ms(), run_now);
  if (schedule.empty()) {
    CliContext::print_error(make_error("bad_config", config->file + ": no sync has options.schedule; nothing to run"));
    return kExitBadInput;
  }
  print_schedule(schedule);
  while (!cancelled(cancel)) {
    if (reload_flag && reload_flag->exchange(false)) reload(ctx, schedule);
    if (schedule.empty()) {  // a reloaded config without schedules: wait for the next one
      sleep_until(INT64_MAX, cancel, reload_flag);
      continue;
    }
    const SyncConfig* sync = schedule.due().sync;
    const bool full = schedule.due().full;
    sleep_until(schedule.due().next_ms, cancel, reload_flag);
    if (cancelled(cancel)) break;
    if (reload_flag && reload_flag->load()) continue;  // `sync` may point into the old config
    std::printf("%s running %s%s\n", format_iso_datetime_z(now_ms()).c_str(), sync->name.c_str(),
                full ? " --full" : "");
    std::fflush(stdout);
    if (sync->is_push()) cmd_push(ctx, sync->name, false, false, cancel);
    else cmd_sync(ctx, {sync->name}, full, cancel);
    std::fflush(stdout);
    schedule.ran(sync, full, now_ms());
  }
  std::printf("daemon stopped\n");
  return kExitOk;
}

}  // namespace sfsync
