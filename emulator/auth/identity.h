// Who the emulated org and its users are, as OAuth responses name them.
#pragma once

#include <string>

#include "emulator/server/api_context.h"

namespace emu {

// The org's 18-character id ("00D..."), the same for every emulator run.
std::string emulated_org_id();

// A user id in 18-character form (config files may give 15).
std::string user_id_18(const OrgUser& user);

// "<base_url>/id/<orgId18>/<userId18>": the identity URL in token responses.
std::string identity_url(const ApiContext& ctx, const std::string& user_id);

// The user the auto-approving authorize endpoint and client_credentials run as: the first
// configured user (the default integration user). nullptr when there is none.
const OrgUser* default_user(const ApiContext& ctx);

// The body of GET <identity URL> (the Identity Service) for `user`, member names as Salesforce
// documents them (id, asserted_user, user_id, organization_id, username, display_name, urls...).
std::string render_identity(const ApiContext& ctx, const OrgUser& user);

}  // namespace emu
