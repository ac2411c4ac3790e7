// MarketingCloudClient: every call to the Marketing Cloud REST API goes through here, so that the
// token and retry rules live in one place:
//   - tokens come from /v2/token (client_credentials, or a refresh token from `sfsync connect`);
//     a token is renewed shortly before `expires_in` runs out, and once on a 401;
//   - 5xx and transport failures -> retry with exponential backoff and full jitter, bounded;
//   - a scope the package or the config does not grant -> Error{"missing_scope"} naming the scope
//     and saying that both the connection's scopes and the Installed Package must list it;
//   - other statuses -> Error{"not_found" | "bad_request" | "HTTP_<n>", <the service's message>}.
// Writes are PUTs only (async upserts): like reads they are safe to resend after a timeout.
// Refresh tokens are single use on Marketing Cloud: the new one is handed to on_refresh_token so
// the caller can persist it (the store keeps it encrypted).
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "common/result.h"
#include "net/http_client.h"
#include "net/api_usage.h"
#include "net/retry_schedule.h"

namespace sfsync {

enum class MarketingCloudGrant { ClientCredentials, RefreshToken };

struct MarketingCloudAuth {
  MarketingCloudGrant grant = MarketingCloudGrant::ClientCredentials;
  std::string auth_base_url;  // https://<subdomain>.auth.marketingcloudapis.com
  std::string rest_base_url;  // used until a token response names rest_instance_url
  std::string client_id;
  std::string client_secret;
  std::string account_id;     // MID; empty = the package's own business unit
  std::string scopes;         // space separated, requested with every token
  std::string refresh_token;  // RefreshToken grant
  std::function<void(const std::string&)> on_refresh_token;
};

class MarketingCloudClient {
 public:
  explicit MarketingCloudClient(MarketingCloudAuth auth, RetryPolicy retry = {});

  // Requests a token now (check, and lazily from get()).
  Result<void> connect();
  // `path` relative to the REST base ("/data/v1/customobjectdata/key/K/rowset?..."). Safe to
  // resend, so retried as above.
  Result<HttpResponse> get(const std::string& path);
  // A JSON PUT (an upsert: resending it writes the same rows, so it is retried like get()). A 403
  // names the data_extensions_write scope.
  Result<HttpResponse> put_json(const std::string& path, const std::string& body);
  // Whether the current token was granted `scope` (true before the first token, or when the
  // token response named no scopes).
  bool granted(const std::string& scope) const;
  static constexpr const char* kWriteScope = "data_extensions_write";

  const ApiUsage& usage() const { return usage_; }
  const std::string& granted_scopes() const { return scope_; }
  void set_sleeper(std::function<void(int ms)> sleeper) { retry_.set_sleeper(std::move(sleeper)); }

  // The missing_scope error for `scope` (also used when a token lacks a scope the sync needs).
  static Error missing_scope_error(const std::string& scope, const std::string& detail);

 private:
  using Clock = std::chrono::steady_clock;
  Result<HttpResponse> token_request(const std::string& scopes);
  // After invalid_scope: which of the requested scopes the package does not grant.
  std::string scopes_not_granted();
  Result<void> read_token(const HttpResponse& response);
  struct Call {
    std::string method, path, body;
    std::string scope;  // named by a 403
  };
  Result<HttpResponse> send(const Call& call);
  Result<HttpResponse> send_once(const Call& call);
  bool token_fresh() const { return !access_token_.empty() && Clock::now() < renew_at_; }

  MarketingCloudAuth auth_;
  RetrySchedule retry_;
  HttpClient http_;
  std::string access_token_;
  std::string rest_base_;
  std::string scope_;
  Clock::time_point renew_at_;
  ApiUsage usage_;
};

// Marketing Cloud's error bodies ({"message":..} on the data API, {"error","error_description"}
// on /v2/token) -> one line.
std::string marketing_cloud_message(const HttpResponse& response);

}  // namespace sfsync
