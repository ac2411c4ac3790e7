#include "runner/connections.h"

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
      out.refresh_token = a.refresh_token.reveal();
      if (out.refresh_token.empty() && store) {
        auto stored = store->get_secret(refresh_token_secret_name(c.name));
        if (stored && stored.value()) out.refresh_token = *stored.value();
      }
      if (out.refresh_token.empty())
        return make_error("bad_config", c.loc.str() + ": connection \"" + c.name +
                                            "\" has no refresh token yet; run `sfsync connect " + c.name + "`");
      break;
    }
  }
  return out;
}

Result<std::unique_ptr<SalesforceClient>> make_salesforce_client(const Connection& c, CustomerStore* store) {
  auto auth = salesforce_auth_config(c, store);
  if (!auth) return auth.error();
  return std::make_unique<SalesforceClient>(std::move(auth.value()), c.salesforce.api_version);
}

}  // namespace sfsync
