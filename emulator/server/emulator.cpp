#include "emulator/server/emulator.h"

#include <chrono>
#include <ctime>

#include "common/time_util.h"
#include "emulator/api/apis.h"
#include "emulator/auth/app_config.h"
#include "emulator/org/sfid.h"
#include "emulator/server/errors.h"
#include "emulator/server/org_setup.h"

namespace emu {

using sfsync::make_error;

namespace {

void add_default_credentials(EmulatorOptions& o) {
  if (o.salesforce_apps.empty()) {
    ClientApp app;
    app.client_id = Defaults::kClientId;
    app.client_secret = Defaults::kClientSecret;
    app.redirect_uris = {Defaults::kRedirectUri, "http://127.0.0.1:1717/OauthRedirect"};
    app.scopes = "api refresh_token offline_access full";
    o.salesforce_apps.push_back(app);
  }
  if (o.users.empty()) o.users.push_back({Defaults::kUsername, Defaults::kPassword, make_sfid("005", 1)});
  if (o.sfmc_apps.empty()) {
    ClientApp full;
    full.client_id = Defaults::kSfmcClientId;
    full.client_secret = Defaults::kSfmcClientSecret;
    full.scopes = "data_extensions_read data_extensions_write offline";
    full.account_id = Defaults::kSfmcAccountId;
    full.redirect_uris = {"http://localhost:1717/OauthRedirect", "http://127.0.0.1:1717/OauthRedirect"};
    ClientApp limited = full;
    limited.client_id = Defaults::kSfmcNoScopeClientId;
    limited.scopes = "offline list_and_subscribers_read";
    o.sfmc_apps.push_back(full);
    o.sfmc_apps.push_back(limited);
  }
}

// Salesforce answers unknown REST paths with its NOT_FOUND body, never an empty 404.
void install_not_found_handler(httplib::Server& server) {
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404 && req.path.rfind("/services/data", 0) == 0)
      sf_error(res, 404, "NOT_FOUND", "The requested resource does not exist");
  });
}

// Salesforce refuses a request whose URI is longer than 16,384 bytes with 414 URI Too Long (a
// GET query whose SELECT lists hundreds of fields is the usual way there). The Debian
// cpp-httplib (0.11) enforces no limit of its own.
constexpr size_t kMaxUriBytes = 16384;

// Salesforce compresses with gzip (or deflate), never brotli; the Debian cpp-httplib build prefers
// brotli whenever a client offers it. Offer it only gzip/deflate, so the wire matches Salesforce.
void install_pre_routing(httplib::Server& server) {
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.target.size() > kMaxUriBytes) {
      res.status = 414;
      res.set_content("URI Too Long", "text/plain");
      return httplib::Server::HandlerResponse::Handled;
    }
    auto range = req.headers.equal_range("Accept-Encoding");
    // The Request object is owned (non-const) by the server; the handler API only hands it out const.
    auto& headers = const_cast<httplib::Headers&>(req.headers);
    for (auto it = range.first; it != range.second; ++it) {
      std::string kept;
      std::string_view value = it->second;
      while (!value.empty()) {
        auto comma = value.find(',');
        std::string_view token = value.substr(0, comma);
        while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
        if (token.substr(0, 2) != "br") kept += (kept.empty() ? "" : ", ") + std::string(token);
        value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
      }
      headers.find(it->first)->second = kept;  // the first match is `it` for a single header
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
}

}  // namespace

Emulator::Emulator(EmulatorOptions options) : ctx_(std::make_unique<ApiContext>()) {
  ctx_->options = std::move(options);
}

Emulator::~Emulator() { stop(); }

sfsync::Result<std::string> Emulator::start() {
  ApiContext& ctx = *ctx_;
  add_default_credentials(ctx.options);
  if (!ctx.options.config_path.empty())
    if (auto r = load_apps_from_yaml(ctx.options, ctx.options.config_path); !r) return r.error();
  if (auto r = build_catalog(ctx.options, ctx.catalog); !r) return r.error();
  auto store = OrgStore::open(ctx.options.db_path, ctx.catalog);
  if (!store) return store.error();
  ctx.store = std::move(store.value());
  ctx.tokens = std::make_unique<TokenStore>(ctx.options.access_token_ttl_s * 1000, ctx.options.sfmc_token_ttl_s * 1000);
  ctx.faults = std::make_unique<FaultInjector>(ctx.options.faults, ctx.options.seed);
  if (auto r = seed_org(ctx.options, *ctx.store); !r) return r.error();

  server_ = std::make_unique<httplib::Server>();
  int threads = ctx.options.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server_->set_keep_alive_max_count(100000);
  // A response goes out as headers then body: with Nagle on, a small body waits for the client's
  // delayed ACK (~40 ms a call on loopback). Salesforce answers without that stall.
  server_->set_tcp_nodelay(true);
  // Idle keep-alive connections hold a worker until this timeout, and stop() waits for them.
  server_->set_keep_alive_timeout(5);
  server_->set_payload_max_length(256 * 1024 * 1024);
  install_not_found_handler(*server_);
  install_pre_routing(*server_);
  // Every Salesforce answer carries the server's clock (clients compare it with replication dates).
  server_->set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    char date[64];
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    res.set_header("Date", date);
  });

  int port = ctx.options.port;
  if (port == 0) port = server_->bind_to_any_port(ctx.options.host);
  else if (!server_->bind_to_port(ctx.options.host, port)) port = -1;
  if (port <= 0)
    return make_error("BIND_FAILED", "cannot listen on " + ctx.options.host + ":" +
                                         std::to_string(ctx.options.port) + "; choose another --port");
  ctx.base_url = "http://" + ctx.options.host + ":" + std::to_string(port);

  Router router(*server_, ctx);
  register_oauth_api(router, ctx);
  register_query_api(router, ctx);
  register_describe_api(router, ctx);
  register_sobject_api(router, ctx);
  register_collections_api(router, ctx);
  register_bulk_query_api(router, ctx);
  register_bulk_ingest_api(router, ctx);
  register_sfmc_api(router, ctx);
  register_admin_api(router, ctx);
  register_limits_api(router, ctx);

  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // The socket is already bound and listening, so early clients queue in the backlog; this only
  // makes "started" mean "accepting" for callers that time things.
  for (int i = 0; i < 200 && !server_->is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return ctx.base_url;
}

void Emulator::stop() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

void Emulator::wait() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace emu
