#include "config/yaml_reader.h"

#include <algorithm>
#include <charconv>

#include "config/suggest.h"

namespace sfsync {

Location YamlContext::at(const YAML::Node& n) const {
  return Location{file_, n.IsDefined() ? n.Mark().line + 1 : 0};
}

void YamlContext::fail(const Location& loc, const std::string& where, const std::string& message) const {
  std::string out = loc.str() + ": ";
  if (!where.empty()) out += where + ": ";
  throw ConfigError(out + message);
}

std::string YamlContext::scalar(const YAML::Node& n, const std::string& where) const {
  if (!n.IsScalar()) fail(at(n), where, "must be a single value, not a list or a map");
  const std::string& raw = n.Scalar();
  std::string out;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t open = raw.find("${", pos);
    if (open == std::string::npos) break;
    size_t close = raw.find('}', open + 2);
    if (close == std::string::npos) fail(at(n), where, "\"${\" without a closing \"}\" (write ${VAR_NAME})");
    out.append(raw, pos, open - pos);
    std::string inner = raw.substr(open + 2, close - open - 2);
    std::optional<std::string> fallback;
    if (size_t dash = inner.find(":-"); dash != std::string::npos) {
      fallback = inner.substr(dash + 2);
      inner.resize(dash);
    }
    std::optional<std::string> value = env_ ? env_(inner) : std::nullopt;
    if (!value || (value->empty() && fallback)) value = fallback;
    if (!value)
      fail(at(n), where, "environment variable " + inner + " is not set (export " + inner + "=..., or write ${" +
                             inner + ":-default})");
    out += *value;
    pos = close + 1;
  }
  out.append(raw, pos, std::string::npos);
  return out;
}

MapReader::MapReader(const YamlContext& ctx, const YAML::Node& node, std::string scope, std::string path,
                     std::vector<std::string> allowed)
    : ctx_(ctx), node_(node), scope_(std::move(scope)), path_(std::move(path)), allowed_(std::move(allowed)) {
  if (!node_.IsMap()) {
    std::string where = scope_.empty() ? path_ : (path_.empty() ? scope_ : scope_ + ": " + path_);
    ctx_.fail(ctx_.at(node_), where, "must be a map of key: value");
  }
  reject_unknown_keys();
}

void MapReader::reject_unknown_keys() const {
  for (const auto& kv : node_) {
    std::string key = kv.first.as<std::string>();
    if (std::find(allowed_.begin(), allowed_.end(), key) != allowed_.end()) continue;
    std::string msg = "unknown key \"" + key + "\"";
    auto near = closest_names(key, allowed_, 1, std::max<size_t>(2, key.size() / 3));
    if (!near.empty()) msg += " (did you mean \"" + near[0] + "\"?)";
    else msg += " (valid keys: " + quoted_list(allowed_) + ")";
    std::string where = scope_.empty() ? path_ : (path_.empty() ? scope_ : scope_ + ": " + path_);
    ctx_.fail(ctx_.at(kv.first), where, msg);
  }
}

std::string MapReader::key_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

bool MapReader::has(const std::string& key) const {
  YAML::Node n = node_[key];
  return n.IsDefined() && !n.IsNull();
}

YAML::Node MapReader::node(const std::string& key) const {
  YAML::Node n = node_[key];
  return (n.IsDefined() && !n.IsNull()) ? n : YAML::Node(YAML::NodeType::Undefined);
}

Location MapReader::loc(const std::string& key) const {
  YAML::Node n = node_[key];
  return n.IsDefined() ? ctx_.at(n) : loc();
}

void MapReader::fail(const std::string& key, const std::string& message) const {
  std::string where = scope_.empty() ? key_path(key) : scope_ + ": " + key_path(key);
  ctx_.fail(loc(key), where, message);
}

void MapReader::fail_here(const std::string& message) const {
  std::string where = scope_.empty() ? path_ : (path_.empty() ? scope_ : scope_ + ": " + path_);
  ctx_.fail(loc(), where, message);
}

void MapReader::fail_unknown_value(const std::string& key, const std::string& value,
                                   const std::vector<std::string>& names) const {
  std::string msg = "\"" + value + "\" is not one of " + quoted_list(names);
  auto near = closest_names(value, names, 1, 3);
  if (!near.empty()) msg += " (did you mean \"" + near[0] + "\"?)";
  fail(key, msg);
}

std::string MapReader::str(const std::string& key, std::string fallback) const {
  if (!has(key)) return fallback;
  return ctx_.scalar(node_[key], scope_.empty() ? key_path(key) : scope_ + ": " + key_path(key));
}

std::string MapReader::required(const std::string& key, const std::string& fix) const {
  std::string v = str(key);
  if (v.empty()) {
    if (has(key)) fail(key, "must not be empty (" + fix + ")");
    fail_here("\"" + key + "\" is required (" + fix + ")");
  }
  return v;
}

int64_t MapReader::integer(const std::string& key, int64_t fallback, int64_t min, int64_t max) const {
  if (!has(key)) return fallback;
  std::string text = str(key);
  int64_t v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size())
    fail(key, "\"" + text + "\" is not a whole number");
  if (v < min || v > max)
    fail(key, std::to_string(v) + " is out of range (use " + std::to_string(min) + " to " + std::to_string(max) + ")");
  return v;
}

bool MapReader::boolean(const std::string& key, bool fallback) const {
  if (!has(key)) return fallback;
  std::string v = str(key);
  if (v == "true" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "no" || v == "off") return false;
  fail(key, "\"" + v + "\" is not true or false");
}

std::vector<std::string> MapReader::string_list(const std::string& key) const {
  std::vector<std::string> out;
  if (!has(key)) return out;
  YAML::Node n = node_[key];
  std::string where = scope_.empty() ? key_path(key) : scope_ + ": " + key_path(key);
  if (n.IsScalar()) {  // "a, b" is accepted for short lists
    std::string all = ctx_.scalar(n, where);
    size_t start = 0;
    while (start <= all.size()) {
      size_t comma = all.find(',', start);
      std::string item = all.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      item.erase(0, item.find_first_not_of(" \t"));
      item.erase(item.find_last_not_of(" \t") + 1);
      if (!item.empty()) out.push_back(item);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return out;
  }
  if (!n.IsSequence()) fail(key, "must be a list");
  for (const auto& item : n) out.push_back(ctx_.scalar(item, where));
  return out;
}

MapReader MapReader::child(const std::string& key, std::vector<std::string> allowed) const {
  return MapReader(ctx_, node_[key], scope_, key_path(key), std::move(allowed));
}

std::vector<YAML::Node> MapReader::list(const std::string& key, const std::string& example) const {
  std::vector<YAML::Node> out;
  if (!has(key)) return out;
  YAML::Node n = node_[key];
  if (!n.IsSequence()) fail(key, "must be a list (write:  " + key + ": [" + example + "])");
  for (const auto& item : n) out.push_back(item);
  return out;
}

MapReader MapReader::item(const std::string& key, size_t index, const YAML::Node& n,
                          std::vector<std::string> allowed) const {
  return MapReader(ctx_, n, scope_, key_path(key) + "[" + std::to_string(index) + "]", std::move(allowed));
}

}  // namespace sfsync
