#include "emulator/soql/date_literals.h"

#include <array>

#include "common/time_util.h"
#include "emulator/org/schema.h"

namespace emu::soql {
namespace {

constexpr int64_t kMsPerDay = 86400000;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Units a literal counts in; a month-based unit is `months` long (1 = month, 3 = quarter, 12 = year).
enum class Unit { Day, Week, Month, Quarter, Year };

struct LiteralShape {
  std::string_view name;
  Unit unit;
  // Fixed literals: offset of the range start in units from the current unit, and its length in units.
  // ":n" literals use `kind` instead.
  int offset;
  int length;
  enum Kind { Fixed, LastN, NextN, NAgo, LastNDays } kind;
};

constexpr std::array<LiteralShape, 32> kShapes{{
    {"today", Unit::Day, 0, 1, LiteralShape::Fixed},
    {"yesterday", Unit::Day, -1, 1, LiteralShape::Fixed},
    {"tomorrow", Unit::Day, 1, 1, LiteralShape::Fixed},
    {"last_week", Unit::Week, -1, 1, LiteralShape::Fixed},
    {"this_week", Unit::Week, 0, 1, LiteralShape::Fixed},
    {"next_week", Unit::Week, 1, 1, LiteralShape::Fixed},
    {"last_month", Unit::Month, -1, 1, LiteralShape::Fixed},
    {"this_month", Unit::Month, 0, 1, LiteralShape::Fixed},
    {"next_month", Unit::Month, 1, 1, LiteralShape::Fixed},
    {"last_quarter", Unit::Quarter, -1, 1, LiteralShape::Fixed},
    {"this_quarter", Unit::Quarter, 0, 1, LiteralShape::Fixed},
    {"next_quarter", Unit::Quarter, 1, 1, LiteralShape::Fixed},
    {"last_year", Unit::Year, -1, 1, LiteralShape::Fixed},
    {"this_year", Unit::Year, 0, 1, LiteralShape::Fixed},
    {"next_year", Unit::Year, 1, 1, LiteralShape::Fixed},
    {"last_90_days", Unit::Day, -90, 91, LiteralShape::Fixed},  // includes today, like LAST_N_DAYS
    {"next_90_days", Unit::Day, 1, 90, LiteralShape::Fixed},
    {"last_n_days", Unit::Day, 0, 0, LiteralShape::LastNDays},
    {"next_n_days", Unit::Day, 0, 0, LiteralShape::NextN},
    {"n_days_ago", Unit::Day, 0, 0, LiteralShape::NAgo},
    {"last_n_weeks", Unit::Week, 0, 0, LiteralShape::LastN},
    {"next_n_weeks", Unit::Week, 0, 0, LiteralShape::NextN},
    {"n_weeks_ago", Unit::Week, 0, 0, LiteralShape::NAgo},
    {"last_n_months", Unit::Month, 0, 0, LiteralShape::LastN},
    {"next_n_months", Unit::Month, 0, 0, LiteralShape::NextN},
    {"n_months_ago", Unit::Month, 0, 0, LiteralShape::NAgo},
    {"last_n_quarters", Unit::Quarter, 0, 0, LiteralShape::LastN},
    {"next_n_quarters", Unit::Quarter, 0, 0, LiteralShape::NextN},
    {"n_quarters_ago", Unit::Quarter, 0, 0, LiteralShape::NAgo},
    {"last_n_years", Unit::Year, 0, 0, LiteralShape::LastN},
    {"next_n_years", Unit::Year, 0, 0, LiteralShape::NextN},
    {"n_years_ago", Unit::Year, 0, 0, LiteralShape::NAgo},
}};

const LiteralShape* find_shape(std::string_view name) {
  for (const auto& s : kShapes) {
    if (iequals(s.name, name)) return &s;
  }
  return nullptr;
}

// Start day of the unit `k` units away from the one containing `today`.
int64_t unit_start(Unit unit, int64_t today, int64_t k) {
  switch (unit) {
    case Unit::Day: return today + k;
    case Unit::Week: {
      int64_t weekday = ((today + 4) % 7 + 7) % 7;  // 0 = Sunday; 1970-01-01 was a Thursday
      int64_t sunday = today - weekday;
      return sunday + 7 * k;
    }
    default: {
      int months = unit == Unit::Month ? 1 : unit == Unit::Quarter ? 3 : 12;
      int y; unsigned m, d;
      sfsync::civil_from_days(today, y, m, d);
      int64_t index = static_cast<int64_t>(y) * 12 + (m - 1);
      index = floor_div(index, months) * months + k * months;
      return sfsync::days_from_civil(static_cast<int>(floor_div(index, 12)),
                                     static_cast<unsigned>(index - floor_div(index, 12) * 12 + 1), 1);
    }
  }
}

}  // namespace

RelativeArity relative_date_arity(std::string_view name) {
  const LiteralShape* s = find_shape(name);
  if (!s) return RelativeArity::Unknown;
  return s->kind == LiteralShape::Fixed ? RelativeArity::None : RelativeArity::TakesN;
}

std::optional<DayRange> relative_date_range(std::string_view name, int64_t n, int64_t now_ms) {
  const LiteralShape* s = find_shape(name);
  if (!s) return std::nullopt;
  int64_t today = floor_div(now_ms, kMsPerDay);
  auto at = [&](int64_t k) { return unit_start(s->unit, today, k); };
  switch (s->kind) {
    case LiteralShape::Fixed: return DayRange{at(s->offset), at(s->offset + s->length)};
    case LiteralShape::LastNDays: return DayRange{today - n, today + 1};   // n days back, through today
    case LiteralShape::LastN: return DayRange{at(-n), at(0)};              // n whole units before this one
    case LiteralShape::NextN: return DayRange{at(1), at(1 + n)};           // n whole units after this one
    case LiteralShape::NAgo: return DayRange{at(-n), at(-n + 1)};
  }
  return std::nullopt;
}

}  // namespace emu::soql
