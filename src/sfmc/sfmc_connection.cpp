#include "sfmc/sfmc_connection.h"

#include <spdlog/spdlog.h>

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
    const std::string secret_name = refresh_token_secret_name(c.name);
    std::optional<std::string> stored;
    if (store)
      if (auto s = store->get_secret(secret_name); s && s.value()) stored = *s.value();
    // A token the store holds was rotated after the config's: Marketing Cloud refresh tokens are single use.
    auth.refresh_token = stored ? *stored : mc.refresh_token.reveal();
    if (auth.refresh_token.empty())
      return make_error("bad_config", c.loc.str() + ": connection \"" + c.name +
                                          "\" has no refresh token yet; run `sfsync connect " + c.name + "`");
    if (store)
      auth.on_refresh_token = [store, secret_name, name = c.name](const std::string& token) {
        if (auto r = store->put_secret(secret_name, token); !r)
          spdlog::warn("connection {}: the rotated refresh token could not be stored ({}); the next run will "
                       "need `sfsync connect {}`", name, r.error().message, name);
      };
  }
  return std::make_unique<MarketingCloudClient>(std::move(auth));
}

}  // namespace sfsync
