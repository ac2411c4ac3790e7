// Salesforce OAuth 2.0 over real HTTP: every grant, authorize, revoke, and their errors.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>

#include "common/time_util.h"
#include "emulator/auth/crypto_util.h"
#include "emulator/auth/pkce.h"
#include "emulator/auth/request_params.h"
#include "emulator/auth/token_response.h"
#include "jwt_signer.h"
#include "support/test_http.h"

namespace {

using emu::Defaults;
using testing_support::http;
using testing_support::HttpResponse;
using testing_support::InProcessEmulator;
using testing_support::url_encode;

const std::string kForm = "Content-Type: application/x-www-form-urlencoded";
const std::string kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-longer-than-43-chars";

// The default connected app, with the test certificate so the JWT bearer grant is enabled.
emu::EmulatorOptions oauth_options() {
  emu::EmulatorOptions options;
  emu::ClientApp app = testing_support::default_connected_app();
  app.jwt_certificate_pem = jwt_test::read_fixture("server.crt");
  options.salesforce_apps.push_back(app);
  return options;
}

std::string form(const std::map<std::string, std::string>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out.push_back('&');
    out += name + "=" + url_encode(value);
  }
  return out;
}

class OAuthTest : public testing::Test {
 protected:
  explicit OAuthTest(emu::EmulatorOptions options = oauth_options()) : emu_(std::move(options)) {}

  HttpResponse token(std::map<std::string, std::string> fields, std::vector<std::string> headers = {}) {
    headers.push_back(kForm);
    return http("POST", emu_.url() + "/services/oauth2/token", form(fields), headers);
  }
  HttpResponse password_grant(const std::string& password = Defaults::kPassword) {
    return token({{"grant_type", "password"}, {"client_id", Defaults::kClientId},
                  {"client_secret", Defaults::kClientSecret}, {"username", Defaults::kUsername},
                  {"password", password}});
  }
  // GET /authorize; returns the Location header of the redirect.
  HttpResponse authorize(const std::string& query) {
    return http("GET", emu_.url() + "/services/oauth2/authorize?" + query);
  }
  std::string code_from(const HttpResponse& r) {
    std::string location = r.header("location");
    size_t at = location.find("code=");
    if (at == std::string::npos) return "";
    size_t end = location.find('&', at);
    return emu::url_decode(location.substr(at + 5, end == std::string::npos ? std::string::npos : end - at - 5));
  }
  std::string pkce_code(const std::string& scope = "api refresh_token") {
    auto r = authorize("response_type=code&client_id=" + std::string(Defaults::kClientId) +
                       "&redirect_uri=" + url_encode(Defaults::kRedirectUri) + "&code_challenge=" +
                       emu::pkce_s256_challenge(kVerifier) + "&code_challenge_method=S256&state=xyz&scope=" +
                       url_encode(scope));
    EXPECT_EQ(r.status, 302) << r.body;
    return code_from(r);
  }
  HttpResponse redeem(const std::string& code, const std::string& verifier = kVerifier,
                      const std::string& redirect_uri = Defaults::kRedirectUri) {
    return token({{"grant_type", "authorization_code"}, {"code", code}, {"client_id", Defaults::kClientId},
                  {"client_secret", Defaults::kClientSecret}, {"redirect_uri", redirect_uri},
                  {"code_verifier", verifier}});
  }
  HttpResponse jwt(const std::string& claims_json, const std::string& key = "server.key") {
    return token({{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                  {"assertion", jwt_test::make_assertion(claims_json, key)}});
  }
  long long in_two_minutes() const { return sfsync::now_ms() / 1000 + 120; }

  static void expect_error(const HttpResponse& r, long status, const std::string& error, const std::string& text) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.body, "{\"error\":\"" + error + "\",\"error_description\":\"" + text + "\"}");
  }

  InProcessEmulator emu_;
  simdjson::dom::parser parser_;
};

TEST_F(OAuthTest, PasswordGrantHasSalesforceShapeAndKeyOrder) {
  auto r = password_grant();
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.header("content-type").find("application/json"), std::string::npos);
  simdjson::dom::element doc = parser_.parse(r.body);
  std::vector<std::string> keys;
  for (auto [key, value] : doc.get_object()) keys.emplace_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"access_token", "signature", "scope", "instance_url", "id", "token_type",
                                            "issued_at"}));
  EXPECT_EQ(std::string(doc["instance_url"].get_string().value()), emu_.url());
  EXPECT_EQ(std::string(doc["token_type"].get_string().value()), "Bearer");
  EXPECT_TRUE(doc["issued_at"].is_string());  // a string of epoch ms, not a number
  const std::string id(doc["id"].get_string().value());
  EXPECT_EQ(id.rfind(emu_.url() + "/id/00D", 0), 0u) << id;
  EXPECT_EQ(id.size(), emu_.url().size() + 4 + 18 + 1 + 18);
  const int64_t issued = std::stoll(std::string(doc["issued_at"].get_string().value()));
  EXPECT_EQ(std::string(doc["signature"].get_string().value()),
            emu::salesforce_token_signature(Defaults::kClientSecret, id, issued));
}

TEST_F(OAuthTest, PasswordGrantAcceptsAppendedSecurityTokenAndRejectsBadPassword) {
  EXPECT_EQ(password_grant(std::string(Defaults::kPassword) + "ABCDEFGHIJKLMNOPQRSTUVWX").status, 200);
  expect_error(password_grant("wrong"), 400, "invalid_grant", "authentication failure");
  expect_error(token({{"grant_type", "password"}, {"client_id", Defaults::kClientId},
                      {"client_secret", Defaults::kClientSecret}, {"username", "nobody@example.com"},
                      {"password", Defaults::kPassword}}),
               400, "invalid_grant", "authentication failure");
}

TEST_F(OAuthTest, ClientErrorsAndUnsupportedGrant) {
  expect_error(token({{"grant_type", "client_credentials"}, {"client_id", "nope"}, {"client_secret", "x"}}), 400,
               "invalid_client_id", "client identifier invalid");
  expect_error(token({{"grant_type", "client_credentials"}, {"client_id", Defaults::kClientId},
                      {"client_secret", "wrong"}}),
               400, "invalid_client", "invalid client credentials");
  expect_error(token({{"grant_type", "client_credentials"}},
                     {"Authorization: Basic " + emu::base64_encode(std::string(Defaults::kClientId) + ":wrong")}),
               401, "invalid_client", "invalid client credentials");
  expect_error(token({{"grant_type", "implicit"}}), 400, "unsupported_grant_type", "grant type not supported");
  expect_error(token({}), 400, "unsupported_grant_type", "grant type not supported");
}

TEST_F(OAuthTest, ClientCredentialsInBodyOrBasicHeader) {
  auto body = token({{"grant_type", "client_credentials"}, {"client_id", Defaults::kClientId},
                     {"client_secret", Defaults::kClientSecret}});
  ASSERT_EQ(body.status, 200) << body.body;
  EXPECT_EQ(body.body.find("\"refresh_token\":"), std::string::npos);
  auto basic = token({{"grant_type", "client_credentials"}},
                     {"Authorization: Basic " + emu::base64_encode(std::string(Defaults::kClientId) + ":" +
                                                                   Defaults::kClientSecret)});
  EXPECT_EQ(basic.status, 200) << basic.body;
}

TEST_F(OAuthTest, AuthorizeRedirectsWithCodeAndStateThenPkceCodeGivesRefreshToken) {
  auto r = authorize("response_type=code&client_id=" + std::string(Defaults::kClientId) +
                     "&redirect_uri=" + url_encode(Defaults::kRedirectUri) + "&code_challenge=" +
                     emu::pkce_s256_challenge(kVerifier) + "&code_challenge_method=S256&state=a%20b");
  ASSERT_EQ(r.status, 302) << r.body;
  const std::string location = r.header("location");
  EXPECT_EQ(location.rfind(std::string(Defaults::kRedirectUri) + "?code=", 0), 0u) << location;
  EXPECT_NE(location.find("&state=a%20b"), std::string::npos) << location;

  auto t = redeem(code_from(r));
  ASSERT_EQ(t.status, 200) << t.body;
  simdjson::dom::element doc = parser_.parse(t.body);
  std::vector<std::string> keys;
  for (auto [key, value] : doc.get_object()) keys.emplace_back(key);
  ASSERT_GE(keys.size(), 2u);
  EXPECT_EQ(keys[1], "refresh_token");
  EXPECT_EQ(std::string(doc["scope"].get_string().value()), "api refresh_token");
  // The code is single-use.
  expect_error(redeem(code_from(r)), 400, "invalid_grant", "expired authorization code");
}

TEST_F(OAuthTest, CodeWithoutRefreshScopeGetsNoRefreshToken) {
  auto t = redeem(pkce_code("api"));
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(t.body.find("\"refresh_token\":"), std::string::npos) << t.body;
}

TEST_F(OAuthTest, PkceMismatchAndRedirectMismatchAreRejected) {
  expect_error(redeem(pkce_code(), kVerifier + "x"), 400, "invalid_grant", "invalid code verifier");
  expect_error(redeem(pkce_code(), ""), 400, "invalid_grant", "invalid code verifier");
}

TEST_F(OAuthTest, OnlyPkceClientsMayOmitTheSecret) {
  auto public_client = token({{"grant_type", "authorization_code"}, {"code", pkce_code()},
                              {"client_id", Defaults::kClientId}, {"redirect_uri", Defaults::kRedirectUri},
                              {"code_verifier", kVerifier}});
  EXPECT_EQ(public_client.status, 200) << public_client.body;
  auto plain = authorize("response_type=code&client_id=" + std::string(Defaults::kClientId) +
                         "&redirect_uri=" + url_encode(Defaults::kRedirectUri));
  ASSERT_EQ(plain.status, 302);
  expect_error(token({{"grant_type", "authorization_code"}, {"code", code_from(plain)},
                      {"client_id", Defaults::kClientId}, {"redirect_uri", Defaults::kRedirectUri}}),
               400, "invalid_client", "invalid client credentials");
}

TEST_F(OAuthTest, RedirectUriMustMatchTheAuthorizeCall) {
  expect_error(redeem(pkce_code(), kVerifier, "http://localhost:1717/Other"), 400, "redirect_uri_mismatch",
               "redirect_uri must match configuration");
  expect_error(redeem("no-such-code"), 400, "invalid_grant", "expired authorization code");
}

TEST_F(OAuthTest, AuthorizeErrorsForUnknownClientRedirectAndScope) {
  auto bad_client = authorize("response_type=code&client_id=nope&redirect_uri=" + url_encode(Defaults::kRedirectUri));
  EXPECT_EQ(bad_client.status, 400);
  EXPECT_NE(bad_client.body.find("error=invalid_client_id"), std::string::npos);
  auto bad_redirect = authorize("response_type=code&client_id=" + std::string(Defaults::kClientId) +
                                "&redirect_uri=" + url_encode("http://evil.example.com/cb"));
  EXPECT_EQ(bad_redirect.status, 400);
  EXPECT_NE(bad_redirect.body.find("error=redirect_uri_mismatch"), std::string::npos);
  auto bad_scope = authorize("response_type=code&client_id=" + std::string(Defaults::kClientId) + "&redirect_uri=" +
                             url_encode(Defaults::kRedirectUri) + "&scope=full&state=s1");
  EXPECT_EQ(bad_scope.status, 302);
  EXPECT_NE(bad_scope.header("location").find("error=invalid_scope"), std::string::npos);
  EXPECT_NE(bad_scope.header("location").find("state=s1"), std::string::npos);
  auto bad_type = authorize("response_type=token&client_id=" + std::string(Defaults::kClientId) +
                            "&redirect_uri=" + url_encode(Defaults::kRedirectUri));
  EXPECT_NE(bad_type.header("location").find("error=unsupported_response_type"), std::string::npos);
}

TEST_F(OAuthTest, RefreshGrantOmitsRefreshTokenAndFailsAfterRevoke) {
  auto first = redeem(pkce_code());
  ASSERT_EQ(first.status, 200) << first.body;
  simdjson::dom::element doc = parser_.parse(first.body);
  const std::string refresh(doc["refresh_token"].get_string().value());
  auto refreshed = token({{"grant_type", "refresh_token"}, {"refresh_token", refresh},
                          {"client_id", Defaults::kClientId}, {"client_secret", Defaults::kClientSecret}});
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  EXPECT_EQ(refreshed.body.find("\"refresh_token\":"), std::string::npos);
  EXPECT_NE(refreshed.body.find("\"scope\":\"api refresh_token\""), std::string::npos);

  auto revoked = http("POST", emu_.url() + "/services/oauth2/revoke", "token=" + url_encode(refresh), {kForm});
  EXPECT_EQ(revoked.status, 200);
  EXPECT_EQ(revoked.body, "");
  expect_error(token({{"grant_type", "refresh_token"}, {"refresh_token", refresh},
                      {"client_id", Defaults::kClientId}, {"client_secret", Defaults::kClientSecret}}),
               400, "invalid_grant", "expired access/refresh token");
  expect_error(token({{"grant_type", "refresh_token"}, {"refresh_token", "unknown"},
                      {"client_id", Defaults::kClientId}, {"client_secret", Defaults::kClientSecret}}),
               400, "invalid_grant", "expired access/refresh token");
}

// The default app with refresh token rotation switched on.
class OAuthRotationTest : public OAuthTest {
 protected:
  static emu::EmulatorOptions rotating() {
    emu::EmulatorOptions o = oauth_options();
    o.salesforce_apps.back().rotate_refresh_tokens = true;
    return o;
  }
  OAuthRotationTest() : OAuthTest(rotating()) {}
  std::string refresh_with(const std::string& refresh, long expect_status) {
    auto r = token({{"grant_type", "refresh_token"}, {"refresh_token", refresh},
                    {"client_id", Defaults::kClientId}, {"client_secret", Defaults::kClientSecret}});
    EXPECT_EQ(r.status, expect_status) << r.body;
    if (r.status != 200) return "";
    simdjson::dom::element doc = parser_.parse(r.body);
    std::string_view next;
    EXPECT_FALSE(doc["refresh_token"].get(next)) << "rotation returns a new refresh token: " << r.body;
    return std::string(next);
  }
};

TEST_F(OAuthRotationTest, EachRefreshSpendsItsTokenAndReturnsTheNext) {
  auto first = redeem(pkce_code());
  ASSERT_EQ(first.status, 200) << first.body;
  simdjson::dom::element doc = parser_.parse(first.body);
  const std::string original(doc["refresh_token"].get_string().value());
  std::string second = refresh_with(original, 200);
  ASSERT_FALSE(second.empty());
  EXPECT_NE(second, original);
  refresh_with(original, 400);  // spent
  std::string third = refresh_with(second, 200);
  EXPECT_NE(third, second);
}

TEST_F(OAuthTest, RevokeByGetAndUnknownToken) {
  auto t = password_grant();
  simdjson::dom::element doc = parser_.parse(t.body);
  const std::string access(doc["access_token"].get_string().value());
  EXPECT_EQ(http("GET", emu_.url() + "/services/oauth2/revoke?token=" + url_encode(access)).status, 200);
  expect_error(http("POST", emu_.url() + "/services/oauth2/revoke", "token=nope", {kForm}), 400,
               "unsupported_token_type", "this token type is not supported");
}

TEST_F(OAuthTest, JwtBearerSucceedsWithTheAppCertificate) {
  auto r = jwt(jwt_test::claims(Defaults::kClientId, Defaults::kUsername, "https://login.salesforce.com",
                                in_two_minutes()));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find("\"refresh_token\":"), std::string::npos);
  auto test_aud = jwt(jwt_test::claims(Defaults::kClientId, Defaults::kUsername, "https://test.salesforce.com/",
                                       in_two_minutes()));
  EXPECT_EQ(test_aud.status, 200) << test_aud.body;
  auto own_aud = jwt(jwt_test::claims(Defaults::kClientId, Defaults::kUsername, emu_.url(), in_two_minutes()));
  EXPECT_EQ(own_aud.status, 200) << own_aud.body;
}

TEST_F(OAuthTest, JwtBearerErrors) {
  const std::string login = "https://login.salesforce.com";
  expect_error(jwt(jwt_test::claims(Defaults::kClientId, Defaults::kUsername, login, in_two_minutes()), "other.key"),
               400, "invalid_grant", "invalid assertion");
  expect_error(jwt(jwt_test::claims(Defaults::kClientId, Defaults::kUsername, login, sfsync::now_ms() / 1000 - 600)),
               400, "invalid_grant", "expired authorization code");
  expect_error(jwt(jwt_test::claims(Defaults::kClientId, Defaults::kUsername, "https://evil.example.com",
                                    in_two_minutes())),
               400, "invalid_grant", "audience is invalid");
  expect_error(jwt(jwt_test::claims("unknown-app", Defaults::kUsername, login, in_two_minutes())), 400,
               "invalid_client_id", "client identifier invalid");
  expect_error(jwt(jwt_test::claims(Defaults::kClientId, "nobody@example.com", login, in_two_minutes())), 400,
               "invalid_grant", "user hasn't approved this consumer");
  expect_error(token({{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", "garbage"}}), 400,
               "invalid_grant", "invalid assertion");
}

// Tokens from every grant open the data API; revoked and expired ones get 401 INVALID_SESSION_ID.
class OAuthSessionTest : public OAuthTest {
 protected:
  std::string access_token_of(const HttpResponse& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    simdjson::dom::element doc = parser_.parse(r.body);
    std::string_view token;
    return doc["access_token"].get_string().get(token) ? "" : std::string(token);
  }
  HttpResponse limits(const std::string& token) {
    return http("GET", emu_.url() + "/services/data/v63.0/limits", "", {"Authorization: Bearer " + token});
  }
  static void expect_invalid_session(const HttpResponse& r) {
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
  }
};

TEST_F(OAuthSessionTest, RevokingARefreshTokenEndsItsAccessTokens) {
  auto code_grant = redeem(pkce_code());
  const std::string first_access = access_token_of(code_grant);
  simdjson::dom::element doc = parser_.parse(code_grant.body);
  const std::string refresh(doc["refresh_token"].get_string().value());
  const std::string refreshed_access =
      access_token_of(token({{"grant_type", "refresh_token"}, {"refresh_token", refresh},
                             {"client_id", Defaults::kClientId}, {"client_secret", Defaults::kClientSecret}}));
  const std::string unrelated = access_token_of(password_grant());
  EXPECT_EQ(limits(first_access).status, 200);
  EXPECT_EQ(limits(refreshed_access).status, 200);

  EXPECT_EQ(http("POST", emu_.url() + "/services/oauth2/revoke", "token=" + url_encode(refresh), {kForm}).status, 200);
  expect_invalid_session(limits(first_access));
  expect_invalid_session(limits(refreshed_access));
  EXPECT_EQ(limits(unrelated).status, 200);
}

TEST_F(OAuthSessionTest, RevokedAccessTokenIsRejected) {
  const std::string access = access_token_of(password_grant());
  EXPECT_EQ(limits(access).status, 200);
  EXPECT_EQ(http("POST", emu_.url() + "/services/oauth2/revoke", "token=" + url_encode(access), {kForm}).status, 200);
  expect_invalid_session(limits(access));
}

TEST_F(OAuthSessionTest, IdentityUrlDescribesTheUser) {
  auto login = password_grant();
  const std::string access = access_token_of(login);
  simdjson::dom::element doc = parser_.parse(login.body);
  const std::string id(doc["id"].get_string().value());
  auto me = http("GET", id, "", {"Authorization: Bearer " + access});
  ASSERT_EQ(me.status, 200) << me.body;
  simdjson::dom::element identity = parser_.parse(me.body);
  EXPECT_EQ(std::string(identity["id"].get_string().value()), id);
  EXPECT_EQ(std::string(identity["username"].get_string().value()), Defaults::kUsername);
  EXPECT_EQ(id.substr(id.size() - 18), std::string(identity["user_id"].get_string().value()));
  auto bad = http("GET", id, "", {"Authorization: Bearer nope"});
  EXPECT_EQ(bad.status, 403);
  EXPECT_EQ(bad.body, "Bad_OAuth_Token");
}

TEST(OAuthExpiry, AccessTokensExpireAfterTheConfiguredLifetime) {
  emu::EmulatorOptions options;
  options.access_token_ttl_s = 0;  // expired as soon as issued: the TTL path without sleeping
  InProcessEmulator emu(options);
  auto r = http("POST", emu.url() + "/services/oauth2/token",
                form({{"grant_type", "password"}, {"client_id", Defaults::kClientId},
                      {"client_secret", Defaults::kClientSecret}, {"username", Defaults::kUsername},
                      {"password", Defaults::kPassword}}),
                {kForm});
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::parser parser;
  const std::string access(parser.parse(r.body)["access_token"].get_string().value());
  auto data = http("GET", emu.url() + "/services/data/v63.0/limits", "", {"Authorization: Bearer " + access});
  EXPECT_EQ(data.status, 401);
  EXPECT_NE(data.body.find("INVALID_SESSION_ID"), std::string::npos);
}

}  // namespace
