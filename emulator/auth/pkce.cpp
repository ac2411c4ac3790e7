#include "emulator/auth/pkce.h"

#include "emulator/auth/crypto_util.h"

namespace emu {

std::string pkce_s256_challenge(std::string_view verifier) { return base64url_encode(sha256(verifier)); }

bool pkce_matches(std::string_view method, std::string_view challenge, std::string_view verifier) {
  if (verifier.empty()) return false;
  if (method.empty() || method == "S256") return pkce_s256_challenge(verifier) == challenge;
  if (method == "plain") return verifier == challenge;
  return false;
}

}  // namespace emu
