#include "emulator/auth/request_params.h"

#include <simdjson.h>

#include <cctype>

#include "emulator/auth/crypto_util.h"

namespace emu {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() &&
               hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

ParamMap parse_form_urlencoded(std::string_view body) {
  ParamMap params;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name = url_decode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1));
    params.emplace(std::move(name), std::move(value));
  }
  return params;
}

sfsync::Result<ParamMap> parse_json_object_params(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::padded_string padded(body);
  if (parser.parse(padded).get(doc) || !doc.is_object()) {
    return sfsync::make_error("malformed", "the request body is not a JSON object");
  }
  ParamMap params;
  for (auto [key, value] : doc.get_object()) {
    if (value.is_string()) {
      params.emplace(std::string(key), std::string(value.get_string().value()));
    } else if (value.is_number() || value.is_bool()) {
      params.emplace(std::string(key), simdjson::minify(value));
    }
  }
  return params;
}

std::optional<std::pair<std::string, std::string>> parse_basic_auth(std::string_view header) {
  constexpr std::string_view kPrefix = "Basic ";
  if (header.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  auto decoded = base64_decode(header.substr(kPrefix.size()));
  if (!decoded) return std::nullopt;
  size_t colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return std::make_pair(url_decode(decoded->substr(0, colon)), url_decode(decoded->substr(colon + 1)));
}

std::string param_value(const ParamMap& params, std::string_view name) {
  auto it = params.find(std::string(name));
  return it == params.end() ? "" : it->second;
}

bool scope_contains(std::string_view scopes, std::string_view scope) {
  while (!scopes.empty()) {
    size_t sp = scopes.find(' ');
    if (scopes.substr(0, sp) == scope) return true;
    if (sp == std::string_view::npos) break;
    scopes.remove_prefix(sp + 1);
  }
  return false;
}

std::optional<std::string> narrow_scope(std::string_view granted, std::string_view requested) {
  std::string out;
  while (!requested.empty()) {
    size_t sp = requested.find(' ');
    std::string_view scope = requested.substr(0, sp);
    requested = sp == std::string_view::npos ? std::string_view() : requested.substr(sp + 1);
    if (scope.empty()) continue;
    if (!scope_contains(granted, scope)) return std::nullopt;
    if (!out.empty()) out.push_back(' ');
    out.append(scope);
  }
  if (out.empty()) return std::string(granted);
  return out;
}

}  // namespace emu
