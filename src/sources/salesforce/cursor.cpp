#include "sources/salesforce/cursor.h"

namespace sfsync {

namespace {
constexpr std::string_view kByIdPrefix = "id:";

std::optional<int64_t> whole_number(const std::string& text) {
  try {
    size_t used = 0;
    int64_t n = std::stoll(text, &used);
    if (used != text.size()) return std::nullopt;
    return n;
  } catch (...) {
    return std::nullopt;
  }
}
}  // namespace

std::string Cursor::serialize() const {
  std::string text(by_id ? kByIdPrefix : std::string_view());
  text.append(std::to_string(stamp_ms)).append("|").append(id);
  if (by_id) return text;
  if (read_to_ms != 0 || deleted_to_ms != 0) text.append("|").append(std::to_string(read_to_ms));
  if (deleted_to_ms != 0) text.append("|").append(std::to_string(deleted_to_ms));
  return text;
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
  std::optional<int64_t> stamp = whole_number(text.substr(start, bar - start));
  if (!stamp) return std::nullopt;
  c.stamp_ms = *stamp;
  // Salesforce Ids are alphanumeric: a second bar starts read_to_ms.
  auto second = text.find('|', bar + 1);
  c.id = text.substr(bar + 1, second == std::string::npos ? std::string::npos : second - bar - 1);
  if (second == std::string::npos) return c;
  if (c.by_id) return std::nullopt;
  auto third = text.find('|', second + 1);
  std::optional<int64_t> read_to =
      whole_number(text.substr(second + 1, third == std::string::npos ? std::string::npos : third - second - 1));
  if (!read_to) return std::nullopt;
  c.read_to_ms = *read_to;
  if (third == std::string::npos) return c;
  std::optional<int64_t> deleted_to = whole_number(text.substr(third + 1));
  if (!deleted_to) return std::nullopt;
  c.deleted_to_ms = *deleted_to;
  return c;
}

bool Cursor::covers(int64_t record_stamp_ms, const std::string& record_id) const {
  if (record_stamp_ms != stamp_ms) return record_stamp_ms < stamp_ms;
  return id.empty() || record_id <= id;  // an empty id: every record of stamp_ms was read
}

}  // namespace sfsync
