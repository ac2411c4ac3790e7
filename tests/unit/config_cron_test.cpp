// Cron schedules (5 fields, UTC): parsing, errors that name the field, next fire times.
#include <gtest/gtest.h>

#include "common/time_util.h"
#include "config/cron.h"

using namespace sfsync;

namespace {

int64_t at(const char* iso) { return *parse_iso_datetime(iso); }
std::string next(const char* cron, const char* after) {
  auto c = CronSchedule::parse(cron);
  EXPECT_TRUE(c.ok()) << c.error().message;
  int64_t n = c->next_after(at(after));
  return n < 0 ? "never" : format_iso_datetime_z(n);
}
std::string error(const char* cron) {
  auto c = CronSchedule::parse(cron);
  EXPECT_FALSE(c.ok()) << cron;
  return c.ok() ? "" : c.error().message;
}

}  // namespace

TEST(Cron, NextFireTimes) {
  EXPECT_EQ(next("*/15 * * * *", "2024-01-02T03:04:05Z"), "2024-01-02T03:15:00.000Z");
  EXPECT_EQ(next("*/15 * * * *", "2024-01-02T03:15:00Z"), "2024-01-02T03:30:00.000Z");  // strictly after
  EXPECT_EQ(next("0 2 * * *", "2024-01-02T03:04:05Z"), "2024-01-03T02:00:00.000Z");
  EXPECT_EQ(next("30 9 * * MON-FRI", "2024-01-05T10:00:00Z"), "2024-01-08T09:30:00.000Z");  // Fri -> Mon
  EXPECT_EQ(next("0 0 1 JAN *", "2024-06-01T00:00:00Z"), "2025-01-01T00:00:00.000Z");
  EXPECT_EQ(next("0 0 29 2 *", "2024-03-01T00:00:00Z"), "2028-02-29T00:00:00.000Z");
  EXPECT_EQ(next("5,35 8-10/2 * * *", "2024-01-02T08:40:00Z"), "2024-01-02T10:05:00.000Z");
  EXPECT_EQ(next("0 12 * * 7", "2024-01-01T00:00:00Z"), "2024-01-07T12:00:00.000Z");  // 7 = Sunday
  EXPECT_EQ(next("@hourly", "2024-01-02T03:04:05Z"), "2024-01-02T04:00:00.000Z");
  EXPECT_EQ(next("@weekly", "2024-01-02T03:04:05Z"), "2024-01-07T00:00:00.000Z");
}

TEST(Cron, DayOfMonthOrDayOfWeekWhenBothRestricted) {
  // Vixie semantics: the 15th of the month OR any Monday.
  EXPECT_EQ(next("0 0 15 * MON", "2024-01-02T00:00:00Z"), "2024-01-08T00:00:00.000Z");
  EXPECT_EQ(next("0 0 15 * MON", "2024-01-09T00:00:00Z"), "2024-01-15T00:00:00.000Z");
}

TEST(Cron, Matches) {
  auto c = CronSchedule::parse("0 9 * * 1");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->matches(at("2024-01-08T09:00:30Z")));  // a Monday
  EXPECT_FALSE(c->matches(at("2024-01-09T09:00:00Z")));
  EXPECT_EQ(c->text(), "0 9 * * 1");
}

TEST(Cron, ErrorsNameTheWrongField) {
  EXPECT_EQ(error("61 * * * *"), "minute field \"61\": 61 is out of range 0-59");
  EXPECT_EQ(error("0 24 * * *"), "hour field \"24\": 24 is out of range 0-23");
  EXPECT_EQ(error("0 0 0 * *"), "day-of-month field \"0\": 0 is out of range 1-31");
  EXPECT_EQ(error("0 0 * 13 *"), "month field \"13\": 13 is out of range 1-12");
  EXPECT_EQ(error("0 0 * * FUN"), "day-of-week field \"FUN\": \"FUN\" is not a number or a name");
  EXPECT_EQ(error("*/0 * * * *"), "minute field \"*/0\": step \"0\" must be a positive number");
  EXPECT_EQ(error("0 10-5 * * *"), "hour field \"10-5\": range 10-5 goes backwards");
  EXPECT_EQ(error("0 1,,2 * * *"), "hour field \"1,,2\": empty list item");
  EXPECT_EQ(error("* * * *"), "expected 5 fields (minute hour day-of-month month day-of-week), got 4");
  EXPECT_EQ(error("* * * * * *"), "expected 5 fields (minute hour day-of-month month day-of-week), got 6");
  EXPECT_NE(error("@often").find("unknown macro"), std::string::npos);
}

TEST(Cron, AScheduleThatNeverFiresIsAnError) {
  // A daemon would wait for these forever: refused when the config is read.
  EXPECT_EQ(error("0 0 30 2 *"), "no date matches it (such as February 30), so it would never run");
  EXPECT_NE(error("0 0 31 4,6,9,11 *").find("never run"), std::string::npos);
  EXPECT_EQ(next("0 0 31 4,5 *", "2024-01-01T00:00:00Z"), "2024-05-31T00:00:00.000Z");  // May has a 31st
  // Both day fields restricted: February 30 OR a Monday in February, so it fires.
  EXPECT_EQ(next("0 0 30 2 MON", "2024-01-01T00:00:00Z"), "2024-02-05T00:00:00.000Z");
}
