// Salesforce OAuth 2.0: /services/oauth2/token, /authorize (auto-approving, for tests), /revoke, and
// the identity URL (/id/<orgId>/<userId>) that token responses name.
//
// Behaviour follows the reference (§1) and Salesforce's documented/observed errors:
//   unknown client_id                      400 invalid_client_id  "client identifier invalid"
//   wrong client_secret                    400 invalid_client     "invalid client credentials"
//                                          (401 when the credentials came in an HTTP Basic header)
//   bad username/password                  400 invalid_grant      "authentication failure"
//   unknown/used/expired code              400 invalid_grant      "expired authorization code"
//   redirect_uri differs from authorize's  400 redirect_uri_mismatch "redirect_uri must match configuration"
//   PKCE verifier missing or wrong         400 invalid_grant      "invalid code verifier"
//   unknown/revoked refresh token          400 invalid_grant      "expired access/refresh token"
//   JWT: bad signature/garbage             400 invalid_grant      "invalid assertion"
//        aud not a login URL               400 invalid_grant      "audience is invalid"
//        exp missing or past               400 invalid_grant      "expired authorization code"
//        sub unknown                       400 invalid_grant      "user hasn't approved this consumer"
//   other grant_type                       400 unsupported_grant_type "grant type not supported"
// /authorize cannot redirect when the client or redirect URI is wrong, so, like Salesforce's error
// page, it answers 400 with a small HTML page naming the error (error=invalid_client_id or
// error=redirect_uri_mismatch); other errors redirect with ?error=...&error_description=...&state=.
#include <string>

#include "common/time_util.h"
#include "emulator/api/apis.h"
#include "emulator/auth/app_config.h"
#include "emulator/auth/identity.h"
#include "emulator/auth/jwt.h"
#include "emulator/auth/pkce.h"
#include "emulator/auth/request_params.h"
#include "emulator/auth/token_response.h"
#include "emulator/org/sfid.h"
#include "emulator/server/errors.h"

namespace emu {
namespace {

constexpr const char* kJwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
constexpr const char* kDefaultScope = "api refresh_token";
constexpr int64_t kJwtClockSkewS = 60;

struct Failure {
  int status = 400;
  std::string error, description;
};

// What a successful grant yields before tokens are minted.
struct Grant {
  const ClientApp* app = nullptr;
  std::string user_id;
  std::string scope;
  bool return_refresh_token = false;  // authorization_code with the refresh_token scope only
  std::string parent_refresh_token;   // refresh grant: revoking it revokes the new access token
};

struct Outcome {
  std::optional<Failure> failure;
  Grant grant;
  static Outcome fail(std::string error, std::string description, int status = 400) {
    return Outcome{Failure{status, std::move(error), std::move(description)}, {}};
  }
  static Outcome ok(Grant g) { return Outcome{std::nullopt, std::move(g)}; }
};

std::string app_scope(const ClientApp& app) { return app.scopes.empty() ? kDefaultScope : app.scopes; }

bool wants_refresh_token(const std::string& scope) {
  return scope_contains(scope, "refresh_token") || scope_contains(scope, "offline_access") ||
         scope_contains(scope, "full");
}

// Request parameters: the form body, then the query string for names the body lacks.
ParamMap token_params(const httplib::Request& req) {
  ParamMap params = parse_form_urlencoded(req.body);
  for (const auto& [name, value] : req.params) params.emplace(name, value);
  return params;
}

class TokenEndpoint {
 public:
  TokenEndpoint(ApiContext& ctx, const httplib::Request& req) : ctx_(ctx), params_(token_params(req)) {
    if (auto basic = parse_basic_auth(req.get_header_value("Authorization"))) {
      client_id_ = basic->first;
      client_secret_ = basic->second;
      basic_auth_ = true;
    } else {
      client_id_ = param_value(params_, "client_id");
      client_secret_ = param_value(params_, "client_secret");
    }
  }

  void respond(httplib::Response& res) {
    Outcome outcome = run_grant(param_value(params_, "grant_type"));
    if (outcome.failure) {
      oauth_error(res, outcome.failure->status, outcome.failure->error, outcome.failure->description);
      return;
    }
    json_body(res, 200, mint(outcome.grant));
  }

 private:
  Outcome run_grant(const std::string& grant_type) {
    if (grant_type == "password") return password();
    if (grant_type == "authorization_code") return authorization_code();
    if (grant_type == "refresh_token") return refresh_token();
    if (grant_type == "client_credentials") return client_credentials();
    if (grant_type == kJwtBearer) return jwt_bearer();
    return Outcome::fail("unsupported_grant_type", "grant type not supported");
  }

  // Finds the app and checks its secret. A missing secret passes only when `secret_optional`
  // (PKCE public clients, refresh of such tokens).
  std::optional<Failure> authenticate(bool secret_optional) {
    app_ = ctx_.salesforce_app(client_id_);
    if (!app_) return Failure{400, "invalid_client_id", "client identifier invalid"};
    if (client_secret_.empty() && secret_optional) return std::nullopt;
    if (client_secret_ != app_->client_secret) {
      return Failure{basic_auth_ ? 401 : 400, "invalid_client", "invalid client credentials"};
    }
    return std::nullopt;
  }

  Outcome password() {
    if (auto f = authenticate(false)) return Outcome{f, {}};
    const OrgUser* user = ctx_.user_by_name(param_value(params_, "username"));
    if (!user || !password_matches(*user, param_value(params_, "password"))) {
      return Outcome::fail("invalid_grant", "authentication failure");
    }
    return Outcome::ok(Grant{app_, user_id_18(*user), app_scope(*app_), false, ""});
  }

  // The password, optionally followed by a 24-character security token (Salesforce appends it
  // for logins from outside trusted IP ranges; the emulator accepts any token).
  static bool password_matches(const OrgUser& user, const std::string& given) {
    if (given == user.password) return true;
    return given.size() == user.password.size() + 24 && given.compare(0, user.password.size(), user.password) == 0;
  }

  Outcome authorization_code() {
    const int64_t now = sfsync::now_ms();
    // A given secret is checked before the code is consumed, so a wrong one does not burn it.
    if (auto f = authenticate(true)) return Outcome{f, {}};
    auto code = ctx_.tokens->redeem_code(TokenRealm::Salesforce, param_value(params_, "code"), now);
    if (!code || code->client_id != app_->client_id) {
      return Outcome::fail("invalid_grant", "expired authorization code");
    }
    // Only PKCE (public) clients may leave the secret out.
    if (client_secret_.empty() && code->code_challenge.empty()) {
      return Outcome::fail("invalid_client", "invalid client credentials", basic_auth_ ? 401 : 400);
    }
    if (param_value(params_, "redirect_uri") != code->redirect_uri) {
      return Outcome::fail("redirect_uri_mismatch", "redirect_uri must match configuration");
    }
    if (!code->code_challenge.empty() &&
        !pkce_matches(code->code_challenge_method, code->code_challenge, param_value(params_, "code_verifier"))) {
      return Outcome::fail("invalid_grant", "invalid code verifier");
    }
    return Outcome::ok(Grant{app_, code->user_id, code->scope, wants_refresh_token(code->scope), ""});
  }

  Outcome refresh_token() {
    auto refresh = ctx_.tokens->find_refresh(TokenRealm::Salesforce, param_value(params_, "refresh_token"));
    if (auto f = authenticate(true)) return Outcome{f, {}};
    if (!refresh || refresh->revoked || refresh->client_id != app_->client_id) {
      return Outcome::fail("invalid_grant", "expired access/refresh token");
    }
    if (app_->rotate_refresh_tokens) {  // a new refresh token in the answer; this one is spent
      ctx_.tokens->retire_refresh(refresh->token);
      return Outcome::ok(Grant{app_, refresh->user_id, refresh->scope, true, ""});
    }
    return Outcome::ok(Grant{app_, refresh->user_id, refresh->scope, false, refresh->token});
  }

  Outcome client_credentials() {
    if (auto f = authenticate(false)) return Outcome{f, {}};
    const OrgUser* run_as = default_user(ctx_);
    if (!run_as) return Outcome::fail("invalid_grant", "no client credentials user enabled");
    return Outcome::ok(Grant{app_, user_id_18(*run_as), app_scope(*app_), false, ""});
  }

  Outcome jwt_bearer() {
    const std::string assertion = param_value(params_, "assertion");
    auto unverified = read_jwt_claims_unverified(assertion);
    if (!unverified) return Outcome::fail("invalid_grant", "invalid assertion");
    app_ = ctx_.salesforce_app(unverified->iss);
    if (!app_) return Outcome::fail("invalid_client_id", "client identifier invalid");
    if (app_->jwt_certificate_pem.empty()) return Outcome::fail("invalid_grant", "invalid assertion");
    auto claims = verify_jwt_rs256(assertion, app_->jwt_certificate_pem);
    if (!claims) return Outcome::fail("invalid_grant", "invalid assertion");
    if (!audience_ok(claims->aud)) return Outcome::fail("invalid_grant", "audience is invalid");
    if (claims->exp == 0 || claims->exp + kJwtClockSkewS <= sfsync::now_ms() / 1000) {
      return Outcome::fail("invalid_grant", "expired authorization code");
    }
    const OrgUser* user = ctx_.user_by_name(claims->sub);
    if (!user) return Outcome::fail("invalid_grant", "user hasn't approved this consumer");
    return Outcome::ok(Grant{app_, user_id_18(*user), app_scope(*app_), false, ""});
  }

  bool audience_ok(const std::vector<std::string>& audiences) const {
    for (std::string aud : audiences) {
      while (!aud.empty() && aud.back() == '/') aud.pop_back();
      if (aud == "https://login.salesforce.com" || aud == "https://test.salesforce.com" || aud == ctx_.base_url) {
        return true;
      }
    }
    return false;
  }

  std::string mint(const Grant& grant) {
    const int64_t now = sfsync::now_ms();
    std::string refresh;
    if (grant.return_refresh_token) {
      refresh = ctx_.tokens->issue_refresh(TokenRealm::Salesforce, grant.app->client_id, grant.user_id, grant.scope)
                    .token;
    }
    const std::string parent = refresh.empty() ? grant.parent_refresh_token : refresh;
    AccessToken access =
        ctx_.tokens->issue_access(TokenRealm::Salesforce, grant.app->client_id, grant.user_id, grant.scope, parent, now);
    SalesforceTokenResponse body{access.token,  refresh, grant.scope, ctx_.base_url, identity_url(ctx_, grant.user_id),
                                 access.issued_ms, grant.app->client_secret};
    return render_salesforce_token(body);
  }

  ApiContext& ctx_;
  ParamMap params_;
  std::string client_id_, client_secret_;
  bool basic_auth_ = false;
  const ClientApp* app_ = nullptr;
};

// ---- /authorize ----

std::string error_page(const std::string& error, const std::string& description) {
  return "<!DOCTYPE html><html><head><title>OAuth Error</title></head><body><h1>OAuth Error</h1>"
         "<p>We can't authorize you because of an OAuth error.</p><p>error=" + error +
         "</p><p>error_description=" + description + "</p></body></html>";
}

std::string with_query(const std::string& uri, const std::string& query) {
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") + query;
}

void redirect(httplib::Response& res, const std::string& location) {
  res.status = 302;
  res.set_header("Location", location);
}

void redirect_error(httplib::Response& res, const std::string& uri, const std::string& state,
                    const std::string& error, const std::string& description) {
  std::string query = "error=" + error + "&error_description=" + url_encode(description);
  if (!state.empty()) query += "&state=" + url_encode(state);
  redirect(res, with_query(uri, query));
}

void authorize(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const ClientApp* app = ctx.salesforce_app(req.get_param_value("client_id"));
  if (!app) {
    res.set_content(error_page("invalid_client_id", "client identifier invalid"), "text/html;charset=UTF-8");
    res.status = 400;
    return;
  }
  const std::string redirect_uri = req.get_param_value("redirect_uri");
  if (!has_redirect_uri(*app, redirect_uri)) {
    res.set_content(error_page("redirect_uri_mismatch", "redirect_uri must match configuration"),
                    "text/html;charset=UTF-8");
    res.status = 400;
    return;
  }
  const std::string state = req.get_param_value("state");
  if (req.get_param_value("response_type") != "code") {
    redirect_error(res, redirect_uri, state, "unsupported_response_type", "response type not supported");
    return;
  }
  const std::string method = req.get_param_value("code_challenge_method");
  if (!method.empty() && method != "S256") {
    redirect_error(res, redirect_uri, state, "invalid_request", "invalid code challenge method");
    return;
  }
  auto scope = narrow_scope(app_scope(*app), req.get_param_value("scope"));
  if (!scope) {
    redirect_error(res, redirect_uri, state, "invalid_scope", "the requested scope is not allowed");
    return;
  }
  const OrgUser* user = default_user(ctx);
  if (!user) {
    redirect_error(res, redirect_uri, state, "access_denied", "end-user denied authorization");
    return;
  }
  AuthorizationCode code;
  code.realm = TokenRealm::Salesforce;
  code.client_id = app->client_id;
  code.redirect_uri = redirect_uri;
  code.code_challenge = req.get_param_value("code_challenge");
  code.code_challenge_method = code.code_challenge.empty() ? "" : "S256";
  code.user_id = user_id_18(*user);
  code.scope = *scope;
  AuthorizationCode issued = ctx.tokens->issue_code(code, sfsync::now_ms());
  std::string query = "code=" + url_encode(issued.code);
  if (!state.empty()) query += "&state=" + url_encode(state);
  redirect(res, with_query(redirect_uri, query));
}

// ---- /revoke ----

void revoke(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  ParamMap params = token_params(req);
  const std::string token = param_value(params, "token");
  if (token.empty()) {
    oauth_error(res, 400, "invalid_request", "token is required");
    return;
  }
  if (!ctx.tokens->revoke(token)) {
    oauth_error(res, 400, "unsupported_token_type", "this token type is not supported");
    return;
  }
  res.status = 200;
}

// ---- identity URL ----

// GET /id/<org>/<user> with the user's own bearer token. A bad token gets the Identity Service's
// 403 "Bad_OAuth_Token" (plain text); another user's id gets 403 too.
void identity(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const std::string auth = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  auto token = auth.rfind(kBearer, 0) == 0
                   ? ctx.tokens->validate(TokenRealm::Salesforce, auth.substr(kBearer.size()), sfsync::now_ms())
                   : std::nullopt;
  const std::string wanted = normalize_sfid(req.matches[2].str()).value_or("");
  const OrgUser* user = nullptr;
  for (const auto& u : ctx.options.users) {
    if (user_id_18(u) == wanted) user = &u;
  }
  if (!token || !user || token->user_id != wanted || normalize_sfid(req.matches[1].str()) != emulated_org_id()) {
    res.status = 403;
    res.set_content("Bad_OAuth_Token", "text/plain");
    return;
  }
  json_body(res, 200, render_identity(ctx, *user));
}

}  // namespace

void register_oauth_api(Router& router, ApiContext& ctx) {
  router.open(Method::Post, "/services/oauth2/token", "oauth_token",
              [&ctx](const httplib::Request& req, httplib::Response& res) { TokenEndpoint(ctx, req).respond(res); });
  router.open(Method::Get, "/services/oauth2/authorize", "oauth_authorize",
              [&ctx](const httplib::Request& req, httplib::Response& res) { authorize(ctx, req, res); });
  router.open(Method::Get, "/id/([^/]+)/([^/]+)/?", "oauth_identity",
              [&ctx](const httplib::Request& req, httplib::Response& res) { identity(ctx, req, res); });
  for (Method m : {Method::Post, Method::Get}) {
    router.open(m, "/services/oauth2/revoke", "oauth_revoke",
                [&ctx](const httplib::Request& req, httplib::Response& res) { revoke(ctx, req, res); });
  }
}

}  // namespace emu
