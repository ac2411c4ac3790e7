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

// `sync` with options.full_schedule `cron` as well.
SyncConfig with_full_schedule(SyncConfig sync, const std::string& cron) {
  sync.options.full_schedule = cron;
  sync.options.full_schedule_cron = CronSchedule::parse(cron).value();
  return sync;
}

}  // namespace

TEST(SyncSchedule, OnlyScheduledSyncsAtTheirNextFireTime) {
  std::vector<SyncConfig> syncs{scheduled("hourly", "0 * * * *"), scheduled("manual", ""),
                                scheduled("quarter", "*/15 * * * *")};
  SyncSchedule s(syncs, at("2024-01-02T03:04:05Z"), false);
  ASSERT_EQ(s.entries().size(), 2u);
  EXPECT_EQ(s.due().sync->name, "quarter");
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-02T03:15:00.000Z");
  s.ran(s.due().sync, false, at("2024-01-02T03:15:20Z"));
  EXPECT_EQ(s.due().sync->name, "quarter");  // 03:30 comes before 04:00
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-02T03:30:00.000Z");
  s.ran(s.due().sync, false, at("2024-01-02T03:30:20Z"));
  s.ran(s.due().sync, false, at("2024-01-02T03:45:20Z"));
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
  s.ran(s.due().sync, false, start + 10'000);
  EXPECT_EQ(s.due().sync->name, "hourly");
  EXPECT_EQ(s.due().next_ms, start);
  s.ran(s.due().sync, false, start + 20'000);
  // Then each on its cron: hourly at 04:00, daily at 02:00 tomorrow.
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-02T04:00:00.000Z");
}

TEST(SyncSchedule, ARunThatOverlapsItsNextFireTimeIsFollowedByOneCatchUpRun) {
  std::vector<SyncConfig> syncs{scheduled("every_minute", "* * * * *")};
  SyncSchedule s(syncs, at("2024-01-02T03:04:05Z"), false);
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-02T03:05:00.000Z");
  // The 03:05 run takes 3.5 minutes: 03:06, 03:07 and 03:08 were missed. One run now, not three.
  int64_t finished = at("2024-01-02T03:08:30Z");
  s.ran(s.due().sync, false, finished);
  EXPECT_EQ(s.due().next_ms, finished);
  // The catch-up run is quick: back on the minute.
  s.ran(s.due().sync, false, at("2024-01-02T03:08:40Z"));
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-02T03:09:00.000Z");
}

// options.full_schedule: a second plan for the same sync, of full re-reads. At a time both fire the
// full run goes first and the incremental one due by its end is not run as well.
TEST(SyncSchedule, AFullScheduleRunsFullReadsThatStandInForTheIncrementalOnes) {
  SyncConfig sync = with_full_schedule(scheduled("contacts", "0 * * * *"), "0 3 * * SUN");
  std::vector<SyncConfig> syncs{sync, scheduled("leads", "30 * * * *")};
  SyncSchedule s(syncs, at("2024-01-07T01:40:00Z"), false);  // a Sunday
  ASSERT_EQ(s.entries().size(), 3u);
  EXPECT_EQ(s.due().sync->name, "contacts");
  EXPECT_FALSE(s.due().full);
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-07T02:00:00.000Z");
  s.ran(s.due().sync, false, at("2024-01-07T02:00:30Z"));
  EXPECT_EQ(s.due().sync->name, "leads");
  s.ran(s.due().sync, false, at("2024-01-07T02:30:30Z"));
  // 03:00: the full read and the hourly run both fire; the full one runs, for 40 minutes.
  EXPECT_EQ(s.due().sync->name, "contacts");
  EXPECT_TRUE(s.due().full);
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-07T03:00:00.000Z");
  s.ran(s.due().sync, true, at("2024-01-07T03:40:00Z"));
  // leads missed 03:30 (one catch-up now); contacts' 03:00 run is done by the full read: next 04:00.
  EXPECT_EQ(s.due().sync->name, "leads");
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-07T03:30:00.000Z");
  s.ran(s.due().sync, false, at("2024-01-07T03:40:10Z"));
  EXPECT_EQ(s.due().sync->name, "contacts");
  EXPECT_FALSE(s.due().full);
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-07T04:00:00.000Z");
  for (const auto& e : s.entries()) {
    if (e.full) {
      EXPECT_EQ(iso(e.next_ms), "2024-01-14T03:00:00.000Z") << "next Sunday";
    }
  }
}

TEST(SyncSchedule, AFullScheduleAloneIsASchedule) {
  SyncConfig sync = with_full_schedule(scheduled("contacts", ""), "@daily");
  std::vector<SyncConfig> syncs{sync};
  SyncSchedule s(syncs, at("2024-01-07T01:10:00Z"), true);
  ASSERT_EQ(s.entries().size(), 1u);
  EXPECT_TRUE(s.due().full);
  s.ran(s.due().sync, true, at("2024-01-07T01:11:00Z"));
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-08T00:00:00.000Z");
}

// --run-now after a deploy: one incremental run of a sync that has both schedules, not a full
// re-read (which waits for its own cron).
TEST(SyncSchedule, RunNowRunsASyncWithBothSchedulesIncrementally) {
  SyncConfig sync = with_full_schedule(scheduled("contacts", "0 * * * *"), "0 3 * * SUN");
  std::vector<SyncConfig> syncs{sync};
  int64_t start = at("2024-01-03T10:20:00Z");  // a Wednesday
  SyncSchedule s(syncs, start, true);
  EXPECT_FALSE(s.due().full);
  EXPECT_EQ(s.due().next_ms, start);
  s.ran(s.due().sync, false, start + 30'000);
  EXPECT_FALSE(s.due().full);
  EXPECT_EQ(iso(s.due().next_ms), "2024-01-03T11:00:00.000Z");
  for (const auto& e : s.entries()) {
    if (e.full) {
      EXPECT_EQ(iso(e.next_ms), "2024-01-07T03:00:00.000Z");
    }
  }
}
