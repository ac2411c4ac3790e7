#include "config/config_loader.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace sfsync {
namespace {

void read_store(const MapReader& top, Config& config) {
  if (!top.has("store")) return;
  MapReader store = top.child("store", {"path", "postgres", "identifier_buffer_above_profiles"});
  config.store.path = store.str("path", config.store.path);
  config.store.identifier_buffer_above_profiles = store.integer(
      "identifier_buffer_above_profiles", config.store.identifier_buffer_above_profiles, 0, INT64_MAX);
  if (store.has("postgres")) {
    if (store.has("path")) store.fail("postgres", "set either path (SQLite) or postgres, not both");
    MapReader pg = store.child("postgres", {"url"});
    config.store.postgres_url = Secret(pg.required("url", "write url: ${SFSYNC_PG_URL}"));
  }
}

void read_hooks(const MapReader& top, Config& config) {
  if (!top.has("hooks")) return;
  MapReader hooks = top.child("hooks", {"webhook"});
  if (!hooks.has("webhook")) return;
  MapReader hook = hooks.child("webhook", {"url", "batch_size", "max_retries", "headers", "signing_secret"});
  WebhookConfig& w = config.webhook;
  w.url = hook.required("url", "write url: https://example.com/hooks/sfsync");
  if (w.url.rfind("http://", 0) != 0 && w.url.rfind("https://", 0) != 0)
    hook.fail("url", "must start with https:// or http://");
  w.batch_size = static_cast<int>(hook.integer("batch_size", w.batch_size, 1, 10000));
  w.max_retries = static_cast<int>(hook.integer("max_retries", w.max_retries, 0, 100));
  w.signing_secret = hook.secret("signing_secret");
  if (hook.has("headers")) {
    YAML::Node headers = hook.node("headers");
    if (!headers.IsMap()) hook.fail("headers", "must be a map of header: value");
    for (const auto& kv : headers)
      w.headers.emplace_back(kv.first.as<std::string>(),
                             Secret(top.ctx().scalar(kv.second, "hooks.webhook.headers")));
  }
}

}  // namespace

std::optional<std::string> process_env(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

Result<Config> parse_config(std::string_view yaml_text, const std::string& file_name, const EnvLookup& env) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    return make_error("bad_config", file_name + ":" + std::to_string(e.mark.line + 1) + ":" +
                                        std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  }
  YamlContext ctx(file_name, env);
  Config config;
  config.file = file_name;
  try {
    if (!root.IsDefined() || root.IsNull()) ctx.fail(Location{file_name, 1}, "", "the file is empty (add connections: and syncs:)");
    MapReader top(ctx, root, "", "", {"store", "hooks", "connections", "syncs"});
    read_store(top, config);
    read_hooks(top, config);
    read_connections(top, config);
    read_syncs(top, config);
  } catch (const ConfigError& e) {
    return make_error("bad_config", e.what());
  } catch (const YAML::Exception& e) {
    return make_error("bad_config", file_name + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return config;
}

Result<Config> load_config_file(const std::string& path, const EnvLookup& env) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("bad_config", path + ": cannot read the config file (check the path; --config FILE)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path, env);
}

const Connection* Config::find_connection(std::string_view name) const {
  for (const auto& c : connections)
    if (c.name == name) return &c;
  return nullptr;
}

const SyncConfig* Config::find_sync(std::string_view name) const {
  for (const auto& s : syncs)
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace sfsync
