#include "support/test_http.h"

#include <curl/curl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace testing_support {

namespace {

size_t write_body(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t write_header(char* data, size_t size, size_t n, void* out) {
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * n;
}

}  // namespace

std::string HttpResponse::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

HttpResponse http(const std::string& method, const std::string& url, const std::string& body,
                  const std::vector<std::string>& headers) {
  HttpResponse r;
  CURL* curl = curl_easy_init();
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &r.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  r.curl_code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return r;
}

std::string url_encode(const std::string& s) {
  CURL* curl = curl_easy_init();
  char* e = curl_easy_escape(curl, s.c_str(), static_cast<int>(s.size()));
  std::string out = e;
  curl_free(e);
  curl_easy_cleanup(curl);
  return out;
}

emu::ClientApp default_connected_app() {
  emu::ClientApp app;
  app.client_id = emu::Defaults::kClientId;
  app.client_secret = emu::Defaults::kClientSecret;
  app.redirect_uris = {emu::Defaults::kRedirectUri};
  app.scopes = "api refresh_token";
  return app;
}

InProcessEmulator::InProcessEmulator() : InProcessEmulator(emu::EmulatorOptions()) {}

InProcessEmulator::InProcessEmulator(emu::EmulatorOptions options)
    : emulator_(std::make_unique<emu::Emulator>(std::move(options))) {
  auto url = emulator_->start();
  if (!url) throw std::runtime_error("emulator did not start: " + url.error().message);
  url_ = *url;
}

InProcessEmulator::~InProcessEmulator() { emulator_->stop(); }

std::string InProcessEmulator::login() {
  if (!token_.empty()) return token_;
  // Issued directly: tests of other surfaces must not depend on the OAuth endpoint.
  auto& ctx = emulator_->context();
  auto fresh = ctx.tokens->issue_access(emu::TokenRealm::Salesforce, emu::Defaults::kClientId,
                                        ctx.options.users.front().user_id, "api", "",
                                        std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
  token_ = fresh.token;
  return token_;
}

HttpResponse InProcessEmulator::get(const std::string& path, std::vector<std::string> headers) {
  return send("GET", path, "", std::move(headers));
}

HttpResponse InProcessEmulator::send(const std::string& method, const std::string& path, const std::string& body,
                                     std::vector<std::string> headers) {
  headers.push_back("Authorization: Bearer " + login());
  if (!body.empty()) {
    bool has_type = false;
    for (const auto& h : headers)
      if (h.rfind("Content-Type", 0) == 0) has_type = true;
    if (!has_type) headers.push_back("Content-Type: application/json");
  }
  return http(method, url_ + path, body, headers);
}

EmulatorProcess::EmulatorProcess(const std::string& binary, const std::vector<std::string>& args) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  close(out[0]);
  if (line.rfind("http://", 0) != 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("emulator printed no URL (got '" + line + "')");
  }
  url_ = line;
}

EmulatorProcess::~EmulatorProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

}  // namespace testing_support
