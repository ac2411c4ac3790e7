// UTC time helpers in the formats Salesforce uses.
// REST datetimes: 2024-01-02T03:04:05.000+0000; dates: 2024-01-02. All values are UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sfsync {

int64_t now_ms();  // wall clock, epoch milliseconds

// Days since 1970-01-01 <-> civil date (proleptic Gregorian).
int64_t days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(int64_t z, int& y, unsigned& m, unsigned& d);

// 2024-01-02T03:04:05.000+0000
void append_sf_datetime(std::string& out, int64_t epoch_ms);
std::string format_sf_datetime(int64_t epoch_ms);
// 2024-01-02T03:04:05.000Z (ISO 8601 with Z, as Bulk CSV and most tools write)
std::string format_iso_datetime_z(int64_t epoch_ms);
// 2024-01-02
std::string format_date(int64_t days);

// Accepts 2024-01-02T03:04:05[.fff](Z|+0000|+00:00|-05:00) and, when allow_no_zone, no zone (UTC).
std::optional<int64_t> parse_iso_datetime(std::string_view s, bool allow_no_zone = false);
// A UTC offset as ISO 8601 writes it after a time: Z, +HH:MM or +HHMM (minutes 00-59) -> minutes
// east of UTC.
std::optional<int> parse_utc_offset(std::string_view zone);
// Accepts YYYY-MM-DD; returns days since epoch.
std::optional<int64_t> parse_date(std::string_view s);

}  // namespace sfsync
