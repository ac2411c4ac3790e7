// Test-only: builds RS256-signed JWT bearer assertions with the throwaway keys in
// tests/fixtures/jwt/, the way a client library (jsforce, simple-salesforce) would.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "emulator/auth/crypto_util.h"

namespace jwt_test {

inline std::string fixture_path(const std::string& name) {
  return std::string(SFSYNC_SOURCE_DIR) + "/tests/fixtures/jwt/" + name;
}

inline std::string read_fixture(const std::string& name) {
  std::ifstream in(fixture_path(name));
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

inline std::string sign_rs256(const std::string& signing_input, const std::string& private_key_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(private_key_pem.data(), int(private_key_pem.size())),
                                                &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr),
                                                          &EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  size_t len = 0;
  EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get());
  EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(signing_input.data()),
                 signing_input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size());
  sig.resize(len);
  return sig;
}

// header.payload.signature for `claims_json`, signed with fixture key `key_name` ("server.key").
inline std::string make_assertion(const std::string& claims_json, const std::string& key_name = "server.key",
                                  const std::string& alg = "RS256") {
  std::string input = emu::base64url_encode("{\"alg\":\"" + alg + "\"}") + "." + emu::base64url_encode(claims_json);
  return input + "." + emu::base64url_encode(sign_rs256(input, read_fixture(key_name)));
}

inline std::string claims(const std::string& iss, const std::string& sub, const std::string& aud, long long exp) {
  return "{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"exp\":" + std::to_string(exp) + "}";
}

}  // namespace jwt_test
