// Test support: a small libcurl HTTP client and a running emulator (in process or as a child process).
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "emulator/server/emulator.h"

namespace testing_support {

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  int curl_code = 0;                            // CURLcode; non-zero = transport failure (dropped, ...)
  std::string header(const std::string& lower_name) const;
};

// method: GET/POST/PUT/PATCH/DELETE. headers: "Name: value" lines.
HttpResponse http(const std::string& method, const std::string& url, const std::string& body = "",
                  const std::vector<std::string>& headers = {});
std::string url_encode(const std::string& s);

// An emulator in this process, stopped by the destructor.
// The emulator's default connected app (Defaults::kClientId, its secret and redirect URI) granting
// "api refresh_token": a base for tests that switch an app setting on.
emu::ClientApp default_connected_app();

class InProcessEmulator {
 public:
  InProcessEmulator();
  explicit InProcessEmulator(emu::EmulatorOptions options);
  ~InProcessEmulator();
  const std::string& url() const { return url_; }
  emu::Emulator& emulator() { return *emulator_; }
  // An access token from the password grant with the default app and user.
  std::string login();
  // GET/POST with "Authorization: Bearer <login()>".
  HttpResponse get(const std::string& path, std::vector<std::string> headers = {});
  HttpResponse send(const std::string& method, const std::string& path, const std::string& body,
                    std::vector<std::string> headers = {});

 private:
  std::unique_ptr<emu::Emulator> emulator_;
  std::string url_;
  std::string token_;
};

// The sfsync-emulator binary as a child process; the first stdout line is its URL. Killed (SIGTERM,
// then SIGKILL) by the destructor.
class EmulatorProcess {
 public:
  EmulatorProcess(const std::string& binary, const std::vector<std::string>& args);
  ~EmulatorProcess();
  const std::string& url() const { return url_; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::string url_;
};

}  // namespace testing_support
