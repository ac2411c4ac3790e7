// Small wrappers over OpenSSL for the OAuth surfaces: Base64 (standard and URL-safe), SHA-256,
// HMAC-SHA256 and random identifiers. Byte strings travel as std::string.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace emu {

std::string base64_encode(std::string_view bytes);           // with '=' padding
std::string base64url_encode(std::string_view bytes);        // RFC 4648 §5, no padding (JWT, PKCE)
// Both decoders accept input with or without padding; nullopt on characters outside the alphabet.
std::optional<std::string> base64_decode(std::string_view text);
std::optional<std::string> base64url_decode(std::string_view text);

std::string sha256(std::string_view data);                          // 32 raw bytes
std::string hmac_sha256(std::string_view key, std::string_view data);  // 32 raw bytes

// Cryptographically random lower-case hex of `bytes` bytes, and a random version-4 UUID
// ("3934bf37-a0a4-4312-94ba-b4b071079146"), the form Marketing Cloud uses for request tokens.
std::string random_hex(size_t bytes);
std::string random_uuid();
// A UUID-shaped string derived from `seed_text` (stable ids for configured objects).
std::string stable_uuid(std::string_view seed_text);

}  // namespace emu
