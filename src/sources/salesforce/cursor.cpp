#include "sources/salesforce/cursor.h"

namespace sfsync {

namespace {
constexpr std::string_view kByIdPrefix = "id:";
}

std::string Cursor::serialize() const {
  return (by_id ? std::string(kByIdPrefix) : std::string()) + std::to_string(stamp_ms) + "|" + id;
}

std::optional<Cursor> Cursor::parse(const std::string& text) {
  if (text.empty()) return Cursor{};
  Cursor c;
  size_t start = 0;
  if (text.compare(0, kByIdPrefix.size(), kByIdPrefix) == 0) {
    c.by_id = true;
    start = kByIdPrefix.size();
  }
  auto bar = text.find('|', start);
  if (bar == std::string::npos || bar == start) return std::nullopt;
  try {
    size_t used = 0;
    c.stamp_ms = std::stoll(text.substr(start, bar - start), &used);
    if (used != bar - start) return std::nullopt;
  } catch (...) {
    return std::nullopt;
  }
  c.id = text.substr(bar + 1);
  return c;
}

}  // namespace sfsync
