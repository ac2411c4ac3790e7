#include "salesforce/oauth.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <simdjson.h>

#include <ctime>
#include <memory>

#include "common/json_writer.h"

namespace sfsync {

std::string SalesforceAuthConfig::effective_token_url() const {
  if (!token_url.empty()) return token_url;
  std::string base = login_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/services/oauth2/token";
}

std::string base64url(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

std::string make_pkce_verifier() {
  unsigned char random[64];
  RAND_bytes(random, sizeof random);
  return base64url(std::string_view(reinterpret_cast<char*>(random), sizeof random));
}

std::string pkce_challenge_s256(const std::string& verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest);
  return base64url(std::string_view(reinterpret_cast<char*>(digest), sizeof digest));
}

Result<std::string> make_jwt_assertion(const SalesforceAuthConfig& config, int64_t now_seconds) {
  std::string header = R"({"alg":"RS256"})";
  std::string claims;
  JsonWriter(claims)
      .begin_object()
      .member("iss", config.client_id)
      .member("sub", config.username)
      .member("aud", config.audience.empty() ? config.login_url : config.audience)
      .member("exp", now_seconds + 180)
      .end_object();
  std::string signing_input = base64url(header) + "." + base64url(claims);

  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(config.private_key_pem.data(), static_cast<int>(config.private_key_pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr),
                                                          EVP_PKEY_free);
  if (!key) return make_error("bad_config", "jwt_bearer: private_key_file is not a PEM private key");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t length = 0;
  if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1)
    return make_error("bad_config", "jwt_bearer: the private key cannot sign RS256");
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1)
    return make_error("bad_config", "jwt_bearer: signing failed");
  signature.resize(length);
  return signing_input + "." + base64url(signature);
}

namespace {

std::string string_member(simdjson::dom::element doc, const char* key) {
  std::string_view v;
  if (doc[key].get(v)) return {};
  return std::string(v);
}

Result<SalesforceSession> post_token_request(HttpClient& http, const SalesforceAuthConfig& config,
                                             const std::vector<std::pair<std::string, std::string>>& form) {
  std::string url = config.effective_token_url();
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"};
  request.body = form_encode(form);
  request.timeout_ms = 60000;
  auto response = http.send(request);
  if (!response) return make_error("network", "cannot reach the Salesforce token endpoint " + url + ": " +
                                                  response.error().message);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  bool parsed = !parser.parse(response->body).get(doc) && doc.is_object();
  if (response->status != 200) {
    std::string what = parsed ? string_member(doc, "error") : "";
    std::string why = parsed ? string_member(doc, "error_description") : "";
    return make_error("auth", "Salesforce refused the login at " + url + " (HTTP " +
                                  std::to_string(response->status) + (what.empty() ? "" : ", " + what) +
                                  (why.empty() ? "" : ": " + why) +
                                  "); check client_id/client_secret and the credentials, or reconnect");
  }
  if (!parsed) return make_error("auth", "the Salesforce token endpoint " + url + " answered with non-JSON");
  SalesforceSession session;
  session.access_token = string_member(doc, "access_token");
  session.instance_url = string_member(doc, "instance_url");
  session.refresh_token = string_member(doc, "refresh_token");
  session.identity_url = string_member(doc, "id");
  while (!session.instance_url.empty() && session.instance_url.back() == '/') session.instance_url.pop_back();
  if (session.access_token.empty() || session.instance_url.empty())
    return make_error("auth", "the Salesforce token response from " + url + " lacks access_token or instance_url");
  return session;
}

}  // namespace

Result<SalesforceSession> request_session(HttpClient& http, const SalesforceAuthConfig& c) {
  switch (c.grant) {
    case SalesforceGrant::RefreshToken:
      return post_token_request(http, c, {{"grant_type", "refresh_token"}, {"refresh_token", c.refresh_token},
                                          {"client_id", c.client_id}, {"client_secret", c.client_secret}});
    case SalesforceGrant::ClientCredentials:
      return post_token_request(http, c, {{"grant_type", "client_credentials"}, {"client_id", c.client_id},
                                          {"client_secret", c.client_secret}});
    case SalesforceGrant::Password:
      return post_token_request(http, c, {{"grant_type", "password"}, {"client_id", c.client_id},
                                          {"client_secret", c.client_secret}, {"username", c.username},
                                          {"password", c.password}});
    case SalesforceGrant::JwtBearer: {
      auto assertion = make_jwt_assertion(c, static_cast<int64_t>(std::time(nullptr)));
      if (!assertion) return assertion.error();
      return post_token_request(http, c, {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                                          {"assertion", *assertion}});
    }
  }
  return make_error("bad_config", "unknown Salesforce grant");
}

Result<SalesforceSession> exchange_authorization_code(HttpClient& http, const SalesforceAuthConfig& c,
                                                      const std::string& code, const std::string& redirect_uri,
                                                      const std::string& code_verifier) {
  return post_token_request(http, c, {{"grant_type", "authorization_code"}, {"code", code},
                                      {"client_id", c.client_id}, {"client_secret", c.client_secret},
                                      {"redirect_uri", redirect_uri}, {"code_verifier", code_verifier}});
}

Result<bool> revoke_token(HttpClient& http, const std::string& revoke_url, const std::string& token) {
  HttpRequest request;
  request.method = "POST";
  request.url = revoke_url;
  request.headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"};
  request.body = form_encode({{"token", token}});
  request.timeout_ms = 60000;
  auto response = http.send(request);
  if (!response)
    return make_error("network", "cannot reach the Salesforce revoke endpoint " + revoke_url + ": " +
                                     response.error().message);
  if (response->status == 200) return true;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string what = !parser.parse(response->body).get(doc) && doc.is_object() ? string_member(doc, "error") : "";
  if (response->status == 400 && what == "unsupported_token_type") return false;
  return make_error("auth", "Salesforce refused to revoke the token at " + revoke_url + " (HTTP " +
                                std::to_string(response->status) + (what.empty() ? "" : ", " + what) +
                                "); check auth.revoke_url");
}

}  // namespace sfsync
