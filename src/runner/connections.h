// From a configured connection to a ready API client. Secrets move from the config (or the
// store, where `sfsync connect` keeps refresh tokens encrypted) into the client, nowhere else.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "config/config.h"
#include "salesforce/salesforce_client.h"
#include "sinks/store/customer_store.h"

namespace sfsync {

// The secret name under which `sfsync connect NAME` stores a connection's refresh token.
std::string refresh_token_secret_name(const std::string& connection);

// A connection's refresh token: the config's, or the one `sfsync connect` stored, or — when the
// server rotates refresh tokens (each renewal spends the token sent and returns a new one) — the
// newest one the store kept for it. `keep` stores a rotated token; it does nothing without a store.
// bad_config ("run `sfsync connect NAME`") when there is none at all.
struct RefreshTokenSource {
  std::string token;
  std::function<void(const std::string&)> keep;
};
Result<RefreshTokenSource> refresh_token_source(const Connection& connection, const std::string& configured,
                                                CustomerStore* store);

// store may be null (then only the config's own refresh_token is used).
Result<SalesforceAuthConfig> salesforce_auth_config(const Connection& connection, CustomerStore* store);
Result<std::unique_ptr<SalesforceClient>> make_salesforce_client(const Connection& connection, CustomerStore* store);

}  // namespace sfsync
