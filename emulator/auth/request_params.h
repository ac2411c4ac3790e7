// Request parameters of the OAuth endpoints, whatever way the client sent them: an
// application/x-www-form-urlencoded body (Salesforce), a JSON object body (Marketing Cloud
// /v2/token), the query string, and client credentials in an HTTP Basic header.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/result.h"

namespace emu {

using ParamMap = std::map<std::string, std::string>;

std::string url_decode(std::string_view s);  // '+' is a space, %XX a byte
std::string url_encode(std::string_view s);  // everything but unreserved characters as %XX

// "a=1&b=x%20y" -> {a:1, b:"x y"}; the first occurrence of a name wins.
ParamMap parse_form_urlencoded(std::string_view body);

// A JSON object body; string members are copied, numbers and booleans as their JSON text,
// null and nested values are skipped. Error code "malformed" when the body is not an object.
sfsync::Result<ParamMap> parse_json_object_params(std::string_view body);

// "Basic base64(client_id:client_secret)" -> {client_id, client_secret}; nullopt otherwise.
std::optional<std::pair<std::string, std::string>> parse_basic_auth(std::string_view authorization_header);

// The value of `name`, "" when absent.
std::string param_value(const ParamMap& params, std::string_view name);

// Space-separated scope lists.
bool scope_contains(std::string_view scopes, std::string_view scope);
// The scopes a token gets: every requested one must be in `granted` (nullopt otherwise); none
// requested means all of `granted`.
std::optional<std::string> narrow_scope(std::string_view granted, std::string_view requested);

}  // namespace emu
