#include "common/time_util.h"

#include <chrono>
#include <cstdio>

namespace sfsync {

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Civil-calendar conversions after H. Hinnant's public-domain date algorithms.
int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

namespace {

void put2(char* p, unsigned v) { p[0] = char('0' + v / 10); p[1] = char('0' + v % 10); }

// Writes "YYYY-MM-DDTHH:MM:SS.mmm" (23 chars) into buf.
void datetime_core(char* buf, int64_t ms) {
  int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
  int64_t rem = ms - days * 86400000;
  int y; unsigned mo, d;
  civil_from_days(days, y, mo, d);
  unsigned yy = static_cast<unsigned>(y);
  buf[0] = char('0' + yy / 1000 % 10); buf[1] = char('0' + yy / 100 % 10);
  buf[2] = char('0' + yy / 10 % 10); buf[3] = char('0' + yy % 10);
  buf[4] = '-'; put2(buf + 5, mo); buf[7] = '-'; put2(buf + 8, d); buf[10] = 'T';
  unsigned secs = static_cast<unsigned>(rem / 1000), milli = static_cast<unsigned>(rem % 1000);
  put2(buf + 11, secs / 3600); buf[13] = ':'; put2(buf + 14, secs / 60 % 60); buf[16] = ':';
  put2(buf + 17, secs % 60); buf[19] = '.';
  buf[20] = char('0' + milli / 100); buf[21] = char('0' + milli / 10 % 10); buf[22] = char('0' + milli % 10);
}

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

void append_sf_datetime(std::string& out, int64_t epoch_ms) {
  char buf[28];
  datetime_core(buf, epoch_ms);
  out.append(buf, 23);
  out.append("+0000");
}

std::string format_sf_datetime(int64_t epoch_ms) {
  std::string s;
  append_sf_datetime(s, epoch_ms);
  return s;
}

std::string format_iso_datetime_z(int64_t epoch_ms) {
  char buf[28];
  datetime_core(buf, epoch_ms);
  return std::string(buf, 23) + "Z";
}

std::string format_date(int64_t days) {
  int y; unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::optional<int64_t> parse_date(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  int64_t days = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  int yy; unsigned mm, dd;
  civil_from_days(days, yy, mm, dd);
  if (static_cast<int>(mm) != m) return std::nullopt;  // 2024-02-31 and friends
  return days;
}

std::optional<int> parse_utc_offset(std::string_view zone) {
  if (zone == "Z") return 0;
  if (zone.empty() || (zone[0] != '+' && zone[0] != '-')) return std::nullopt;
  int oh, om;
  bool colon = zone.size() == 6 && zone[3] == ':';
  if (!(zone.size() == 5 || colon)) return std::nullopt;
  if (!digits(zone, 1, 2, oh) || !digits(zone, colon ? 4 : 3, 2, om) || om > 59) return std::nullopt;
  return (oh * 60 + om) * (zone[0] == '-' ? -1 : 1);
}

std::optional<int64_t> parse_iso_datetime(std::string_view s, bool allow_no_zone) {
  if (s.size() < 19 || (s[10] != 'T' && s[10] != ' ')) return std::nullopt;
  auto day = parse_date(s.substr(0, 10));
  int hh, mi, ss;
  if (!day || !digits(s, 11, 2, hh) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
      !digits(s, 17, 2, ss) || hh > 23 || mi > 59 || ss > 60)
    return std::nullopt;
  size_t pos = 19;
  int64_t millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int scale = 100, count = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (count < 3) millis += (s[pos] - '0') * scale;
      scale /= 10; ++count; ++pos;
    }
    if (count == 0) return std::nullopt;
  }
  int64_t offset_min = 0;
  std::string_view zone = s.substr(pos);
  if (zone.empty()) {
    if (!allow_no_zone) return std::nullopt;
  } else if (auto offset = parse_utc_offset(zone)) {
    offset_min = *offset;
  } else {
    return std::nullopt;
  }
  int64_t secs = *day * 86400 + hh * 3600 + mi * 60 + ss - offset_min * 60;
  return secs * 1000 + millis;
}

}  // namespace sfsync
