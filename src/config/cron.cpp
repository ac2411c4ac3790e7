#include "config/cron.h"

#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <vector>

#include "common/time_util.h"

namespace sfsync {
namespace {

struct FieldSpec {
  const char* name;
  int min;
  int max;
  const char* const* names;  // optional names for min..min+count-1
  int names_base;
  int names_count;
};

constexpr const char* kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr const char* kDayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

constexpr std::array<FieldSpec, 5> kFields{{
    {"minute", 0, 59, nullptr, 0, 0},
    {"hour", 0, 23, nullptr, 0, 0},
    {"day-of-month", 1, 31, nullptr, 0, 0},
    {"month", 1, 12, kMonthNames, 1, 12},
    {"day-of-week", 0, 7, kDayNames, 0, 7},
}};

std::optional<std::string_view> expand_macro(std::string_view text) {
  if (text == "@yearly" || text == "@annually") return "0 0 1 1 *";
  if (text == "@monthly") return "0 0 1 * *";
  if (text == "@weekly") return "0 0 * * 0";
  if (text == "@daily" || text == "@midnight") return "0 0 * * *";
  if (text == "@hourly") return "0 * * * *";
  return std::nullopt;
}

class FieldParser {
 public:
  FieldParser(const FieldSpec& spec, std::string_view text) : spec_(spec), text_(text) {}

  // Sets bits min..max in `out` (a vector<bool> of size max+1). Returns an error message or "".
  std::string parse(std::vector<bool>& out, bool& restricted) {
    restricted = text_ != "*" && text_ != "?";
    size_t start = 0;
    while (start <= text_.size()) {
      size_t comma = text_.find(',', start);
      std::string_view item = text_.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                                  : comma - start);
      if (std::string err = parse_item(item, out); !err.empty()) return err;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return "";
  }

 private:
  std::string fail(std::string_view why) const {
    return std::string(spec_.name) + " field \"" + std::string(text_) + "\": " + std::string(why);
  }

  std::string range_text() const {
    return std::to_string(spec_.min) + "-" + std::to_string(spec_.max);
  }

  std::optional<int> number(std::string_view s) const {
    if (s.empty()) return std::nullopt;
    int v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return v;
    for (int i = 0; i < spec_.names_count; ++i) {
      std::string_view n = spec_.names[i];
      if (s.size() == n.size() && std::equal(s.begin(), s.end(), n.begin(), [](char a, char b) {
            return std::toupper(static_cast<unsigned char>(a)) == b;
          }))
        return spec_.names_base + i;
    }
    return std::nullopt;
  }

  std::string value(std::string_view s, int& out) const {
    auto v = number(s);
    // Messages are built by append: GCC 12 warns (-Wrestrict, a false positive) on "lit" + string.
    std::string why;
    if (!v) {
      why.append("\"").append(s).append("\" is not a number").append(spec_.names_count ? " or a name" : "");
      return fail(why);
    }
    if (*v < spec_.min || *v > spec_.max) {
      why.append(std::to_string(*v)).append(" is out of range ").append(range_text());
      return fail(why);
    }
    out = *v;
    return "";
  }

  std::string parse_item(std::string_view item, std::vector<bool>& out) {
    if (item.empty()) return fail("empty list item");
    int step = 1;
    if (size_t slash = item.find('/'); slash != std::string_view::npos) {
      auto s = number(item.substr(slash + 1));
      if (!s || *s <= 0) return fail("step \"" + std::string(item.substr(slash + 1)) + "\" must be a positive number");
      step = *s;
      item = item.substr(0, slash);
    }
    int lo = spec_.min, hi = spec_.max;
    if (item != "*" && item != "?") {
      size_t dash = item.find('-');
      if (std::string err = value(item.substr(0, dash), lo); !err.empty()) return err;
      if (dash != std::string_view::npos) {
        if (std::string err = value(item.substr(dash + 1), hi); !err.empty()) return err;
        if (hi < lo) return fail("range " + std::string(item) + " goes backwards");
      } else if (step > 1) {
        hi = spec_.max;  // "a/n" = from a to the end, every n
      } else {
        hi = lo;
      }
    }
    for (int v = lo; v <= hi; v += step) out[static_cast<size_t>(v)] = true;
    return "";
  }

  const FieldSpec& spec_;
  std::string_view text_;
};

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) parts.push_back(text.substr(start, i - start));
  }
  return parts;
}

constexpr int64_t kMsPerMinute = 60'000;
constexpr int64_t kMsPerHour = 3'600'000;
constexpr int64_t kMsPerDay = 86'400'000;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
int weekday_of(int64_t days) { return static_cast<int>(((days % 7) + 11) % 7); }  // 1970-01-01 = Thu

}  // namespace

Result<CronSchedule> CronSchedule::parse(std::string_view text) {
  CronSchedule c;
  c.text_ = std::string(text);
  std::string_view body = text;
  if (auto macro = expand_macro(text)) body = *macro;
  else if (!text.empty() && text[0] == '@')
    return make_error("bad_cron", "unknown macro \"" + std::string(text) +
                                      "\" (use @hourly, @daily, @weekly, @monthly or @yearly)");
  auto parts = split_fields(body);
  if (parts.size() != 5)
    return make_error("bad_cron", "expected 5 fields (minute hour day-of-month month day-of-week), got " +
                                      std::to_string(parts.size()));
  std::array<std::vector<bool>, 5> bits;
  std::array<bool, 5> restricted{};
  for (size_t f = 0; f < 5; ++f) {
    bits[f].assign(static_cast<size_t>(kFields[f].max) + 1, false);
    std::string err = FieldParser(kFields[f], parts[f]).parse(bits[f], restricted[f]);
    if (!err.empty()) return make_error("bad_cron", err);
  }
  for (int v = 0; v < 60; ++v) c.minutes_[v] = bits[0][v];
  for (int v = 0; v < 24; ++v) c.hours_[v] = bits[1][v];
  for (int v = 1; v <= 31; ++v) c.days_[v] = bits[2][v];
  for (int v = 1; v <= 12; ++v) c.months_[v] = bits[3][v];
  for (int v = 0; v <= 7; ++v)
    if (bits[4][v]) c.weekdays_[v % 7] = true;
  c.days_restricted_ = restricted[2];
  c.weekdays_restricted_ = restricted[4];
  // Eight years from 2000-01-01 hold every calendar date (February 29 included): a schedule with no
  // fire time there has none at all, and a daemon would wait for it forever.
  if (c.next_after(946684800000) < 0)
    return make_error("bad_cron", "no date matches it (such as February 30), so it would never run");
  return c;
}

bool CronSchedule::day_matches(int, unsigned month, unsigned day, int weekday) const {
  if (!months_[month]) return false;
  bool dom = days_[day], dow = weekdays_[weekday];
  if (days_restricted_ && weekdays_restricted_) return dom || dow;
  return dom && dow;
}

bool CronSchedule::matches(int64_t epoch_ms) const {
  int64_t days = floor_div(epoch_ms, kMsPerDay);
  int64_t in_day = epoch_ms - days * kMsPerDay;
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  return day_matches(y, m, d, weekday_of(days)) && hours_[in_day / kMsPerHour] &&
         minutes_[(in_day % kMsPerHour) / kMsPerMinute];
}

int64_t CronSchedule::next_after(int64_t after_ms) const {
  int64_t t = (floor_div(after_ms, kMsPerMinute) + 1) * kMsPerMinute;
  const int64_t limit_days = floor_div(t, kMsPerDay) + 8 * 366;
  while (floor_div(t, kMsPerDay) <= limit_days) {
    int64_t days = floor_div(t, kMsPerDay);
    int y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    if (!day_matches(y, m, d, weekday_of(days))) {
      t = (days + 1) * kMsPerDay;  // next midnight
      continue;
    }
    int64_t in_day = t - days * kMsPerDay;
    if (!hours_[in_day / kMsPerHour]) {
      t = days * kMsPerDay + (in_day / kMsPerHour + 1) * kMsPerHour;  // next whole hour
      continue;
    }
    if (minutes_[(in_day % kMsPerHour) / kMsPerMinute]) return t;
    t += kMsPerMinute;
  }
  return -1;
}

}  // namespace sfsync
