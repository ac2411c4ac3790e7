#include "emulator/sfmc/de_value.h"

#include <charconv>
#include <cstdio>

#include "common/time_util.h"

namespace emu {
namespace {

using sfsync::make_error;

sfsync::Error bad(const DeField& field, std::string_view text) {
  return make_error("bad_value", "value '" + std::string(text) + "' is not a valid " +
                                     std::string(de_field_type_name(field.type)) + " for field " + field.name);
}

// Reads an unsigned number of 1..max_digits digits at `pos`.
bool read_number(std::string_view s, size_t& pos, int max_digits, int& out) {
  size_t start = pos;
  out = 0;
  while (pos < s.size() && pos - start < size_t(max_digits) && s[pos] >= '0' && s[pos] <= '9') {
    out = out * 10 + (s[pos++] - '0');
  }
  return pos > start;
}

bool expect(std::string_view s, size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) { ++pos; return true; }
  return false;
}

std::optional<int64_t> to_epoch_ms(int y, int mo, int d, int h, int mi, int sec) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  int64_t days = sfsync::days_from_civil(y, unsigned(mo), unsigned(d));
  return ((days * 24 + h) * 60 + mi) * 60000 + int64_t(sec) * 1000;
}

// 1/2/2024 [3:04:05 [AM|PM]]
std::optional<int64_t> parse_us_datetime(std::string_view s) {
  size_t pos = 0;
  int mo, d, y, h = 0, mi = 0, sec = 0;
  if (!read_number(s, pos, 2, mo) || !expect(s, pos, '/') || !read_number(s, pos, 2, d) ||
      !expect(s, pos, '/') || !read_number(s, pos, 4, y)) {
    return std::nullopt;
  }
  if (pos < s.size()) {
    if (!expect(s, pos, ' ') || !read_number(s, pos, 2, h) || !expect(s, pos, ':') || !read_number(s, pos, 2, mi)) {
      return std::nullopt;
    }
    if (expect(s, pos, ':') && !read_number(s, pos, 2, sec)) return std::nullopt;
    std::string_view rest = s.substr(pos);
    if (rest == " PM" || rest == " pm") {
      if (h < 1 || h > 12) return std::nullopt;
      h = h % 12 + 12;
    } else if (rest == " AM" || rest == " am") {
      if (h < 1 || h > 12) return std::nullopt;
      h = h % 12;
    } else if (!rest.empty()) {
      return std::nullopt;
    }
  }
  return to_epoch_ms(y, mo, d, h, mi, sec);
}

std::optional<int64_t> parse_any_datetime(std::string_view s) {
  if (s.size() == 10 && s[4] == '-') {
    if (auto days = sfsync::parse_date(s)) return *days * 86400000;
    return std::nullopt;
  }
  if (s.find('-') == 4) return sfsync::parse_iso_datetime(s, /*allow_no_zone=*/true);
  return parse_us_datetime(s);
}

std::optional<bool> parse_bool(std::string_view s) {
  if (iequals(s, "true") || s == "1" || iequals(s, "yes") || iequals(s, "y")) return true;
  if (iequals(s, "false") || s == "0" || iequals(s, "no") || iequals(s, "n")) return false;
  return std::nullopt;
}

}  // namespace

sfsync::Result<DeCell> parse_de_value(const DeField& field, std::string_view text) {
  if (text.empty()) return DeCell{};
  switch (field.type) {
    case DeFieldType::Number: {
      int64_t n = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size()) return bad(field, text);
      return DeCell{n};
    }
    case DeFieldType::Decimal: {
      double d = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
      if (ec != std::errc() || end != text.data() + text.size()) return bad(field, text);
      return DeCell{d};
    }
    case DeFieldType::Boolean: {
      auto b = parse_bool(text);
      if (!b) return bad(field, text);
      return DeCell{int64_t(*b)};
    }
    case DeFieldType::Date: {
      auto ms = parse_any_datetime(text);
      if (!ms) return bad(field, text);
      return DeCell{*ms};
    }
    default:
      return DeCell{std::string(text)};
  }
}

std::string format_us_datetime(int64_t epoch_ms) {
  int64_t secs = epoch_ms >= 0 ? epoch_ms / 1000 : (epoch_ms - 999) / 1000;
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t in_day = secs - days * 86400;
  int y;
  unsigned m, d;
  sfsync::civil_from_days(days, y, m, d);
  int h = int(in_day / 3600), mi = int(in_day / 60 % 60), s = int(in_day % 60);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%u/%u/%d %d:%02d:%02d %s", m, d, y, h % 12 == 0 ? 12 : h % 12, mi, s,
                h < 12 ? "AM" : "PM");
  return buf;
}

std::string format_de_value(const DeField& field, const DeCell& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return "";
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* real = std::get_if<double>(&cell)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", field.scale > 0 ? field.scale : 2, *real);
    return buf;
  }
  int64_t n = std::get<int64_t>(cell);
  switch (field.type) {
    case DeFieldType::Boolean: return n ? "True" : "False";
    case DeFieldType::Date: return format_us_datetime(n);
    default: return std::to_string(n);
  }
}

}  // namespace emu
