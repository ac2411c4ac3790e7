#include "emulator/auth/identity.h"

#include "common/json_writer.h"
#include "emulator/org/sfid.h"

namespace emu {

// Must match the prefix TokenStore gives Salesforce access tokens ("<orgId15>!AR...").
std::string emulated_org_id() { return sfid_to_18(kEmulatedOrgId15); }

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

std::string render_identity(const ApiContext& ctx, const OrgUser& user) {
  const std::string user_id = user_id_18(user);
  const std::string data = ctx.base_url + "/services/data/v{version}/";
  const std::string local = user.username.substr(0, user.username.find('@'));
  std::string out;
  sfsync::JsonWriter w(out);
  w.begin_object()
      .member("id", identity_url(ctx, user_id))
      .member("asserted_user", true)
      .member("user_id", user_id)
      .member("organization_id", emulated_org_id())
      .member("username", user.username)
      .member("nick_name", local)
      .member("display_name", local)
      .member("email", user.username)
      .member("email_verified", true)
      .member("active", true)
      .member("user_type", "STANDARD")
      .member("language", "en_US")
      .member("locale", "en_US")
      .member("utcOffset", 0)
      .key("urls")
      .begin_object()
      .member("enterprise", ctx.base_url + "/services/Soap/c/{version}/" + emulated_org_id())
      .member("partner", ctx.base_url + "/services/Soap/u/{version}/" + emulated_org_id())
      .member("rest", data)
      .member("sobjects", data + "sobjects/")
      .member("query", data + "query/")
      .member("profile", ctx.base_url + "/" + user_id)
      .end_object()
      .member("is_app_installed", true)
      .end_object();
  return out;
}

}  // namespace emu
