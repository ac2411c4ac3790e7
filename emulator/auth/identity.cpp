#include "emulator/auth/identity.h"

#include "emulator/org/sfid.h"

namespace emu {

// Must match the prefix TokenStore gives Salesforce access tokens ("<orgId15>!AR...").
std::string emulated_org_id() { return sfid_to_18("00D5g000004EMUL"); }

std::string user_id_18(const OrgUser& user) {
  auto normalized = normalize_sfid(user.user_id);
  return normalized ? *normalized : user.user_id;
}

std::string identity_url(const ApiContext& ctx, const std::string& user_id) {
  return ctx.base_url + "/id/" + emulated_org_id() + "/" + user_id;
}

const OrgUser* default_user(const ApiContext& ctx) {
  return ctx.options.users.empty() ? nullptr : &ctx.options.users.front();
}

}  // namespace emu
