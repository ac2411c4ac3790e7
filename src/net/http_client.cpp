#include "net/http_client.h"

#include <algorithm>

#include <curl/curl.h>

#include <cctype>
#include <mutex>

namespace sfsync {

namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t on_body(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* out) {
  std::string_view line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
      value.remove_suffix(1);
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = std::string(value);
  }
  return size * n;
}

}  // namespace

std::string HttpResponse::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

int HttpResponse::retry_after_ms(int cap_ms) const {
  std::string text = header("retry-after");
  if (text.empty() || text.size() > 6 || !std::all_of(text.begin(), text.end(), ::isdigit)) return 0;
  return static_cast<int>(std::min<long>(std::stol(text) * 1000, cap_ms));
}

HttpClient::HttpClient() {
  global_init_once();
  curl_ = curl_easy_init();
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

Result<HttpResponse> HttpClient::send(const HttpRequest& request) {
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);  // keeps the connection cache; clears options of the previous call
  HttpResponse response;
  curl_slist* headers = nullptr;
  for (const auto& h : request.headers) headers = curl_slist_append(headers, h.c_str());
  // Salesforce bodies are large JSON: let libcurl ask for gzip and inflate it.
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method != "GET" && request.method != "DELETE") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  ++requests_;
  if (code != CURLE_OK)
    return make_error("network", std::string(curl_easy_strerror(code)) + " (" + request.method + " " +
                                     request.url.substr(0, request.url.find('?')) + ")");
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

std::string url_encode(std::string_view s) {
  // libcurl >= 7.82 ignores the handle argument of curl_easy_escape.
  char* escaped = curl_easy_escape(nullptr, s.data(), static_cast<int>(s.size()));
  std::string out = escaped ? escaped : "";
  curl_free(escaped);
  return out;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out.push_back('&');
    out += url_encode(name) + "=" + url_encode(value);
  }
  return out;
}

std::optional<std::map<std::string, std::string>> url_query_params(const std::string& url) {
  CURLU* parsed = curl_url();
  char* query = nullptr;
  bool ok = curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK;
  if (ok) {
    CURLUcode got = curl_url_get(parsed, CURLUPART_QUERY, &query, 0);
    ok = got == CURLUE_OK || got == CURLUE_NO_QUERY;
  }
  std::string text = ok && query ? query : "";
  curl_free(query);
  curl_url_cleanup(parsed);
  if (!ok) return std::nullopt;
  std::map<std::string, std::string> params;
  auto decode = [](std::string_view s) {
    std::string plus_as_space(s);
    std::replace(plus_as_space.begin(), plus_as_space.end(), '+', ' ');
    int length = 0;
    char* raw = curl_easy_unescape(nullptr, plus_as_space.data(), static_cast<int>(plus_as_space.size()), &length);
    std::string out(raw ? raw : "", raw ? static_cast<size_t>(length) : 0);
    curl_free(raw);
    return out;
  };
  for (size_t at = 0; at < text.size();) {
    size_t end = std::min(text.find('&', at), text.size());
    std::string_view pair(text.data() + at, end - at);
    size_t eq = pair.find('=');
    if (!pair.empty()) params.emplace(decode(pair.substr(0, eq)), eq == std::string::npos ? "" : decode(pair.substr(eq + 1)));
    at = end + 1;
  }
  return params;
}

}  // namespace sfsync
