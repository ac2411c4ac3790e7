// sfsync daemon: runs every scheduled sync at its cron times (UTC) until SIGTERM/SIGINT, one at a
// time (sync_schedule.h says in which order, and what happens to a run that overlaps its next
// fire time). A failed run is recorded like any other and the daemon goes on. SIGHUP reads the
// config file again between runs: edited schedules and syncs apply from then on, and a file that
// no longer loads is reported and the running config kept. With --api-port it also serves the
// HTTP API (api_server.h); runs asked for there go before the next scheduled one.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <thread>

#include "app/api_server.h"
#include "app/commands.h"
#include "app/sync_schedule.h"
#include "common/json_writer.h"
#include "common/time_util.h"

namespace sfsync {

namespace {

struct Wake {
  const std::atomic<bool>* cancel = nullptr;
  const std::atomic<bool>* reload = nullptr;
  const RunRequests* requests = nullptr;
  bool now() const {
    return (cancel && cancel->load()) || (reload && reload->load()) || (requests && requests->pending());
  }
};

// Sleeps until `until_ms` in short steps so that a signal or a run request ends the wait promptly.
void sleep_until(int64_t until_ms, const Wake& wake) {
  while (!wake.now() && now_ms() < until_ms)
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(200, until_ms - now_ms())));
}

bool cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(); }

void print_schedule(const SyncSchedule& schedule) {
  for (const auto& e : schedule.entries())
    std::printf("scheduled %-20s %-16s %-5s next %s\n", e.sync->name.c_str(), e.cron_text().c_str(),
                e.full ? "full" : "", format_iso_datetime_z(e.next_ms).c_str());
  std::fflush(stdout);
}

// The schedule and the config's syncs, for the API.
void publish(ApiServer* api, const SyncSchedule& schedule, const Config& config) {
  if (!api) return;
  std::string json;
  JsonWriter w(json);
  w.begin_array();
  for (const auto& e : schedule.entries())
    w.begin_object()
        .member("sync", e.sync->name)
        .member("full", e.full)
        .member("cron", e.cron_text())
        .member("next", format_iso_datetime_z(e.next_ms))
        .end_object();
  w.end_array();
  std::string syncs;
  JsonWriter sw(syncs);
  sw.begin_array();
  std::set<std::string> names;
  for (const SyncConfig& s : config.syncs) {
    names.insert(s.name);
    sw.begin_object()
        .member("name", s.name)
        .member("kind", s.is_push() ? "push" : "pull")
        .member("schedule", s.options.schedule)
        .member("full_schedule", s.options.full_schedule)
        .end_object();
  }
  sw.end_array();
  api->set_schedule(std::move(json), std::move(syncs), std::move(names));
}

// SIGHUP: the config file again. The schedule restarts from now (a sync whose time passed while
// the daemon was reloading runs at its next time).
void reload(CliContext& ctx, SyncSchedule& schedule, ApiServer* api) {
  std::printf("%s reloading the config\n", format_iso_datetime_z(now_ms()).c_str());
  if (!ctx.reload_config()) return;
  schedule = SyncSchedule(ctx.config()->syncs, now_ms(), false);
  print_schedule(schedule);
  publish(api, schedule, *ctx.config());
}

void run_sync(CliContext& ctx, const std::string& name, bool full, const std::atomic<bool>* cancel) {
  std::printf("%s running %s%s\n", format_iso_datetime_z(now_ms()).c_str(), name.c_str(), full ? " --full" : "");
  std::fflush(stdout);
  const SyncConfig* sync = ctx.config()->find_sync(name);
  if (sync && sync->is_push()) cmd_push(ctx, name, full, false, cancel);
  else if (sync) cmd_sync(ctx, {name}, full, cancel);
  std::fflush(stdout);
}

// The API, when asked for: started on the store the daemon writes to.
std::unique_ptr<ApiServer> start_api(CliContext& ctx, const DaemonApi& options, RunRequests& requests) {
  if (options.port < 0) return nullptr;
  CustomerStore* store = ctx.store();
  if (!store) return nullptr;
  auto api = std::make_unique<ApiServer>(*store, requests, ApiServer::Options{options.host, options.port, options.token});
  auto port = api->start();
  if (!port) {
    CliContext::print_error(port.error());
    return nullptr;
  }
  std::printf("api listening on http://%s:%d/api%s\n", options.host.c_str(), *port,
              options.token.empty() ? "" : " (token required)");
  std::fflush(stdout);
  return api;
}

}  // namespace

int cmd_daemon(CliContext& ctx, bool run_now, const std::atomic<bool>* cancel, std::atomic<bool>* reload_flag,
               const DaemonApi& api_options) {
  const Config* config = ctx.config();
  if (!config) return kExitBadInput;
  SyncSchedule schedule(config->syncs, now_ms(), run_now);
  if (schedule.empty() && api_options.port < 0) {
    CliContext::print_error(make_error("bad_config", config->file + ": no sync has options.schedule or "
                                                     "options.full_schedule; nothing to run"));
    return kExitBadInput;
  }
  RunRequests requests;
  std::unique_ptr<ApiServer> api = start_api(ctx, api_options, requests);
  if (api_options.port >= 0 && !api) return kExitBadInput;
  print_schedule(schedule);
  publish(api.get(), schedule, *config);
  const Wake wake{cancel, reload_flag, &requests};
  while (!cancelled(cancel)) {
    if (reload_flag && reload_flag->exchange(false)) reload(ctx, schedule, api.get());
    if (auto asked = requests.pop()) {  // runs asked for through the API go first
      run_sync(ctx, asked->sync, asked->full, cancel);
      continue;
    }
    if (schedule.empty()) {  // only runs asked for, or a reloaded config without schedules
      sleep_until(INT64_MAX, wake);
      continue;
    }
    const SyncSchedule::Entry due = schedule.due();
    sleep_until(due.next_ms, wake);
    if (wake.now()) continue;  // stopped, reloaded (`due` may point into the old config) or asked
    run_sync(ctx, due.sync->name, due.full, cancel);
    schedule.ran(due.sync, due.full, now_ms());
    publish(api.get(), schedule, *ctx.config());
  }
  if (api) api->stop();
  std::printf("daemon stopped\n");
  return kExitOk;
}

}  // namespace sfsync
