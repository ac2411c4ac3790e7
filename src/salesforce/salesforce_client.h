// SalesforceClient: every call to the Salesforce data API goes through here, so that the rules
// live in one place:
//   - 401 INVALID_SESSION_ID -> renew the session once and retry (also mid-pagination);
//   - 5xx and transport failures -> retry with exponential backoff and full jitter, bounded;
//   - 403 REQUEST_LIMIT_EXCEEDED -> Error{"api_limit"}: not retried, the run stops with state kept;
//   - any other error status -> Error{<Salesforce errorCode>, <its message, one line>}.
// It also counts calls and reads Sforce-Limit-Info so each run can report its API usage.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "net/api_usage.h"
#include "net/http_client.h"
#include "net/retry_schedule.h"
#include "salesforce/oauth.h"

namespace sfsync {

class SalesforceClient {
 public:
  SalesforceClient(SalesforceAuthConfig auth, std::string api_version, RetryPolicy retry = {});

  // Logs in (runs the configured grant). Called lazily by call() too.
  Result<void> connect();

  // `path` is absolute ("/services/data/v63.0/query/01g...-2000") or relative to the versioned data
  // API ("query?q=..."). `idempotent` = safe to resend after a transport failure.
  Result<HttpResponse> call(const std::string& method, const std::string& path, const std::string& body = "",
                            std::vector<std::string> headers = {}, bool idempotent = true);
  Result<HttpResponse> get(const std::string& path, std::vector<std::string> headers = {}) {
    return call("GET", path, "", std::move(headers));
  }

  const std::string& api_version() const { return api_version_; }
  std::string data_path(std::string_view relative) const;
  const SalesforceSession& session() const { return session_; }
  const ApiUsage& usage() const { return usage_; }
  // Tests replace the sleep between retries.
  void set_sleeper(std::function<void(int ms)> sleeper) { retry_.set_sleeper(std::move(sleeper)); }
  // Calls stop with "api_limit" once the org's daily usage, as the last Sforce-Limit-Info said,
  // reaches this share of its limit (100 = only Salesforce's own REQUEST_LIMIT_EXCEEDED stops them).
  void set_max_api_usage_percent(int percent) { max_usage_percent_ = percent; }

 private:
  Result<HttpResponse> send_once(const std::string& method, const std::string& url, const std::string& body,
                                 const std::vector<std::string>& headers);
  void read_limit_info(const HttpResponse& response);

  SalesforceAuthConfig auth_;
  std::string api_version_;
  RetrySchedule retry_;
  HttpClient http_;
  SalesforceSession session_;
  ApiUsage usage_;
  int max_usage_percent_ = 100;
};

// Salesforce's error body [{"message":..., "errorCode":...}] -> Error (message reduced to one line).
Error salesforce_error(const HttpResponse& response);

}  // namespace sfsync
