// TokenStore: access tokens, refresh tokens and authorization codes of the emulated org and
// Marketing Cloud tenant. Thread-safe. Tokens expire after a configurable time; refresh tokens can
// be revoked (revoking one also revokes the access tokens issued from it).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace emu {

enum class TokenRealm { Salesforce, MarketingCloud };

struct AccessToken {
  std::string token;
  TokenRealm realm = TokenRealm::Salesforce;
  std::string client_id;
  std::string user_id;
  std::string scope;          // space-separated
  std::string refresh_token;  // the refresh token it came from, if any
  int64_t issued_ms = 0;
  int64_t expires_ms = 0;
};

struct RefreshToken {
  std::string token;
  TokenRealm realm = TokenRealm::Salesforce;
  std::string client_id;
  std::string user_id;
  std::string scope;
  bool revoked = false;
};

struct AuthorizationCode {
  std::string code;
  TokenRealm realm = TokenRealm::Salesforce;
  std::string client_id;
  std::string redirect_uri;
  std::string code_challenge;         // PKCE
  std::string code_challenge_method;  // "S256" or "plain" or ""
  std::string user_id;
  std::string scope;
  int64_t expires_ms = 0;
  bool used = false;
};

class TokenStore {
 public:
  TokenStore(int64_t access_ttl_ms, int64_t sfmc_ttl_ms) : access_ttl_ms_(access_ttl_ms), sfmc_ttl_ms_(sfmc_ttl_ms) {}

  AccessToken issue_access(TokenRealm realm, const std::string& client_id, const std::string& user_id,
                           const std::string& scope, const std::string& refresh_token, int64_t now_ms);
  RefreshToken issue_refresh(TokenRealm realm, const std::string& client_id, const std::string& user_id,
                             const std::string& scope);
  AuthorizationCode issue_code(AuthorizationCode code_template, int64_t now_ms);

  // A live (known, unexpired, not revoked) access token of the realm.
  std::optional<AccessToken> validate(TokenRealm realm, const std::string& token, int64_t now_ms) const;
  std::optional<RefreshToken> find_refresh(TokenRealm realm, const std::string& token) const;
  // Marks the code used and returns it; nullopt when unknown, expired or already used.
  std::optional<AuthorizationCode> redeem_code(TokenRealm realm, const std::string& code, int64_t now_ms);

  // Revokes an access or refresh token; false when unknown.
  bool revoke(const std::string& token);
  // Refresh token rotation: the spent refresh token stops working; the sessions it opened stay.
  void retire_refresh(const std::string& token);
  // Expires every live access token now (fault injection: "token expiry mid-pagination").
  void expire_all_access_tokens();
  void set_access_ttl_ms(int64_t ttl) { std::lock_guard l(mu_); access_ttl_ms_ = ttl; }
  void clear();

 private:
  std::string random_token(const std::string& prefix);
  mutable std::mutex mu_;
  int64_t access_ttl_ms_;
  int64_t sfmc_ttl_ms_;
  uint64_t counter_ = 0;
  std::map<std::string, AccessToken> access_;
  std::map<std::string, RefreshToken> refresh_;
  std::map<std::string, AuthorizationCode> codes_;
};

}  // namespace emu
