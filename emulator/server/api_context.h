// ApiContext: what every API module gets — the org, tokens, faults, counters — and Router, which
// wraps each route in the guard Salesforce applies (version, session, limits, faults, counters).
//
// API modules live in emulator/api/, one surface per file, each exposing one
// `void register_<surface>_api(Router&, ApiContext&)` (declared in emulator/api/apis.h).
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "emulator/org/org_store.h"
#include "emulator/org/schema.h"
#include "emulator/server/counters.h"
#include "emulator/server/faults.h"
#include "emulator/server/options.h"
#include "emulator/server/token_store.h"

namespace emu {

struct ApiContext {
  EmulatorOptions options;
  Catalog catalog;
  std::unique_ptr<OrgStore> store;
  std::unique_ptr<TokenStore> tokens;
  std::unique_ptr<FaultInjector> faults;
  ApiCounters counters;
  std::string base_url;  // "http://127.0.0.1:PORT", no trailing slash

  // Modules that keep state (query cursors, bulk jobs) register a hook run by /__admin/reset.
  void on_reset(std::function<void()> hook) { reset_hooks.push_back(std::move(hook)); }
  std::vector<std::function<void()>> reset_hooks;

  const ClientApp* salesforce_app(const std::string& client_id) const;
  const ClientApp* sfmc_app(const std::string& client_id) const;
  const OrgUser* user_by_name(const std::string& username) const;
};

// What the guard learned about a data call.
struct RequestInfo {
  std::string api_version;  // "63.0" (Salesforce routes only)
  AccessToken token;        // the caller's access token
};

using DataHandler = std::function<void(const httplib::Request&, httplib::Response&, const RequestInfo&)>;
using OpenHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

enum class Method { Get, Post, Put, Patch, Delete };

class Router {
 public:
  Router(httplib::Server& server, ApiContext& ctx) : server_(server), ctx_(ctx) {}

  // Salesforce data API. `pattern` is a regex for the part after /services/data/vNN.N, e.g.
  // "/sobjects/([^/]+)/describe/?". In the handler req.matches[1] is the version number ("63.0")
  // and req.matches[2..] are the pattern's own groups. The guard answers, before the handler:
  // unsupported version (outside 57.0..63.0) -> 404 NOT_FOUND; missing/expired bearer token ->
  // 401 INVALID_SESSION_ID; daily limit or injected limit -> 403 REQUEST_LIMIT_EXCEEDED; injected
  // 500/503. After the handler it sets Sforce-Limit-Info and applies drop/slow-body faults.
  void data(Method m, const std::string& pattern, const std::string& counter, DataHandler h);

  // Marketing Cloud REST (/data/v1/...): full path regex; bearer token of the Marketing Cloud realm;
  // 401 {"message":"Not Authorized","errorcode":0,...} otherwise. Same faults and counters.
  void sfmc(Method m, const std::string& full_pattern, const std::string& counter, DataHandler h);

  // Unauthenticated endpoints (OAuth, /__admin): counted, no faults, no limit header.
  void open(Method m, const std::string& full_pattern, const std::string& counter, OpenHandler h);

  ApiContext& context() { return ctx_; }

 private:
  void add(Method m, const std::string& full_pattern, httplib::Server::Handler h);
  httplib::Server& server_;
  ApiContext& ctx_;
};

}  // namespace emu
