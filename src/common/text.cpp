#include "common/text.h"

#include <algorithm>
#include <cctype>

namespace sfsync {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string pad_right(std::string_view s, size_t width) {
  size_t chars = static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a UTF-8 continuation byte
  }));
  std::string out(s);
  if (chars < width) out.append(width - chars, ' ');
  return out;
}

std::string_view trim_blanks(std::string_view s) {
  size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

std::string one_line(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = trim_blanks(text.substr(start, end - start));
    if (!line.empty()) {
      if (!out.empty()) out += std::islower(static_cast<unsigned char>(line[0])) ? " " : "; ";
      out += line;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace sfsync
