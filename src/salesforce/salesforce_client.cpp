#include "salesforce/salesforce_client.h"

#include <simdjson.h>

#include <strings.h>

namespace sfsync {

namespace {

// Salesforce query errors repeat the SOQL with a caret on several lines; the last line says why.
std::string last_line(std::string_view message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.remove_suffix(1);
  auto nl = message.rfind('\n');
  return std::string(nl == std::string_view::npos ? message : message.substr(nl + 1));
}

}  // namespace

Error salesforce_error(const HttpResponse& response) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string code = "HTTP_" + std::to_string(response.status);
  std::string message = "Salesforce answered HTTP " + std::to_string(response.status);
  if (!parser.parse(response.body).get(doc)) {
    simdjson::dom::element first = doc;
    if (doc.is_array()) {
      simdjson::dom::array arr = doc.get_array();
      if (arr.size() > 0) first = arr.at(0);
    }
    std::string_view c, m;
    if (first.is_object() && !first["errorCode"].get(c)) code = std::string(c);
    if (first.is_object() && !first["message"].get(m)) message = last_line(m);
  }
  return make_error(code, message);
}

SalesforceClient::SalesforceClient(SalesforceAuthConfig auth, std::string api_version, RetryPolicy retry)
    : auth_(std::move(auth)), api_version_(std::move(api_version)), retry_(retry) {}

Result<void> SalesforceClient::connect() {
  auto session = request_session(http_, auth_);
  if (!session) return session.error();
  session_ = std::move(session.value());
  // Refresh token rotation: the token just sent is spent; the next renewal needs the new one.
  const std::string& issued = session_.refresh_token;
  if (auth_.grant == SalesforceGrant::RefreshToken && !issued.empty() && issued != auth_.refresh_token) {
    auth_.refresh_token = issued;
    if (auth_.on_refresh_token) auth_.on_refresh_token(issued);
  }
  return {};
}

std::string SalesforceClient::data_path(std::string_view relative) const {
  return "/services/data/v" + api_version_ + "/" + std::string(relative);
}

void SalesforceClient::read_limit_info(const HttpResponse& response) {
  std::string info = response.header("sforce-limit-info");
  auto pos = info.find("api-usage=");
  if (pos == std::string::npos) return;
  auto slash = info.find('/', pos);
  if (slash == std::string::npos) return;
  try {
    usage_.org_used = std::stoll(info.substr(pos + 10, slash - pos - 10));
    usage_.org_limit = std::stoll(info.substr(slash + 1));
  } catch (...) {
    // A malformed header only costs us the usage figure.
  }
}

Result<HttpResponse> SalesforceClient::send_once(const std::string& method, const std::string& url,
                                                 const std::string& body, const std::vector<std::string>& headers) {
  HttpRequest request;
  request.method = method;
  request.url = url;
  request.body = body;
  request.headers = headers;
  request.headers.push_back("Authorization: Bearer " + session_.access_token);
  request.headers.push_back("Accept: application/json");
  if (!body.empty() && method != "GET") {
    bool typed = false;
    for (const auto& h : headers)
      if (h.size() > 13 && strncasecmp(h.c_str(), "content-type:", 13) == 0) typed = true;
    if (!typed) request.headers.push_back("Content-Type: application/json");
  }
  ++usage_.calls;
  return http_.send(request);
}

Result<HttpResponse> SalesforceClient::call(const std::string& method, const std::string& path,
                                            const std::string& body, std::vector<std::string> headers,
                                            bool idempotent) {
  if (session_.access_token.empty())
    if (auto r = connect(); !r) return r.error();
  if (usage_.org_limit > 0 && max_usage_percent_ < 100 &&
      usage_.org_used * 100 >= usage_.org_limit * max_usage_percent_)
    return make_error("api_limit", "the org has used " + std::to_string(usage_.org_used) + " of its " +
                                       std::to_string(usage_.org_limit) + " daily API calls, " +
                                       std::to_string(max_usage_percent_) + "% or more (max_api_usage_percent): " +
                                       "the run stops and the next one resumes from its checkpoint");
  bool renewed = false;
  Error last = make_error("network", "no attempt made");
  for (int attempt = 0; attempt < retry_.max_attempts(); ++attempt) {
    retry_.before_attempt(attempt, usage_.retries);
    std::string url = path.rfind("http", 0) == 0 ? path
                      : session_.instance_url + (path.rfind("/", 0) == 0 ? path : data_path(path));
    auto response = send_once(method, url, body, headers);
    if (!response) {
      last = response.error();
      if (!idempotent) return last;
      continue;
    }
    read_limit_info(*response);
    long status = response->status;
    if (status == 401 && !renewed) {
      renewed = true;
      ++usage_.session_renewals;
      if (auto r = connect(); !r) return r.error();
      --attempt;  // a renewal is not a failed attempt
      continue;
    }
    if (status == 429) {  // too many requests at once: wait as asked (up to a minute), then again
      last = make_error("rate_limited", "Salesforce answered 429 Too Many Requests");
      retry_.wait_as_asked(*response);
      continue;
    }
    if (status >= 500) {
      last = salesforce_error(*response);
      last.message = "Salesforce server error (HTTP " + std::to_string(status) + "): " + last.message;
      last.code = "server";
      continue;
    }
    if (status == 401)
      return make_error("auth", "Salesforce rejected the renewed session (INVALID_SESSION_ID); reconnect");
    if (status >= 400) {
      Error e = salesforce_error(*response);
      // Too many long requests (over 20 s) in flight in the org at once: not the daily limit,
      // and gone once some of them end — wait and try again.
      if (e.code == "REQUEST_LIMIT_EXCEEDED" && e.message.find("ConcurrentPerOrgLongTxn") != std::string::npos) {
        last = make_error("rate_limited", "Salesforce: " + e.message);
        continue;
      }
      if (e.code == "REQUEST_LIMIT_EXCEEDED")
        return make_error("api_limit", "Salesforce API limit reached (" + e.message +
                                           "); the run stops and the next one resumes from its checkpoint");
      return e;
    }
    return response;
  }
  return retry_.exhausted(std::move(last));
}

}  // namespace sfsync
