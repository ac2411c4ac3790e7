// Unit tests of the OAuth building blocks: Base64, PKCE, JWT RS256 verification, request
// parameter parsing, token rendering, YAML app config.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "emulator/auth/app_config.h"
#include "emulator/auth/crypto_util.h"
#include "emulator/auth/jwt.h"
#include "emulator/auth/pkce.h"
#include "emulator/auth/request_params.h"
#include "emulator/auth/token_response.h"
#include "jwt_signer.h"

namespace {

TEST(AuthCrypto, Base64RoundTripsAndUrlSafeHasNoPadding) {
  EXPECT_EQ(emu::base64_encode("ab"), "YWI=");
  EXPECT_EQ(emu::base64url_encode("ab"), "YWI");
  EXPECT_EQ(emu::base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(*emu::base64url_decode("-_8"), "\xfb\xff");
  EXPECT_EQ(*emu::base64_decode("YWI="), "ab");
  EXPECT_FALSE(emu::base64url_decode("a+b").has_value());
  EXPECT_FALSE(emu::base64_decode("Y").has_value());
}

TEST(AuthCrypto, RandomUuidHasVersion4Shape) {
  std::string id = emu::random_uuid();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
  EXPECT_NE(id, emu::random_uuid());
  EXPECT_EQ(emu::stable_uuid("x"), emu::stable_uuid("x"));
}

TEST(AuthPkce, S256MatchesRfc7636AppendixB) {
  const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  EXPECT_EQ(emu::pkce_s256_challenge(verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  EXPECT_TRUE(emu::pkce_matches("S256", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", verifier));
  EXPECT_TRUE(emu::pkce_matches("", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", verifier));
  EXPECT_FALSE(emu::pkce_matches("S256", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", verifier + "x"));
  EXPECT_FALSE(emu::pkce_matches("S256", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", ""));
  EXPECT_FALSE(emu::pkce_matches("S512", "whatever", "whatever"));
}

TEST(AuthJwt, VerifiesSignatureWithTheCertificateAndReadsClaims) {
  std::string assertion = jwt_test::make_assertion(
      R"({"iss":"app","sub":"u@example.com","aud":["https://login.salesforce.com"],"exp":1900000000})");
  auto claims = emu::verify_jwt_rs256(assertion, jwt_test::read_fixture("server.crt"));
  ASSERT_TRUE(claims.ok()) << claims.error().message;
  EXPECT_EQ(claims->iss, "app");
  EXPECT_EQ(claims->sub, "u@example.com");
  ASSERT_EQ(claims->aud.size(), 1u);
  EXPECT_EQ(claims->aud[0], "https://login.salesforce.com");
  EXPECT_EQ(claims->exp, 1900000000);
}

TEST(AuthJwt, RejectsOtherKeyTamperingOtherAlgAndGarbage) {
  const std::string cert = jwt_test::read_fixture("server.crt");
  std::string foreign = jwt_test::make_assertion(R"({"iss":"app"})", "other.key");
  EXPECT_EQ(emu::verify_jwt_rs256(foreign, cert).error().code, "bad_signature");

  std::string good = jwt_test::make_assertion(R"({"iss":"app","sub":"a"})");
  size_t dot = good.find('.');
  std::string tampered = good.substr(0, dot + 1) + emu::base64url_encode(R"({"iss":"app","sub":"b"})") +
                         good.substr(good.find('.', dot + 1));
  EXPECT_EQ(emu::verify_jwt_rs256(tampered, cert).error().code, "bad_signature");

  EXPECT_EQ(emu::verify_jwt_rs256(jwt_test::make_assertion("{}", "server.key", "HS256"), cert).error().code,
            "malformed");
  EXPECT_EQ(emu::verify_jwt_rs256("not-a-jwt", cert).error().code, "malformed");
  EXPECT_EQ(emu::verify_jwt_rs256(good, "not a pem").error().code, "bad_certificate");
}

TEST(AuthParams, FormBodyJsonBodyAndBasicAuth) {
  auto form = emu::parse_form_urlencoded("grant_type=password&username=a%40b.com&password=x+y%2B&empty=");
  EXPECT_EQ(form["username"], "a@b.com");
  EXPECT_EQ(form["password"], "x y+");
  EXPECT_EQ(form.count("empty"), 1u);

  auto json = emu::parse_json_object_params(R"({"grant_type":"client_credentials","account_id":514009001,"x":null})");
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(json->at("grant_type"), "client_credentials");
  EXPECT_EQ(json->at("account_id"), "514009001");
  EXPECT_EQ(json->count("x"), 0u);
  EXPECT_FALSE(emu::parse_json_object_params("[1]").ok());
  EXPECT_FALSE(emu::parse_json_object_params("grant_type=x").ok());

  auto basic = emu::parse_basic_auth("Basic " + emu::base64_encode("id:se:cret"));
  ASSERT_TRUE(basic.has_value());
  EXPECT_EQ(basic->first, "id");
  EXPECT_EQ(basic->second, "se:cret");
  EXPECT_FALSE(emu::parse_basic_auth("Bearer abc").has_value());

  EXPECT_TRUE(emu::scope_contains("api refresh_token", "refresh_token"));
  EXPECT_FALSE(emu::scope_contains("api refresh_token_x", "refresh_token"));
}

TEST(AuthTokenResponse, SalesforceKeyOrderIssuedAtStringAndNoExpiresIn) {
  emu::SalesforceTokenResponse r{"00Dx!AR", "", "api", "http://h", "http://h/id/00D/005", 1468448630767, "sec"};
  std::string body = emu::render_salesforce_token(r);
  EXPECT_EQ(body.find("\"access_token\""), 1u);
  EXPECT_LT(body.find("\"signature\""), body.find("\"scope\""));
  EXPECT_LT(body.find("\"instance_url\""), body.find("\"id\""));
  EXPECT_NE(body.find("\"issued_at\":\"1468448630767\""), std::string::npos);
  EXPECT_EQ(body.find("expires_in"), std::string::npos);
  EXPECT_EQ(body.find("refresh_token"), std::string::npos);
  r.refresh_token = "5Aep";
  body = emu::render_salesforce_token(r);
  EXPECT_LT(body.find("\"refresh_token\""), body.find("\"signature\""));
  EXPECT_NE(body.find(emu::salesforce_token_signature("sec", "http://h/id/00D/005", 1468448630767)),
            std::string::npos);
}

TEST(AuthAppConfig, LoadsAppsUsersPackagesAndCertificate) {
  const std::string path = testing::TempDir() + "auth_app_config_test.yaml";
  {
    std::ofstream out(path);
    out << "connected_apps:\n"
           "  - client_id: yaml-app\n"
           "    client_secret: yaml-secret\n"
           "    redirect_uris: [http://localhost/cb, http://localhost/cb2]\n"
           "    scopes: [api, refresh_token]\n"
           "    jwt_certificate_file: " << jwt_test::fixture_path("server.crt") << "\n"
           "users:\n"
           "  - {username: other@example.com, password: pw, user_id: 005000000000001}\n"
           "  - {username: third@example.com, password: pw}\n"
           "sfmc_packages:\n"
           "  - {client_id: mc, client_secret: mcs, scopes: data_extensions_read, account_id: '1'}\n";
  }
  emu::EmulatorOptions options;
  auto r = emu::load_apps_from_yaml(options, path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(options.salesforce_apps.size(), 1u);
  EXPECT_EQ(options.salesforce_apps[0].scopes, "api refresh_token");
  EXPECT_EQ(options.salesforce_apps[0].redirect_uris.size(), 2u);
  EXPECT_NE(options.salesforce_apps[0].jwt_certificate_pem.find("BEGIN CERTIFICATE"), std::string::npos);
  ASSERT_EQ(options.users.size(), 2u);
  EXPECT_EQ(options.users[0].username, "other@example.com");
  EXPECT_EQ(options.users[0].user_id.size(), 18u);  // normalized from 15 characters
  EXPECT_EQ(options.users[1].user_id.substr(0, 3), "005");  // generated
  EXPECT_NE(options.users[1].user_id, options.users[0].user_id);
  ASSERT_EQ(options.sfmc_apps.size(), 1u);
  EXPECT_EQ(options.sfmc_apps[0].account_id, "1");
  std::remove(path.c_str());

  EXPECT_EQ(emu::load_apps_from_yaml(options, "/nonexistent/x.yaml").error().code, "bad_config");
}

}  // namespace
