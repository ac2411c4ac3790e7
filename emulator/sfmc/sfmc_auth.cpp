#include "emulator/sfmc/sfmc_auth.h"

#include "common/json_writer.h"
#include "common/time_util.h"
#include "emulator/auth/app_config.h"
#include "emulator/auth/pkce.h"
#include "emulator/auth/request_params.h"
#include "emulator/auth/token_response.h"
#include "emulator/server/errors.h"

namespace emu {
namespace {

constexpr const char* kInvalidClientText =
    "Client authentication failed. Make sure that the client ID and client secret are valid and that the package "
    "is installed and enabled.";

struct McFailure {
  int status;
  std::string error, description;
};

void mc_oauth_error(httplib::Response& res, const McFailure& f) {
  std::string body;
  sfsync::JsonWriter(body)
      .begin_object()
      .member("error", f.error)
      .member("error_description", f.description)
      .member("error_uri", "https://developer.salesforce.com/docs")
      .end_object();
  json_body(res, f.status, std::move(body));
}

struct McGrant {
  const ClientApp* app = nullptr;
  std::string scope;
  bool with_refresh = false;
};

class McTokenEndpoint {
 public:
  McTokenEndpoint(ApiContext& ctx, ParamMap params) : ctx_(ctx), params_(std::move(params)) {}

  void respond(httplib::Response& res) {
    const std::string grant_type = param_value(params_, "grant_type");
    McGrant grant;
    std::optional<McFailure> failure;
    if (grant_type == "client_credentials") failure = client_credentials(grant);
    else if (grant_type == "authorization_code") failure = authorization_code(grant);
    else if (grant_type == "refresh_token") failure = refresh_token(grant);
    else failure = McFailure{400, "unsupported_grant_type", "The authorization grant type is not supported."};
    if (failure) return mc_oauth_error(res, *failure);
    json_body(res, 200, mint(grant));
  }

 private:
  // Client id + secret; a public app (no secret configured) may omit it.
  std::optional<McFailure> authenticate() {
    app_ = ctx_.sfmc_app(param_value(params_, "client_id"));
    if (!app_ || param_value(params_, "client_secret") != app_->client_secret) {
      return McFailure{401, "invalid_client", kInvalidClientText};
    }
    const std::string account = param_value(params_, "account_id");
    if (!account.empty() && account != app_->account_id) {
      return McFailure{401, "unauthorized_client", "The package is not installed in the requested account."};
    }
    return std::nullopt;
  }

  std::optional<McFailure> client_credentials(McGrant& grant) {
    if (auto f = authenticate()) return f;
    auto scope = narrow_scope(app_->scopes, param_value(params_, "scope"));
    if (!scope) return McFailure{400, "invalid_scope", "The requested scope is invalid or exceeds the package's scope."};
    grant = McGrant{app_, *scope, false};
    return std::nullopt;
  }

  std::optional<McFailure> authorization_code(McGrant& grant) {
    if (auto f = authenticate()) return f;
    auto code = ctx_.tokens->redeem_code(TokenRealm::MarketingCloud, param_value(params_, "code"), sfsync::now_ms());
    if (!code || code->client_id != app_->client_id) {
      return McFailure{400, "invalid_grant", "The authorization code is invalid or expired."};
    }
    if (param_value(params_, "redirect_uri") != code->redirect_uri) {
      return McFailure{400, "invalid_grant", "The redirect_uri does not match the authorization request."};
    }
    if (!code->code_challenge.empty() &&
        !pkce_matches(code->code_challenge_method, code->code_challenge, param_value(params_, "code_verifier"))) {
      return McFailure{400, "invalid_grant", "The code_verifier does not match the code_challenge."};
    }
    grant = McGrant{app_, code->scope, true};
    return std::nullopt;
  }

  std::optional<McFailure> refresh_token(McGrant& grant) {
    if (auto f = authenticate()) return f;
    auto refresh = ctx_.tokens->find_refresh(TokenRealm::MarketingCloud, param_value(params_, "refresh_token"));
    if (!refresh || refresh->revoked || refresh->client_id != app_->client_id) {
      return McFailure{400, "invalid_grant", "The refresh token is invalid or expired."};
    }
    ctx_.tokens->revoke(refresh->token);  // single use: the response carries its successor
    grant = McGrant{app_, refresh->scope, true};
    return std::nullopt;
  }

  std::string mint(const McGrant& grant) {
    const int64_t now = sfsync::now_ms();
    std::string refresh;
    if (grant.with_refresh) {
      refresh = ctx_.tokens->issue_refresh(TokenRealm::MarketingCloud, grant.app->client_id, grant.app->account_id,
                                           grant.scope)
                    .token;
    }
    AccessToken access = ctx_.tokens->issue_access(TokenRealm::MarketingCloud, grant.app->client_id,
                                                   grant.app->account_id, grant.scope, refresh, now);
    // Real responses say 1079 for an 18-minute (1080 s) token: one second less than the lifetime.
    const int64_t expires_in = std::max<int64_t>(0, (access.expires_ms - access.issued_ms) / 1000 - 1);
    const std::string instance = ctx_.base_url + "/";
    return render_marketing_cloud_token({access.token, refresh, expires_in, grant.scope, instance, instance});
  }

  ApiContext& ctx_;
  ParamMap params_;
  const ClientApp* app_ = nullptr;
};

void token(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const bool json = req.get_header_value("Content-Type").find("json") != std::string::npos ||
                    (!req.body.empty() && req.body.front() == '{');
  ParamMap params;
  if (json) {
    auto parsed = parse_json_object_params(req.body);
    if (!parsed) return mc_oauth_error(res, {400, "invalid_request", "The request body is not valid JSON."});
    params = std::move(*parsed);
  } else {
    params = parse_form_urlencoded(req.body);
  }
  McTokenEndpoint(ctx, std::move(params)).respond(res);
}

void bad_authorize(httplib::Response& res, const std::string& error) {
  res.status = 400;
  res.set_content("<!DOCTYPE html><html><body><h1>Authorization error</h1><p>error=" + error + "</p></body></html>",
                  "text/html;charset=UTF-8");
}

// Auto-approves as the package's account and redirects with ?code=...&state=...
void authorize(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const ClientApp* app = ctx.sfmc_app(req.get_param_value("client_id"));
  if (!app) return bad_authorize(res, "invalid_client");
  const std::string redirect_uri = req.get_param_value("redirect_uri");
  if (!has_redirect_uri(*app, redirect_uri)) return bad_authorize(res, "invalid_redirect_uri");
  auto scope = narrow_scope(app->scopes, req.get_param_value("scope"));
  if (req.get_param_value("response_type") != "code" || !scope) return bad_authorize(res, "invalid_request");
  AuthorizationCode code;
  code.realm = TokenRealm::MarketingCloud;
  code.client_id = app->client_id;
  code.redirect_uri = redirect_uri;
  code.code_challenge = req.get_param_value("code_challenge");
  code.code_challenge_method = code.code_challenge.empty() ? "" : "S256";
  code.user_id = app->account_id;
  code.scope = *scope;
  AuthorizationCode issued = ctx.tokens->issue_code(code, sfsync::now_ms());
  std::string location = redirect_uri + (redirect_uri.find('?') == std::string::npos ? "?" : "&");
  location += "code=" + url_encode(issued.code);
  if (const std::string state = req.get_param_value("state"); !state.empty()) location += "&state=" + url_encode(state);
  res.status = 302;
  res.set_header("Location", location);
}

}  // namespace

void register_sfmc_auth_routes(Router& router, ApiContext& ctx) {
  router.open(Method::Post, "/v2/token", "sfmc_token",
              [&ctx](const httplib::Request& req, httplib::Response& res) { token(ctx, req, res); });
  router.open(Method::Get, "/v2/authorize", "sfmc_authorize",
              [&ctx](const httplib::Request& req, httplib::Response& res) { authorize(ctx, req, res); });
}

}  // namespace emu
