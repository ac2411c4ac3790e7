// SyncSchedule: which scheduled sync the daemon runs next, and when, with the clock passed in.
#include <gtest/gtest.h>

#include "app/sync_schedule.h"
#include "common/time_util.h"

using namespace sfsync;

namespace {

int64_t at(const char* iso) { return *parse_iso_datetime(iso); }
std::string iso(int64_t ms) { return format_iso_datetime_z(ms); }

SyncConfig scheduled(const std::string& name, const std::string& cron) {
  SyncConfig s;
  s.name = name;
  if (!cron.empty()) {
    s.options.schedule = cron;
    s.options.schedule_cron = CronSchedule::parse(cron).value();
  }
  return s;
}

}  // namespace

TEST(SyncSchedule, OnlyScheduledSyncsAtTheirNextFireTime) {
  std::vector<SyncConfig> syncs{scheduled("hourly", "0 * * * *"), scheduled("manual", ""),
                                scheduled("quarter", "*/15 * * * *")};
  SyncSchedule s(syncs, at("2024-01-02T03:04:05Z"), false);
  ASSERT_EQ(s.entries().size(), 2u);
  EXPECT_EQ(s.due().sync->name, "quarter");
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-02T03:15:00.000Z");
  s.ran(s.due().sync, at("2024-01-02T03:15:20Z"));
  EXPECT_EQ(s.due().sync->name, "quarter");  // 03:30 comes before 04:00
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-02T03:30:00.000Z");
  s.ran(s.due().sync, at("2024-01-02T03:30:20Z"));
  s.ran(s.due().sync, at("2024-01-02T03:45:20Z"));
  // 04:00 for both: the first in the config goes first.
  EXPECT_EQ(s.due().sync->name, "hourly");
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-02T04:00:00.000Z");
}

TEST(SyncSchedule, NoScheduledSyncMeansEmpty) {
  std::vector<SyncConfig> syncs{scheduled("manual", "")};
  EXPECT_TRUE(SyncSchedule(syncs, at("2024-01-02T03:04:05Z"), false).empty());
}

TEST(SyncSchedule, RunNowMakesEverySyncDueAtStart) {
  std::vector<SyncConfig> syncs{scheduled("daily", "0 2 * * *"), scheduled("hourly", "0 * * * *")};
  int64_t start = at("2024-01-02T03:04:05Z");
  SyncSchedule s(syncs, start, true);
  EXPECT_EQ(s.due().sync->name, "daily");
  EXPECT_EQ(s.due().next_ms, start);
  s.ran(s.due().sync, start + 10'000);
  EXPECT_EQ(s.due().sync->name, "hourly");
  EXPECT_EQ(s.due().next_ms, start);
  s.ran(s.due().sync, start + 20'000);
  // Then each on its cron: hourly at 04:00, daily at 02:00 tomorrow.
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-02T04:00:00.000Z");
}

TEST(SyncSchedule, ARunThatOverlapsItsNextFireTimeIsFollowedByOneCatchUpRun) {
  std::vector<SyncConfig> syncs{scheduled("every_minute", "* * * * *")};
  SyncSchedule s(syncs, at("2024-01-02T03:04:05Z"), false);
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-02T03:05:00.000Z");
  // The 03:05 run takes 3.5 minutes: 03:06, 03:07 and 03:08 were missed. One run now, not three.
  int64_t finished = at("2024-01-02T03:08:30Z");
  s.ran(s.due().sync, finished);
  EXPECT_EQ(s.due().next_ms, finished);
  // The catch-up run is quick: back on the minute.
  s.ran(s.due().sync, at("2024-01-02T03:08:40Z"));
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-02T03:09:00.000Z");
}
