// sfsync connect NAME [--paste]: OAuth authorization code + PKCE (S256) with a local callback
// listener, or the redirect address pasted by the user; the refresh token is stored encrypted in
// the store, never printed.
#include <httplib.h>
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <iostream>
#include <map>

#include "app/commands.h"
#include "common/json_writer.h"
#include "common/text.h"
#include "net/http_client.h"
#include "runner/connections.h"
#include "salesforce/oauth.h"

namespace sfsync {

namespace {

std::string authorize_url(const Connection& c, const std::string& redirect, const std::string& challenge,
                          const std::string& state) {
  const SalesforceAuth& a = c.salesforce.auth;
  std::string base = a.authorize_url.empty() ? c.salesforce.login_url + "/services/oauth2/authorize" : a.authorize_url;
  return base + "?" +
         form_encode({{"response_type", "code"}, {"client_id", a.client_id}, {"redirect_uri", redirect},
                      {"code_challenge", challenge}, {"code_challenge_method", "S256"}, {"state", state},
                      {"scope", a.scopes}});
}

// The code the authorization server's redirect carried, or why there is none. The state must be
// the one this run sent: another one is a callback meant for someone else (CSRF).
Result<std::string> code_from_redirect(const std::map<std::string, std::string>& params, const std::string& state) {
  auto param = [&](const char* name) {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  };
  if (param("state") != state)
    return make_error("auth", "the OAuth callback carried another state; start `sfsync connect` again");
  if (params.count("error"))
    return make_error("auth", "authorization refused: " + param("error") + " " + param("error_description"));
  if (param("code").empty()) return make_error("auth", "the OAuth callback carried no code; start `sfsync connect` again");
  return param("code");
}

// Serves one request on 127.0.0.1:port at /OauthRedirect and returns its code (or an error).
Result<std::string> listen_for_code(int port, const std::string& state, const std::string& url_to_print) {
  httplib::Server server;
  std::promise<Result<std::string>> promise;
  auto future = promise.get_future();
  bool answered = false;
  server.Get("/OauthRedirect", [&](const httplib::Request& req, httplib::Response& res) {
    if (answered) return;
    answered = true;
    std::map<std::string, std::string> params;
    for (const auto& [name, value] : req.params) params.emplace(name, value);
    Result<std::string> outcome = code_from_redirect(params, state);
    // The browser is told what the terminal will say, not "connected" for a refused callback.
    res.set_content(outcome ? "sfsync received the authorization; you can close this window."
                            : "sfsync was not authorized: " + outcome.error().message,
                    "text/plain");
    if (!outcome) res.status = 400;
    promise.set_value(std::move(outcome));
  });
  if (!server.bind_to_port("127.0.0.1", port))
    return make_error("bad_input", "cannot listen on 127.0.0.1:" + std::to_string(port) +
                                       " for the OAuth callback; set auth.redirect_port to a free port, "
                                       "or use --paste");
  std::thread thread([&] { server.listen_after_bind(); });
  std::printf("Open this URL to authorize sfsync:\n%s\n", url_to_print.c_str());
  std::fflush(stdout);
  bool got = future.wait_for(std::chrono::minutes(5)) == std::future_status::ready;
  server.stop();
  thread.join();
  if (!got) return make_error("auth", "no OAuth callback within 5 minutes");
  return future.get();
}

// --paste, for a machine with no browser (a server over SSH): the user opens the URL anywhere,
// and the browser ends on the redirect address, which does not load there (nothing listens) but
// carries the code; the user pastes that address back.
Result<std::string> pasted_code(int port, const std::string& state, const std::string& url_to_print) {
  std::printf("Open this URL in a browser on any machine to authorize sfsync:\n%s\n"
              "The browser then goes to http://localhost:%d/OauthRedirect?code=... and may show an error page:\n"
              "copy that whole address from its address bar and paste it here, then press Enter.\n",
              url_to_print.c_str(), port);
  std::fflush(stdout);
  std::string line;
  if (!std::getline(std::cin, line)) return make_error("auth", "no address was pasted (end of input)");
  auto params = url_query_params(std::string(trim_blanks(line)));
  if (!params || (!params->count("code") && !params->count("error")))
    return make_error("bad_input", "that is not the address the browser was sent to (it starts http://localhost:" +
                                       std::to_string(port) +
                                       "/OauthRedirect?code=); run `sfsync connect NAME --paste` again");
  return code_from_redirect(*params, state);
}

Result<std::string> receive_code(bool paste, int port, const std::string& state, const std::string& url_to_print) {
  return paste ? pasted_code(port, state, url_to_print) : listen_for_code(port, state, url_to_print);
}

// Marketing Cloud web app: authorize on the tenant's auth host, then POST /v2/token (JSON) with the
// code; the `offline` scope makes it return a refresh token.
int connect_marketing_cloud(const Connection& c, CustomerStore& store, bool paste) {
  const SfmcConnection& mc = c.sfmc;
  std::string base = mc.auth_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string redirect = "http://localhost:" + std::to_string(mc.redirect_port) + "/OauthRedirect";
  std::string state = make_pkce_verifier().substr(0, 16);
  std::string url = base + "/v2/authorize?" +
                    form_encode({{"response_type", "code"}, {"client_id", mc.client_id}, {"redirect_uri", redirect},
                                 {"scope", mc.scopes}, {"state", state}});
  auto code = receive_code(paste, mc.redirect_port, state, url);
  if (!code) return CliContext::print_error(code.error()), CliContext::exit_code_for(code.error());
  std::string body;
  JsonWriter w(body);
  w.begin_object().member("grant_type", "authorization_code").member("code", *code)
      .member("client_id", mc.client_id).member("client_secret", mc.client_secret.reveal())
      .member("redirect_uri", redirect);
  if (!mc.account_id.empty()) w.member("account_id", mc.account_id);
  w.end_object();
  HttpClient http;
  auto response = http.send({"POST", base + "/v2/token", {"Content-Type: application/json"}, body, 60000});
  if (!response) return CliContext::print_error(make_error("network", response.error().message)), kExitRunFailed;
  simdjson::dom::parser parser;
  std::string_view refresh;
  if (response->status != 200 || parser.parse(response->body)["refresh_token"].get(refresh) || refresh.empty()) {
    CliContext::print_error(make_error("auth", "Marketing Cloud refused the authorization code (HTTP " +
                                                   std::to_string(response->status) +
                                                   ") or returned no refresh token; the scopes must include "
                                                   "offline in both sfsync.yaml and the Installed Package"));
    return kExitRunFailed;
  }
  if (auto r = store.put_secret(refresh_token_secret_name(c.name), std::string(refresh)); !r)
    return CliContext::print_error(r.error()), kExitRunFailed;
  std::printf("connected %s to Marketing Cloud %s; refresh token stored encrypted\n", c.name.c_str(),
              mc.subdomain.c_str());
  return kExitOk;
}

}  // namespace

const Connection* login_connection(CliContext& ctx, const std::string& name) {
  const Config* config = ctx.config();
  if (!config) return nullptr;
  const Connection* c = config->find_connection(name);
  if (!c || (c->type != ConnectionType::Salesforce && c->type != ConnectionType::Sfmc)) {
    CliContext::print_error(make_error("bad_input", "no Salesforce or Marketing Cloud connection named \"" + name + "\""));
    return nullptr;
  }
  return c;
}

int cmd_connect(CliContext& ctx, const std::string& name, bool paste) {
  const Connection* c = login_connection(ctx, name);
  if (!c) return kExitBadInput;
  CustomerStore* store = ctx.store();
  if (!store) return kExitBadInput;
  if (c->type == ConnectionType::Sfmc) return connect_marketing_cloud(*c, *store, paste);
  int port = c->salesforce.auth.redirect_port;
  std::string redirect = "http://localhost:" + std::to_string(port) + "/OauthRedirect";
  std::string verifier = make_pkce_verifier();
  std::string state = make_pkce_verifier().substr(0, 16);
  auto code = receive_code(paste, port, state, authorize_url(*c, redirect, pkce_challenge_s256(verifier), state));
  if (!code) return CliContext::print_error(code.error()), CliContext::exit_code_for(code.error());

  SalesforceAuthConfig auth;
  auth.login_url = c->salesforce.login_url;
  auth.token_url = c->salesforce.auth.token_url;
  auth.client_id = c->salesforce.auth.client_id;
  auth.client_secret = c->salesforce.auth.client_secret.reveal();
  HttpClient http;
  auto session = exchange_authorization_code(http, auth, *code, redirect, verifier);
  if (!session) return CliContext::print_error(session.error()), kExitRunFailed;
  if (session->refresh_token.empty()) {
    CliContext::print_error(make_error("auth", "Salesforce returned no refresh token; add the refresh_token scope "
                                               "to the connected app and to auth.scopes"));
    return kExitRunFailed;
  }
  if (auto r = store->put_secret(refresh_token_secret_name(name), session->refresh_token); !r)
    return CliContext::print_error(r.error()), kExitRunFailed;
  std::printf("connected %s to %s; refresh token stored encrypted\n", name.c_str(), session->instance_url.c_str());
  return kExitOk;
}

}  // namespace sfsync
