#include "emulator/auth/jwt.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <simdjson.h>

#include <memory>

#include "emulator/auth/crypto_util.h"

namespace emu {
namespace {

using sfsync::make_error;

struct PkeyFree { void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); } };
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

PkeyPtr public_key_from_pem(std::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                &BIO_free);
  if (!bio) return nullptr;
  if (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    PkeyPtr key(X509_get_pubkey(cert));
    X509_free(cert);
    return key;
  }
  BIO_reset(bio.get());
  return PkeyPtr(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
}

bool rs256_valid(EVP_PKEY* key, std::string_view signed_part, std::string_view signature) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1) return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
}

sfsync::Result<JwtClaims> parse_claims(const std::string& payload_json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(payload_json).get(doc) || !doc.is_object()) {
    return make_error("malformed", "JWT claims are not a JSON object");
  }
  JwtClaims claims;
  std::string_view text;
  if (!doc["iss"].get(text)) claims.iss = std::string(text);
  if (!doc["sub"].get(text)) claims.sub = std::string(text);
  simdjson::dom::element aud;
  if (!doc["aud"].get(aud)) {
    if (aud.is_string()) {
      claims.aud.emplace_back(aud.get_string().value());
    } else if (aud.is_array()) {
      for (auto item : aud.get_array()) {
        if (item.is_string()) claims.aud.emplace_back(item.get_string().value());
      }
    }
  }
  simdjson::dom::element exp;
  if (!doc["exp"].get(exp)) {
    if (exp.is_int64()) claims.exp = exp.get_int64().value();
    else if (exp.is_uint64()) claims.exp = static_cast<int64_t>(exp.get_uint64().value());
    else if (exp.is_double()) claims.exp = static_cast<int64_t>(exp.get_double().value());
  }
  return claims;
}

bool header_says_rs256(const std::string& header_json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view alg;
  return !parser.parse(header_json).get(doc) && !doc["alg"].get(alg) && alg == "RS256";
}

struct JwsParts {
  std::string_view signing_input;  // "header.payload"
  std::string header, payload, signature;
};

sfsync::Result<JwsParts> split_jws(std::string_view compact) {
  size_t dot1 = compact.find('.');
  size_t dot2 = dot1 == std::string_view::npos ? dot1 : compact.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || compact.find('.', dot2 + 1) != std::string_view::npos) {
    return make_error("malformed", "assertion is not a compact JWS");
  }
  auto header = base64url_decode(compact.substr(0, dot1));
  auto payload = base64url_decode(compact.substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = base64url_decode(compact.substr(dot2 + 1));
  if (!header || !payload || !signature) return make_error("malformed", "assertion is not base64url");
  if (!header_says_rs256(*header)) return make_error("malformed", "assertion is not signed RS256");
  return JwsParts{compact.substr(0, dot2), std::move(*header), std::move(*payload), std::move(*signature)};
}

}  // namespace

sfsync::Result<JwtClaims> verify_jwt_rs256(std::string_view compact, std::string_view certificate_pem) {
  auto parts = split_jws(compact);
  if (!parts) return parts.error();
  PkeyPtr key = public_key_from_pem(certificate_pem);
  if (!key) return make_error("bad_certificate", "the app's certificate cannot be read");
  if (!rs256_valid(key.get(), parts->signing_input, parts->signature)) {
    return make_error("bad_signature", "assertion signature does not verify");
  }
  return parse_claims(parts->payload);
}

sfsync::Result<JwtClaims> read_jwt_claims_unverified(std::string_view compact) {
  auto parts = split_jws(compact);
  if (!parts) return parts.error();
  return parse_claims(parts->payload);
}

}  // namespace emu
