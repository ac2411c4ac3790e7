#include "net/retry_schedule.h"

#include <gtest/gtest.h>

#include <vector>

using namespace sfsync;

namespace {

struct RecordedSleeps {
  std::vector<int> ms;
  RetrySchedule schedule(RetryPolicy policy) {
    RetrySchedule s(policy);
    s.set_sleeper([this](int m) { ms.push_back(m); });
    return s;
  }
};

}  // namespace

TEST(RetrySchedule, FirstAttemptNeitherWaitsNorCounts) {
  RecordedSleeps sleeps;
  RetrySchedule s = sleeps.schedule({});
  int64_t retries = 0;
  s.before_attempt(0, retries);
  EXPECT_EQ(retries, 0);
  EXPECT_TRUE(sleeps.ms.empty());
}

TEST(RetrySchedule, BackoffGrowsWithTheAttemptAndStaysUnderTheCap) {
  RecordedSleeps sleeps;
  RetrySchedule s = sleeps.schedule({.max_attempts = 6, .base_delay_ms = 100, .max_delay_ms = 1000});
  int64_t retries = 0;
  int above_base = 0;
  for (int round = 0; round < 200; ++round)
    for (int attempt = 1; attempt < 6; ++attempt) {
      s.before_attempt(attempt, retries);
      int cap = std::min(1000, 100 << attempt);
      ASSERT_GE(sleeps.ms.back(), 0);
      ASSERT_LE(sleeps.ms.back(), cap) << "attempt " << attempt;
      if (attempt >= 3 && sleeps.ms.back() > 200) ++above_base;
    }
  EXPECT_EQ(retries, 1000);
  // Full jitter over a growing window: later attempts often wait longer than the first cap.
  EXPECT_GT(above_base, 200);
}

TEST(RetrySchedule, JitterSpreadsTheWaits) {
  RecordedSleeps sleeps;
  RetrySchedule s = sleeps.schedule({.max_attempts = 6, .base_delay_ms = 1000, .max_delay_ms = 100000});
  int64_t retries = 0;
  for (int i = 0; i < 50; ++i) s.before_attempt(4, retries);
  std::sort(sleeps.ms.begin(), sleeps.ms.end());
  sleeps.ms.erase(std::unique(sleeps.ms.begin(), sleeps.ms.end()), sleeps.ms.end());
  EXPECT_GT(sleeps.ms.size(), 40u);
}

TEST(RetrySchedule, WaitsWhatA429AsksUpToAMinute) {
  RecordedSleeps sleeps;
  RetrySchedule s = sleeps.schedule({});
  for (std::string asked : {"7", "3600", ""}) {
    HttpResponse r{.status = 429, .body = {}, .headers = {}};
    if (!asked.empty()) r.headers.emplace("retry-after", asked);
    s.wait_as_asked(r);
  }
  EXPECT_EQ(sleeps.ms, (std::vector<int>{7000, 60000, 0}));
}

TEST(RetrySchedule, ExhaustedSaysHowManyAttempts) {
  RetrySchedule s({.max_attempts = 4});
  Error e = s.exhausted(make_error("server", "HTTP 503"));
  EXPECT_EQ(e.code, "server");
  EXPECT_EQ(e.message, "HTTP 503 (after 4 attempts)");
  EXPECT_EQ(s.exhausted(make_error("network", "reset"), "https://x/v2/token").message,
            "reset (after 4 attempts, https://x/v2/token)");
}
