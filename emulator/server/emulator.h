// Emulator: one Salesforce org + Marketing Cloud tenant served over HTTP on loopback.
// Used by the sfsync-emulator binary and, in process, by tests.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "common/result.h"
#include "emulator/server/api_context.h"
#include "emulator/server/options.h"

namespace emu {

// Credentials that exist in every emulated org unless the config replaces them (docs/emulator.md).
struct Defaults {
  static constexpr const char* kClientId = "sfsync-emulator-client";
  static constexpr const char* kClientSecret = "sfsync-emulator-secret";
  static constexpr const char* kRedirectUri = "http://localhost:1717/OauthRedirect";
  static constexpr const char* kUsername = "integration@example.com";
  static constexpr const char* kPassword = "emulator-password";
  static constexpr const char* kSfmcClientId = "sfmc-emulator-client";
  static constexpr const char* kSfmcClientSecret = "sfmc-emulator-secret";
  static constexpr const char* kSfmcNoScopeClientId = "sfmc-noscope-client";  // lacks data_extensions_read
  static constexpr const char* kSfmcAccountId = "514009001";
};

class Emulator {
 public:
  explicit Emulator(EmulatorOptions options);
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  // Loads the config, opens the store, seeds the org, binds host:port and serves on a background
  // thread. Returns the base URL ("http://127.0.0.1:PORT").
  sfsync::Result<std::string> start();
  // Stops serving and joins the thread. Safe to call twice.
  void stop();
  // Blocks until stop() (the binary's main loop).
  void wait();

  ApiContext& context() { return *ctx_; }
  const std::string& base_url() const { return ctx_->base_url; }

 private:
  std::unique_ptr<ApiContext> ctx_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
};

}  // namespace emu
