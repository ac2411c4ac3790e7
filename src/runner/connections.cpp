#include "runner/connections.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

namespace sfsync {

std::string refresh_token_secret_name(const std::string& connection) {
  return "connection/" + connection + "/refresh_token";
}

namespace {

Result<std::string> read_key_file(const Connection& c, const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return make_error("bad_config", c.loc.str() + ": connection \"" + c.name + "\": cannot read private_key_file " +
                                        path + "; point it at the PEM key of the connected app's certificate");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<RefreshTokenSource> refresh_token_source(const Connection& c, const std::string& configured,
                                                CustomerStore* store) {
  RefreshTokenSource source{configured, [](const std::string&) {}};
  auto found = [&]() -> Result<RefreshTokenSource> {
    if (!source.token.empty()) return source;
    return make_error("bad_config", c.loc.str() + ": connection \"" + c.name +
                                        "\" has no refresh token yet; run `sfsync connect " + c.name + "`");
  };
  if (!store) return found();
  const std::string name = refresh_token_secret_name(c.name);
  const std::string origin_name = name + "/origin";  // the configured token the stored one descends from
  auto secret = [store](const std::string& n) {
    auto s = store->get_secret(n);
    return s && s.value() ? *s.value() : std::string();
  };
  std::string stored = secret(name);
  // A stored token is newer than the configured one it was rotated from; a configured token that
  // changed since (a new one pasted in) wins. A store from before origins were kept has none.
  if (!stored.empty()) {
    std::string origin = secret(origin_name);
    if (configured.empty() || origin.empty() || origin == configured) source.token = stored;
  }
  source.keep = [store, name, origin_name, configured, connection = c.name](const std::string& token) {
    auto r = store->put_secret(name, token);
    if (r && !configured.empty()) r = store->put_secret(origin_name, configured);
    if (!r)
      spdlog::warn("connection {}: the rotated refresh token could not be stored ({}); the next run will need "
                   "`sfsync connect {}`", connection, r.error().message, connection);
  };
  return found();
}

Result<SalesforceAuthConfig> salesforce_auth_config(const Connection& c, CustomerStore* store) {
  if (c.type != ConnectionType::Salesforce)
    return make_error("bad_config", c.loc.str() + ": connection \"" + c.name + "\" is not a Salesforce connection");
  const SalesforceAuth& a = c.salesforce.auth;
  SalesforceAuthConfig out;
  out.login_url = c.salesforce.login_url;
  out.token_url = a.token_url;
  out.client_id = a.client_id;
  out.client_secret = a.client_secret.reveal();
  out.username = a.username;
  out.password = a.password.reveal();
  switch (a.type) {
    case SalesforceAuthType::ClientCredentials: out.grant = SalesforceGrant::ClientCredentials; break;
    case SalesforceAuthType::Password: out.grant = SalesforceGrant::Password; break;
    case SalesforceAuthType::JwtBearer: {
      out.grant = SalesforceGrant::JwtBearer;
      auto key = read_key_file(c, a.private_key_file);
      if (!key) return key.error();
      out.private_key_pem = *key;
      break;
    }
    case SalesforceAuthType::RefreshToken:
    case SalesforceAuthType::AuthorizationCode: {
      out.grant = SalesforceGrant::RefreshToken;
      auto source = refresh_token_source(c, a.refresh_token.reveal(), store);
      if (!source) return source.error();
      out.refresh_token = source->token;
      out.on_refresh_token = source->keep;
      break;
    }
  }
  return out;
}

Result<std::unique_ptr<SalesforceClient>> make_salesforce_client(const Connection& c, CustomerStore* store) {
  auto auth = salesforce_auth_config(c, store);
  if (!auth) return auth.error();
  auto client = std::make_unique<SalesforceClient>(std::move(auth.value()), c.salesforce.api_version);
  client->set_max_api_usage_percent(c.salesforce.max_api_usage_percent);
  return client;
}

}  // namespace sfsync
