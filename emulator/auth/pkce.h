// PKCE (RFC 7636) as Salesforce checks it at the token endpoint: the authorize call stored a
// code_challenge; the token call must present the code_verifier it was derived from.
#pragma once

#include <string>
#include <string_view>

namespace emu {

// BASE64URL(SHA256(verifier)) without padding.
std::string pkce_s256_challenge(std::string_view verifier);

// True when `verifier` matches `challenge` under `method` ("S256", or "plain"; "" means S256,
// Salesforce's default). An unknown method never matches.
bool pkce_matches(std::string_view method, std::string_view challenge, std::string_view verifier);

}  // namespace emu
