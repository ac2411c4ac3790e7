#include "emulator/org/sfid.h"

#include <cctype>

namespace emu {
namespace {

constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kChecksumChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

bool is_base62(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

}  // namespace

std::string sfid_to_18(std::string_view id15) {
  std::string out(id15);
  // Each 5-character chunk gives one checksum character: bit i set when character i is uppercase.
  for (int chunk = 0; chunk < 3; ++chunk) {
    int bits = 0;
    for (int i = 0; i < 5; ++i) {
      char c = id15[static_cast<size_t>(chunk * 5 + i)];
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    out.push_back(kChecksumChars[static_cast<size_t>(bits)]);
  }
  return out;
}

std::string make_sfid(std::string_view key_prefix, uint64_t counter) {
  std::string id15(key_prefix);
  id15.append("5g0");
  char digits[9];
  for (int i = 8; i >= 0; --i) {
    digits[i] = kBase62[counter % 62];
    counter /= 62;
  }
  id15.append(digits, 9);
  return sfid_to_18(id15);
}

std::optional<std::string> normalize_sfid(std::string_view id) {
  if (id.size() != 15 && id.size() != 18) return std::nullopt;
  for (size_t i = 0; i < 15; ++i)
    if (!is_base62(id[i])) return std::nullopt;
  std::string full = sfid_to_18(id.substr(0, 15));
  if (id.size() == 18) {
    for (size_t i = 15; i < 18; ++i)
      if (std::toupper(static_cast<unsigned char>(id[i])) != full[i]) return std::nullopt;
  }
  return full;
}

}  // namespace emu
