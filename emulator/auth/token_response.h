// Token endpoint success bodies, member for member in the order the real servers send them.
#pragma once

#include <cstdint>
#include <string>

namespace emu {

// Salesforce /services/oauth2/token. No expires_in: Salesforce never sends one (reference §1.2).
struct SalesforceTokenResponse {
  std::string access_token;
  std::string refresh_token;  // "" = member omitted (only the authorization-code grant returns one)
  std::string scope;
  std::string instance_url;
  std::string identity_url;   // <login>/id/<orgId18>/<userId18>
  int64_t issued_at_ms = 0;   // rendered as a string of epoch milliseconds
  std::string client_secret;  // keys the signature
};
std::string render_salesforce_token(const SalesforceTokenResponse& r);

// Salesforce's `signature`: Base64(HMAC-SHA256(client_secret, identity_url + issued_at)), which a
// client may use to check that the id URL was not tampered with.
std::string salesforce_token_signature(const std::string& client_secret, const std::string& identity_url,
                                       int64_t issued_at_ms);

// Marketing Cloud /v2/token. Instance URLs end with '/'.
struct MarketingCloudTokenResponse {
  std::string access_token;
  std::string refresh_token;  // "" = member omitted
  int64_t expires_in_s = 0;
  std::string scope;
  std::string soap_instance_url;
  std::string rest_instance_url;
};
std::string render_marketing_cloud_token(const MarketingCloudTokenResponse& r);

}  // namespace emu
