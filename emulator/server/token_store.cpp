#include "emulator/server/token_store.h"

#include <openssl/rand.h>

#include "emulator/org/sfid.h"

namespace emu {

std::string TokenStore::random_token(const std::string& prefix) {
  static const char* alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  unsigned char bytes[48];
  RAND_bytes(bytes, sizeof bytes);
  std::string out = prefix;
  for (unsigned char b : bytes) out.push_back(alphabet[b % 62]);
  out += std::to_string(++counter_);
  return out;
}

AccessToken TokenStore::issue_access(TokenRealm realm, const std::string& client_id, const std::string& user_id,
                                     const std::string& scope, const std::string& refresh_token, int64_t now_ms) {
  std::lock_guard l(mu_);
  AccessToken t;
  // Salesforce session ids start with the org id and "!"; Marketing Cloud tokens are opaque.
  t.token = random_token(realm == TokenRealm::Salesforce ? std::string(kEmulatedOrgId15) + "!AR"
                                                          : std::string("eyJhbGciOiJIUzI1NiIs"));
  t.realm = realm;
  t.client_id = client_id;
  t.user_id = user_id;
  t.scope = scope;
  t.refresh_token = refresh_token;
  t.issued_ms = now_ms;
  t.expires_ms = now_ms + (realm == TokenRealm::Salesforce ? access_ttl_ms_ : sfmc_ttl_ms_);
  access_[t.token] = t;
  return t;
}

RefreshToken TokenStore::issue_refresh(TokenRealm realm, const std::string& client_id, const std::string& user_id,
                                       const std::string& scope) {
  std::lock_guard l(mu_);
  RefreshToken t;
  t.token = random_token("5Aep861");
  t.realm = realm;
  t.client_id = client_id;
  t.user_id = user_id;
  t.scope = scope;
  refresh_[t.token] = t;
  return t;
}

AuthorizationCode TokenStore::issue_code(AuthorizationCode code, int64_t now_ms) {
  std::lock_guard l(mu_);
  code.code = random_token("aPrx");
  code.expires_ms = now_ms + 15 * 60 * 1000;
  code.used = false;
  codes_[code.code] = code;
  return code;
}

std::optional<AccessToken> TokenStore::validate(TokenRealm realm, const std::string& token, int64_t now_ms) const {
  std::lock_guard l(mu_);
  auto it = access_.find(token);
  if (it == access_.end() || it->second.realm != realm || it->second.expires_ms <= now_ms) return std::nullopt;
  if (!it->second.refresh_token.empty()) {
    auto r = refresh_.find(it->second.refresh_token);
    if (r != refresh_.end() && r->second.revoked) return std::nullopt;
  }
  return it->second;
}

std::optional<RefreshToken> TokenStore::find_refresh(TokenRealm realm, const std::string& token) const {
  std::lock_guard l(mu_);
  auto it = refresh_.find(token);
  if (it == refresh_.end() || it->second.realm != realm || it->second.revoked) return std::nullopt;
  return it->second;
}

std::optional<AuthorizationCode> TokenStore::redeem_code(TokenRealm realm, const std::string& code, int64_t now_ms) {
  std::lock_guard l(mu_);
  auto it = codes_.find(code);
  if (it == codes_.end() || it->second.realm != realm || it->second.used || it->second.expires_ms <= now_ms)
    return std::nullopt;
  it->second.used = true;
  return it->second;
}

bool TokenStore::revoke(const std::string& token) {
  std::lock_guard l(mu_);
  if (auto it = refresh_.find(token); it != refresh_.end()) {
    it->second.revoked = true;
    for (auto a = access_.begin(); a != access_.end();)
      a = a->second.refresh_token == token ? access_.erase(a) : std::next(a);
    return true;
  }
  return access_.erase(token) > 0;
}

void TokenStore::retire_refresh(const std::string& token) {
  std::lock_guard l(mu_);
  if (auto it = refresh_.find(token); it != refresh_.end()) it->second.revoked = true;
}

void TokenStore::expire_all_access_tokens() {
  std::lock_guard l(mu_);
  for (auto& [_, t] : access_) t.expires_ms = 0;
}

void TokenStore::clear() {
  std::lock_guard l(mu_);
  access_.clear();
  refresh_.clear();
  codes_.clear();
}

}  // namespace emu
