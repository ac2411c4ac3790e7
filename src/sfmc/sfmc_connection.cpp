#include "sfmc/sfmc_connection.h"

#include "runner/connections.h"

namespace sfsync {

Result<std::unique_ptr<MarketingCloudClient>> make_marketing_cloud_client(const Connection& c, CustomerStore* store) {
  if (c.type != ConnectionType::Sfmc)
    return make_error("bad_config", c.loc.str() + ": connection \"" + c.name + "\" is not a Marketing Cloud connection");
  const SfmcConnection& mc = c.sfmc;
  MarketingCloudAuth auth;
  auth.auth_base_url = mc.auth_base_url;
  auth.rest_base_url = mc.rest_base_url;
  auth.client_id = mc.client_id;
  auth.client_secret = mc.client_secret.reveal();
  auth.account_id = mc.account_id;
  auth.scopes = mc.scopes;
  if (mc.grant == SfmcGrant::AuthorizationCode) {
    auth.grant = MarketingCloudGrant::RefreshToken;
    // Marketing Cloud refresh tokens are single use: every renewal rotates them.
    auto source = refresh_token_source(c, mc.refresh_token.reveal(), store);
    if (!source) return source.error();
    auth.refresh_token = source->token;
    auth.on_refresh_token = source->keep;
  }
  return std::make_unique<MarketingCloudClient>(std::move(auth));
}

}  // namespace sfsync
