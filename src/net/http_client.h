// HttpClient: one libcurl easy handle, reused so that consecutive calls share a keep-alive
// connection (a full pull is hundreds of calls to one host). Not thread-safe: one per thread.
//
// Transport failures (refused, reset, timeout, truncated body) come back as Error{"network", ...};
// HTTP error statuses are responses, not errors — callers decide what a status means.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace sfsync {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  long timeout_ms = 120000;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string header(const std::string& lower_name) const;
  // A 429's Retry-After in milliseconds (whole seconds form), at most cap_ms; 0 when absent.
  int retry_after_ms(int cap_ms) const;
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  Result<HttpResponse> send(const HttpRequest& request);
  int64_t requests() const { return requests_; }

 private:
  void* curl_;  // CURL*
  int64_t requests_ = 0;
};

std::string url_encode(std::string_view s);
// application/x-www-form-urlencoded body from name/value pairs.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
// The decoded query parameters of an absolute URL ("+" read as a space, as forms send it);
// nullopt when the text is not a URL. The first of repeated names wins.
std::optional<std::map<std::string, std::string>> url_query_params(const std::string& url);

}  // namespace sfsync
