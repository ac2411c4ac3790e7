#include "emulator/auth/app_config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "emulator/org/sfid.h"

namespace emu {
namespace {

using sfsync::make_error;

// A scalar, or a YAML list joined with spaces (scopes may be written either way).
std::string text_or_joined(const YAML::Node& node) {
  if (!node) return "";
  if (node.IsScalar()) return node.as<std::string>();
  std::string out;
  for (const auto& item : node) {
    if (!out.empty()) out.push_back(' ');
    out.append(item.as<std::string>());
  }
  return out;
}

sfsync::Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return make_error("bad_config", "cannot read " + path.string());
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

sfsync::Result<ClientApp> parse_app(const YAML::Node& node, const std::filesystem::path& base_dir) {
  ClientApp app;
  app.client_id = node["client_id"].as<std::string>("");
  if (app.client_id.empty()) return make_error("bad_config", "an app in the config has no client_id");
  app.client_secret = node["client_secret"].as<std::string>("");
  if (auto uris = node["redirect_uris"]) {
    if (uris.IsScalar()) app.redirect_uris.push_back(uris.as<std::string>());
    else for (const auto& u : uris) app.redirect_uris.push_back(u.as<std::string>());
  }
  app.scopes = text_or_joined(node["scopes"]);
  app.account_id = node["account_id"].as<std::string>("");
  app.rotate_refresh_tokens = node["rotate_refresh_tokens"].as<bool>(false);
  if (auto cert = node["jwt_certificate_file"]) {
    auto pem = read_file(base_dir / cert.as<std::string>());
    if (!pem) return pem.error();
    app.jwt_certificate_pem = *pem;
  }
  return app;
}

template <typename T, typename KeyOf>
void put(std::vector<T>& list, T item, KeyOf key_of) {
  for (auto& existing : list) {
    if (key_of(existing) == key_of(item)) { existing = std::move(item); return; }
  }
  list.push_back(std::move(item));
}

sfsync::Result<void> load_apps(const YAML::Node& list, std::vector<ClientApp>& into,
                               const std::filesystem::path& base_dir) {
  if (!list) return {};
  for (const auto& node : list) {
    auto app = parse_app(node, base_dir);
    if (!app) return app.error();
    put(into, std::move(*app), [](const ClientApp& a) { return a.client_id; });
  }
  return {};
}

}  // namespace

bool has_redirect_uri(const ClientApp& app, std::string_view uri) {
  for (const auto& registered : app.redirect_uris) {
    if (registered == uri) return true;
  }
  return false;
}

sfsync::Result<void> load_apps_from_yaml(EmulatorOptions& options, const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    return make_error("bad_config", path + ": " + e.what());
  }
  const auto base_dir = std::filesystem::path(path).parent_path();
  try {
    if (auto r = load_apps(root["connected_apps"], options.salesforce_apps, base_dir); !r) return r;
    if (auto r = load_apps(root["sfmc_packages"], options.sfmc_apps, base_dir); !r) return r;
    for (const auto& node : root["users"]) {
      OrgUser user{node["username"].as<std::string>(""), node["password"].as<std::string>(""),
                   node["user_id"].as<std::string>("")};
      if (user.username.empty()) return make_error("bad_config", "a user in " + path + " has no username");
      if (user.user_id.empty()) {
        user.user_id = make_sfid("005", options.users.size() + 1);
      } else if (auto id18 = normalize_sfid(user.user_id)) {
        user.user_id = *id18;
      } else {
        return make_error("bad_config", "user " + user.username + " has a malformed user_id " + user.user_id);
      }
      put(options.users, std::move(user), [](const OrgUser& u) { return u.username; });
    }
  } catch (const YAML::Exception& e) {
    return make_error("bad_config", path + ": " + e.what());
  }
  return {};
}

}  // namespace emu
