#include "sources/salesforce/cursor.h"

namespace sfsync {

std::string Cursor::serialize() const { return std::to_string(stamp_ms) + "|" + id; }

std::optional<Cursor> Cursor::parse(const std::string& text) {
  if (text.empty()) return Cursor{};
  auto bar = text.find('|');
  if (bar == std::string::npos) return std::nullopt;
  Cursor c;
  try {
    c.stamp_ms = std::stoll(text.substr(0, bar));
  } catch (...) {
    return std::nullopt;
  }
  c.id = text.substr(bar + 1);
  return c;
}

}  // namespace sfsync
