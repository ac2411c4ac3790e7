// JWT bearer assertions (RFC 7523) as the Salesforce token endpoint receives them: a compact JWS
// signed RS256 with the connected app's private key, verified against the X.509 certificate
// uploaded to the app. Only what the grant needs is extracted from the claims.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace emu {

struct JwtClaims {
  std::string iss;               // consumer key (client_id)
  std::string sub;               // username
  std::vector<std::string> aud;  // a string or an array in the token; always a list here
  int64_t exp = 0;               // epoch seconds; 0 when absent
};

// Verifies the signature of `compact` ("header.payload.signature", alg RS256) with the public key
// of `certificate_pem` (an X.509 certificate, or a bare PUBLIC KEY block) and returns the claims.
// Error codes: "malformed" (not a JWS, bad base64/JSON, alg other than RS256),
// "bad_certificate" (the PEM cannot be read), "bad_signature".
sfsync::Result<JwtClaims> verify_jwt_rs256(std::string_view compact, std::string_view certificate_pem);

// The claims WITHOUT checking the signature: only to learn `iss`, i.e. which app's certificate
// to verify with. Error code "malformed".
sfsync::Result<JwtClaims> read_jwt_claims_unverified(std::string_view compact);

}  // namespace emu
