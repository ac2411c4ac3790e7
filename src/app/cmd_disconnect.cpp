// sfsync disconnect NAME: the end of what `connect` began. The stored refresh token is revoked at
// Salesforce (which revokes the grant's access tokens too) and then forgotten, so neither a copy of
// the store nor a later run can use it. Marketing Cloud documents no revoke call for its tokens:
// there the token is only forgotten, and the installed package's access is removed in Setup.
#include <cstdio>

#include "app/commands.h"
#include "net/http_client.h"
#include "runner/connections.h"
#include "salesforce/oauth.h"

namespace sfsync {

namespace {

// Revokes the Salesforce token; false (after saying why) keeps it stored, so the user can retry.
bool revoke_at_salesforce(const Connection& c, const std::string& token) {
  HttpClient http;
  Result<bool> revoked = revoke_token(http, c.salesforce.auth.revoke_url, token);
  if (!revoked) {
    CliContext::print_error(revoked.error());
    return false;
  }
  if (!*revoked) std::printf("%s: Salesforce no longer knew the token (already revoked)\n", c.name.c_str());
  return true;
}

bool token_in_config(const Connection& c) {
  return c.type == ConnectionType::Sfmc ? !c.sfmc.refresh_token.empty() : !c.salesforce.auth.refresh_token.empty();
}

}  // namespace

int cmd_disconnect(CliContext& ctx, const std::string& name) {
  const Connection* c = login_connection(ctx, name);
  if (!c) return kExitBadInput;
  CustomerStore* store = ctx.store();
  if (!store) return kExitBadInput;
  const std::string secret = refresh_token_secret_name(name);
  auto token = store->get_secret(secret);
  if (!token) return CliContext::print_error(token.error()), CliContext::exit_code_for(token.error());
  if (!token->has_value()) {
    std::printf("%s has no refresh token in the store: nothing to disconnect\n", name.c_str());
  } else {
    if (c->type == ConnectionType::Salesforce && !revoke_at_salesforce(*c, **token)) return kExitRunFailed;
    auto removed = store->delete_secret(secret);
    if (!removed) return CliContext::print_error(removed.error()), kExitRunFailed;
    std::printf(c->type == ConnectionType::Salesforce
                    ? "disconnected %s: refresh token revoked at Salesforce and removed from the store\n"
                    : "disconnected %s: refresh token removed from the store (remove the installed package's "
                      "access in Marketing Cloud Setup to end the grant)\n",
                name.c_str());
  }
  if (token_in_config(*c))
    std::printf("note: the config still sets a refresh token for %s; remove it there too\n", name.c_str());
  return kExitOk;
}

}  // namespace sfsync
