#include "sfmc/marketing_cloud_client.h"

#include <simdjson.h>


#include "common/json_writer.h"

namespace sfsync {

namespace {

constexpr const char* kNeededScope = "data_extensions_read";

bool has_word(const std::string& list, const std::string& word) {
  size_t pos = 0;
  while ((pos = list.find(word, pos)) != std::string::npos) {
    bool start = pos == 0 || list[pos - 1] == ' ';
    bool end = pos + word.size() == list.size() || list[pos + word.size()] == ' ';
    if (start && end) return true;
    pos += word.size();
  }
  return false;
}

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::string marketing_cloud_message(const HttpResponse& response) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string out = "Marketing Cloud answered HTTP " + std::to_string(response.status);
  if (parser.parse(response.body).get(doc) || !doc.is_object()) return out;
  std::string_view message, error, description;
  if (!doc["message"].get(message)) return std::string(message);
  if (!doc["error"].get(error)) {
    out = std::string(error);
    if (!doc["error_description"].get(description) && !description.empty()) out += ": " + std::string(description);
  }
  return out;
}

Error MarketingCloudClient::missing_scope_error(const std::string& scope, const std::string& detail) {
  return make_error("missing_scope", "Marketing Cloud scope " + scope + " is missing (" + detail +
                                         "); both the connection's scopes in sfsync.yaml and the Installed "
                                         "Package's API integration must list " + scope);
}

MarketingCloudClient::MarketingCloudClient(MarketingCloudAuth auth, RetryPolicy retry)
    : auth_(std::move(auth)), retry_(retry), rest_base_(trim_slash(auth_.rest_base_url)) {}

Result<HttpResponse> MarketingCloudClient::token_request(const std::string& scopes) {
  std::string body;
  JsonWriter w(body);
  w.begin_object();
  if (auth_.grant == MarketingCloudGrant::RefreshToken)
    w.member("grant_type", "refresh_token").member("refresh_token", auth_.refresh_token);
  else
    w.member("grant_type", "client_credentials");
  w.member("client_id", auth_.client_id);
  if (!auth_.client_secret.empty()) w.member("client_secret", auth_.client_secret);
  if (!scopes.empty()) w.member("scope", scopes);
  if (!auth_.account_id.empty()) w.member("account_id", auth_.account_id);
  w.end_object();
  HttpRequest request;
  request.method = "POST";
  request.url = trim_slash(auth_.auth_base_url) + "/v2/token";
  request.headers = {"Content-Type: application/json", "Accept: application/json"};
  request.body = std::move(body);
  Error last = make_error("network", "no attempt made");
  for (int attempt = 0; attempt < retry_.max_attempts(); ++attempt) {
    retry_.before_attempt(attempt, usage_.retries);
    auto response = http_.send(request);
    if (!response) {
      last = response.error();
      continue;
    }
    if (response->status < 500) return response;
    last = make_error("server", "Marketing Cloud token endpoint error (HTTP " + std::to_string(response->status) +
                                    "): " + marketing_cloud_message(*response));
  }
  return retry_.exhausted(std::move(last), request.url);
}

Result<void> MarketingCloudClient::read_token(const HttpResponse& response) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view token, scope, rest, refresh;
  int64_t expires_in = 0;
  if (parser.parse(response.body).get(doc) || doc["access_token"].get(token))
    return make_error("auth", "Marketing Cloud token response has no access_token");
  access_token_ = std::string(token);
  if (!doc["expires_in"].get(expires_in) && expires_in > 0) {
    // Renew a little before the end (a call in flight must not outlive its token).
    int64_t margin = std::min<int64_t>(60, expires_in / 5);
    renew_at_ = Clock::now() + std::chrono::seconds(expires_in - margin);
  } else {
    renew_at_ = Clock::time_point::max();  // no lifetime given: renew on 401 only
  }
  scope_ = doc["scope"].get(scope) ? std::string() : std::string(scope);
  if (!doc["rest_instance_url"].get(rest) && !rest.empty()) rest_base_ = trim_slash(std::string(rest));
  if (!doc["refresh_token"].get(refresh) && !refresh.empty() && auth_.grant == MarketingCloudGrant::RefreshToken) {
    auth_.refresh_token = std::string(refresh);  // single use: the old one is now spent
    if (auth_.on_refresh_token) auth_.on_refresh_token(auth_.refresh_token);
  }
  return {};
}

std::string MarketingCloudClient::scopes_not_granted() {
  auto probe = token_request("");  // no scope asked: the package's own scopes
  if (!probe || probe->status != 200) return auth_.scopes;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view granted;
  if (parser.parse(probe->body).get(doc) || doc["scope"].get(granted)) return auth_.scopes;
  std::string missing, word;
  std::string list = auth_.scopes + " ";
  for (char c : list) {
    if (c != ' ') { word += c; continue; }
    if (!word.empty() && !has_word(std::string(granted), word)) missing += (missing.empty() ? "" : " ") + word;
    word.clear();
  }
  return missing.empty() ? auth_.scopes : missing;
}

Result<void> MarketingCloudClient::connect() {
  auto response = token_request(auth_.scopes);
  if (!response) return response.error();
  std::string message = marketing_cloud_message(*response);
  if (response->status == 400 && message.rfind("invalid_scope", 0) == 0)
    return missing_scope_error(scopes_not_granted(), "the Installed Package does not grant it: " + message);
  if (response->status >= 400)
    return make_error("auth", "Marketing Cloud refused the token request (HTTP " + std::to_string(response->status) +
                                  "): " + message);
  if (auto r = read_token(*response); !r) return r;
  if (!scope_.empty() && !has_word(scope_, kNeededScope))
    return missing_scope_error(kNeededScope, "the token was granted \"" + scope_ + "\"");
  return {};
}

Result<HttpResponse> MarketingCloudClient::send_once(const Call& call) {
  HttpRequest request;
  request.method = call.method;
  request.url = rest_base_ + call.path;
  request.headers = {"Authorization: Bearer " + access_token_, "Accept: application/json"};
  if (!call.body.empty()) {
    request.headers.push_back("Content-Type: application/json");
    request.body = call.body;
  }
  ++usage_.calls;
  return http_.send(request);
}

Result<HttpResponse> MarketingCloudClient::get(const std::string& path) { return send({"GET", path, "", kNeededScope}); }

Result<HttpResponse> MarketingCloudClient::put_json(const std::string& path, const std::string& body) {
  return send({"PUT", path, body, kWriteScope});
}

bool MarketingCloudClient::granted(const std::string& scope) const { return scope_.empty() || has_word(scope_, scope); }

Result<HttpResponse> MarketingCloudClient::send(const Call& call) {
  bool renewed = false;
  Error last = make_error("network", "no attempt made");
  for (int attempt = 0; attempt < retry_.max_attempts(); ++attempt) {
    if (!token_fresh()) {
      if (!access_token_.empty()) ++usage_.session_renewals;
      if (auto r = connect(); !r) return r.error();
    }
    if (last.code != "renewed") retry_.before_attempt(attempt, usage_.retries);
    auto response = send_once(call);
    if (!response) {
      last = response.error();
      continue;
    }
    long status = response->status;
    if (status == 401 && !renewed) {
      renewed = true;
      access_token_.clear();  // renewed at the top of the loop
      ++usage_.session_renewals;
      last = make_error("renewed", "");
      --attempt;  // a renewal is not a failed attempt
      continue;
    }
    if (status == 429) {  // Marketing Cloud's rate limit: wait as asked (up to a minute), then again
      last = make_error("rate_limited", "Marketing Cloud answered 429 Too Many Requests: " +
                                            marketing_cloud_message(*response));
      retry_.wait_as_asked(*response);
      continue;
    }
    if (status >= 500) {
      last = make_error("server", "Marketing Cloud server error (HTTP " + std::to_string(status) +
                                      "): " + marketing_cloud_message(*response));
      continue;
    }
    if (status == 401)
      return make_error("auth", "Marketing Cloud rejected a fresh token (Not Authorized); check the package");
    if (status == 403)
      return missing_scope_error(call.scope, "HTTP 403: " + marketing_cloud_message(*response));
    if (status == 404) return make_error("not_found", marketing_cloud_message(*response));
    if (status >= 400)
      return make_error(status == 400 ? "bad_request" : "HTTP_" + std::to_string(status),
                        marketing_cloud_message(*response));
    return response;
  }
  return retry_.exhausted(std::move(last));
}

}  // namespace sfsync
