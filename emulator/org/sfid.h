// Salesforce record ids: 15-character case-sensitive base + 3-character case-insensitive checksum.
//
// Ids here are key prefix (3) + pod "5g" + "0" + a 9-digit base-62 counter, so ids of one object sort
// by creation order both as strings and numerically — the property incremental cursors on Id rely on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace emu {

// The emulated org's 15-character id: access tokens start with it, identity URLs carry its 18-char form.
inline constexpr const char* kEmulatedOrgId15 = "00D5g000004EMUL";

// "003" + counter -> 18-character id.
std::string make_sfid(std::string_view key_prefix, uint64_t counter);
// Appends the 3-character checksum to a 15-character id.
std::string sfid_to_18(std::string_view id15);
// Accepts a 15- or 18-character id and returns the 18-character form; nullopt when malformed
// (wrong length, bad characters, or an 18-character id whose checksum does not match).
std::optional<std::string> normalize_sfid(std::string_view id);

}  // namespace emu
