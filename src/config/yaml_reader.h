// Reading YAML into the config model with one-line errors that point at the line to fix.
//
// Internal to src/config: the loaders throw ConfigError on the first problem and parse_config()
// turns it into an Error. Every scalar goes through ${ENV} substitution here, so no caller can
// forget it. Unknown keys are rejected with the nearest valid key suggested.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/config.h"

namespace sfsync {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class YamlContext {
 public:
  YamlContext(std::string file, EnvLookup env) : file_(std::move(file)), env_(std::move(env)) {}

  Location at(const YAML::Node& n) const;
  const std::string& file() const { return file_; }
  // "<file>:<line>: <where>: <message>"
  [[noreturn]] void fail(const Location& loc, const std::string& where, const std::string& message) const;
  // A scalar's text after ${VAR} / ${VAR:-default} substitution.
  std::string scalar(const YAML::Node& n, const std::string& where) const;

 private:
  std::string file_;
  EnvLookup env_;
};

// One YAML mapping with a known set of keys. `scope` is what the map belongs to (`sync "contacts"`),
// `path` the key path inside it (`options`); messages read `<scope>: <path>.<key>: ...`.
class MapReader {
 public:
  MapReader(const YamlContext& ctx, const YAML::Node& node, std::string scope, std::string path,
            std::vector<std::string> allowed);

  bool has(const std::string& key) const;
  YAML::Node node(const std::string& key) const;  // undefined node when absent or null
  Location loc() const { return ctx_.at(node_); }
  Location loc(const std::string& key) const;
  const YamlContext& ctx() const { return ctx_; }
  const std::string& scope() const { return scope_; }
  std::string key_path(const std::string& key) const;

  std::string str(const std::string& key, std::string fallback = "") const;
  std::string required(const std::string& key, const std::string& fix) const;
  Secret secret(const std::string& key) const { return Secret(str(key)); }
  int64_t integer(const std::string& key, int64_t fallback, int64_t min, int64_t max) const;
  bool boolean(const std::string& key, bool fallback) const;
  std::vector<std::string> string_list(const std::string& key) const;

  template <typename E>
  E choice(const std::string& key, std::initializer_list<std::pair<const char*, E>> options, E fallback) const {
    if (!has(key)) return fallback;
    std::string v = str(key);
    std::vector<std::string> names;
    for (const auto& [name, value] : options) {
      if (v == name) return value;
      names.emplace_back(name);
    }
    fail_unknown_value(key, v, names);
  }

  // A child map / list, with the same scope.
  MapReader child(const std::string& key, std::vector<std::string> allowed) const;
  std::vector<YAML::Node> list(const std::string& key, const std::string& example) const;
  MapReader item(const std::string& key, size_t index, const YAML::Node& n, std::vector<std::string> allowed) const;

  [[noreturn]] void fail(const std::string& key, const std::string& message) const;
  [[noreturn]] void fail_here(const std::string& message) const;

 private:
  [[noreturn]] void fail_unknown_value(const std::string& key, const std::string& value,
                                       const std::vector<std::string>& names) const;
  void reject_unknown_keys() const;

  const YamlContext& ctx_;
  YAML::Node node_;
  std::string scope_;
  std::string path_;
  std::vector<std::string> allowed_;
};

}  // namespace sfsync
