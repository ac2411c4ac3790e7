// Salesforce OAuth 2.0: turns configured credentials into a session (access token + instance URL).
//
// Salesforce sends no expires_in: a session is used until a data call answers 401, then renewed
// (SalesforceClient does that). Error messages never contain secrets — only the server's
// error/error_description and the token URL.
#pragma once

#include <functional>
#include <string>

#include "common/result.h"
#include "net/http_client.h"

namespace sfsync {

enum class SalesforceGrant { RefreshToken, ClientCredentials, JwtBearer, Password };

struct SalesforceAuthConfig {
  SalesforceGrant grant = SalesforceGrant::RefreshToken;
  std::string login_url = "https://login.salesforce.com";
  std::string token_url;        // default: login_url + /services/oauth2/token
  std::string client_id;
  std::string client_secret;
  std::string refresh_token;    // RefreshToken grant (also what `sfsync connect` stores)
  std::string username;         // JwtBearer subject; Password grant
  std::string password;
  std::string private_key_pem;  // JwtBearer: RS256 signing key
  std::string audience;         // JwtBearer: default login_url
  // RefreshToken grant, with refresh token rotation on the connected app: every renewal returns a
  // new refresh token and invalidates the one sent. Called with the new one, to keep it.
  std::function<void(const std::string&)> on_refresh_token;

  std::string effective_token_url() const;
};

struct SalesforceSession {
  std::string access_token;
  std::string instance_url;   // taken from the token response, never from config
  std::string refresh_token;  // only when the server returned one (authorization code flow)
  std::string identity_url;   // https://.../id/<org>/<user>
};

// Runs the configured grant against the token endpoint.
Result<SalesforceSession> request_session(HttpClient& http, const SalesforceAuthConfig& config);

// Revokes a refresh (or access) token at `revoke_url`, which revokes the grant's access tokens
// too. Salesforce answers 400 unsupported_token_type for a token it no longer knows: that is
// `false` (already gone), not an error. Used by `sfsync disconnect`.
Result<bool> revoke_token(HttpClient& http, const std::string& revoke_url, const std::string& token);

// Authorization code (+ PKCE verifier) exchange, used by `sfsync connect`.
Result<SalesforceSession> exchange_authorization_code(HttpClient& http, const SalesforceAuthConfig& config,
                                                      const std::string& code, const std::string& redirect_uri,
                                                      const std::string& code_verifier);

// A signed RS256 JWT bearer assertion (exposed for tests).
Result<std::string> make_jwt_assertion(const SalesforceAuthConfig& config, int64_t now_seconds);

// PKCE helpers: a random verifier and its S256 challenge (BASE64URL(SHA256(verifier))).
std::string make_pkce_verifier();
std::string pkce_challenge_s256(const std::string& verifier);
std::string base64url(std::string_view bytes);

}  // namespace sfsync
