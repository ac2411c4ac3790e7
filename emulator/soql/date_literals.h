// SOQL relative date literals (TODAY, LAST_N_DAYS:30, THIS_QUARTER, ...) as half-open day ranges.
//
// Evaluated in UTC against a caller-given `now_ms` (the org's time zone is UTC in the emulator), so
// tests can pin "now". Weeks start on Sunday, quarters on Jan/Apr/Jul/Oct, like a US-locale org.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace emu::soql {

// [first_day, end_day) in days since 1970-01-01.
struct DayRange {
  int64_t first_day;
  int64_t end_day;
};

enum class RelativeArity { None, TakesN, Unknown };
// Whether `name` (any case) is a relative date literal, and whether it needs ":n".
RelativeArity relative_date_arity(std::string_view name);

// The range `name` (with `n` for the ":n" forms) covers at `now_ms`. nullopt for unknown names.
std::optional<DayRange> relative_date_range(std::string_view name, int64_t n, int64_t now_ms);

}  // namespace emu::soql
