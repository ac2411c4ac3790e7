// ASCII case helpers: Salesforce API names (objects, fields, relationships) compare
// case-insensitively, and they are ASCII by definition.
#pragma once

#include <string>
#include <string_view>

namespace sfsync {

std::string ascii_lower(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);
// `s` without leading and trailing spaces, tabs and carriage returns.
std::string_view trim_blanks(std::string_view s);

// `s` followed by spaces up to `width` characters, counting UTF-8 code points rather than bytes, so
// that a column after "Júlia" lines up. (Wide CJK characters still count as one: good enough for a
// terminal listing, and no Debian library we use measures display width.)
std::string pad_right(std::string_view s, size_t width);

// A message that spans lines (libpq's: a detail or hint on an indented next line) as the one
// line our errors and logs are: lines trimmed and joined, a lowercase line as the continuation
// of a wrapped sentence (" "), another as the next sentence ("; ").
std::string one_line(std::string_view text);

}  // namespace sfsync
