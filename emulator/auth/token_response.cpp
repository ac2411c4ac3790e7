#include "emulator/auth/token_response.h"

#include "common/json_writer.h"
#include "emulator/auth/crypto_util.h"

namespace emu {

std::string salesforce_token_signature(const std::string& client_secret, const std::string& identity_url,
                                       int64_t issued_at_ms) {
  return base64_encode(hmac_sha256(client_secret, identity_url + std::to_string(issued_at_ms)));
}

std::string render_salesforce_token(const SalesforceTokenResponse& r) {
  std::string out;
  sfsync::JsonWriter w(out);
  w.begin_object().member("access_token", r.access_token);
  if (!r.refresh_token.empty()) w.member("refresh_token", r.refresh_token);
  w.member("signature", salesforce_token_signature(r.client_secret, r.identity_url, r.issued_at_ms))
      .member("scope", r.scope)
      .member("instance_url", r.instance_url)
      .member("id", r.identity_url)
      .member("token_type", "Bearer")
      .member("issued_at", std::to_string(r.issued_at_ms))
      .end_object();
  return out;
}

std::string render_marketing_cloud_token(const MarketingCloudTokenResponse& r) {
  std::string out;
  sfsync::JsonWriter w(out);
  w.begin_object().member("access_token", r.access_token);
  if (!r.refresh_token.empty()) w.member("refresh_token", r.refresh_token);
  w.member("token_type", "Bearer")
      .member("expires_in", r.expires_in_s)
      .member("scope", r.scope)
      .member("soap_instance_url", r.soap_instance_url)
      .member("rest_instance_url", r.rest_instance_url)
      .end_object();
  return out;
}

}  // namespace emu
