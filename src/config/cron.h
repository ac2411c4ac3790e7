// Cron schedules: five fields (minute hour day-of-month month day-of-week), always UTC.
//
// Hand-written: Debian has no packaged C++ cron library. Supported: `*`, numbers, ranges `a-b`,
// steps `*/n` and `a-b/n` and `a/n`, lists `a,b-c`, month names JAN..DEC, day names SUN..SAT
// (0 and 7 are both Sunday), and the macros @yearly @annually @monthly @weekly @daily @midnight
// @hourly. As in Vixie cron, when both day fields are restricted a day matches if either does.
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace sfsync {

class CronSchedule {
 public:
  // Errors name the field that is wrong: `minute field "61": 61 is out of range 0-59`. A schedule
  // that can never fire ("0 0 30 2 *") is an error too.
  static Result<CronSchedule> parse(std::string_view text);

  // The first fire time strictly after `after_ms` (epoch ms, UTC), on a whole minute.
  // Returns -1 when nothing matches within eight years (parse refuses schedules that never fire).
  int64_t next_after(int64_t after_ms) const;

  bool matches(int64_t epoch_ms) const;  // the minute containing epoch_ms is a fire time
  const std::string& text() const { return text_; }

 private:
  bool day_matches(int year, unsigned month, unsigned day, int weekday) const;

  std::string text_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;     // 1..31
  std::bitset<13> months_;   // 1..12
  std::bitset<7> weekdays_;  // 0 = Sunday
  bool days_restricted_ = false;
  bool weekdays_restricted_ = false;
};

}  // namespace sfsync
