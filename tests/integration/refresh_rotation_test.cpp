// Refresh token rotation (a connected app setting Salesforce recommends): every renewal spends the
// refresh token it sends and answers with a new one. The engine keeps the newest in the store, so
// the next run (a new process) starts from it instead of the spent one; a refresh token pasted
// into the config later still wins over what the store kept from the old one.
#include <gtest/gtest.h>

#include <unistd.h>

#include "config/config_loader.h"
#include "emulator/auth/request_params.h"
#include "emulator/server/emulator.h"
#include "net/http_client.h"
#include "runner/connections.h"
#include "salesforce/oauth.h"
#include "sinks/store/secret_cipher.h"
#include "sinks/store/sqlite_store.h"
#include "support/test_http.h"

using namespace sfsync;
using testing_support::http;
using testing_support::InProcessEmulator;
namespace ts = testing_support;

namespace {

using emu::Defaults;

emu::EmulatorOptions rotating_org() {
  emu::EmulatorOptions o;
  emu::ClientApp app = testing_support::default_connected_app();
  app.rotate_refresh_tokens = true;
  o.salesforce_apps.push_back(app);
  o.counts = {{"Account", 2}, {"Contact", 5}};
  return o;
}

class RefreshRotation : public ::testing::Test {
 protected:
  RefreshRotation() : emulator_(rotating_org()) {}
  void SetUp() override {
    path_ = "/tmp/sfsync-rotation-" + std::to_string(::getpid()) + ".db";
    for (const char* s : {"", "-wal", "-shm"}) std::remove((path_ + s).c_str());
    SqliteStore::Options options;
    options.cipher = AesGcmCipher::from_hex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").value();
    auto store = SqliteStore::open(path_, options);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store.value());
  }
  void TearDown() override {
    store_.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::remove((path_ + s).c_str());
  }

  // A refresh token from the authorization code flow, as `sfsync connect` would get it.
  std::string authorize() {
    auto r = http("GET", emulator_.url() + "/services/oauth2/authorize?response_type=code&client_id=" +
                             Defaults::kClientId + "&redirect_uri=" + ts::url_encode(Defaults::kRedirectUri) +
                             "&scope=" + ts::url_encode("api refresh_token"));
    std::string location = r.header("location");
    size_t at = location.find("code=");
    EXPECT_NE(at, std::string::npos) << r.status << " " << location;
    size_t end = location.find('&', at);
    std::string code = emu::url_decode(location.substr(at + 5, end == std::string::npos ? end : end - at - 5));
    auto t = http("POST", emulator_.url() + "/services/oauth2/token",
                  "grant_type=authorization_code&code=" + ts::url_encode(code) + "&client_id=" + Defaults::kClientId +
                      "&client_secret=" + Defaults::kClientSecret + "&redirect_uri=" + ts::url_encode(Defaults::kRedirectUri),
                  {"Content-Type: application/x-www-form-urlencoded"});
    size_t key = t.body.find("\"refresh_token\":\"");
    EXPECT_NE(key, std::string::npos) << t.body;
    return t.body.substr(key + 17, t.body.find('"', key + 17) - key - 17);
  }

  // A client as one run makes it: the connection "crm" with `refresh_token` in the config.
  Result<void> run_with(const std::string& configured_token) {
    std::string yaml = "store: {path: " + path_ + "}\nconnections:\n  crm:\n    type: salesforce\n    login_url: " +
                       emulator_.url() + "\n    auth: {type: refresh_token, client_id: " + Defaults::kClientId +
                       ", client_secret: " + Defaults::kClientSecret + ", refresh_token: \"" + configured_token +
                       "\"}\nsyncs: []\n";
    auto config = parse_config(yaml, "rotation.yaml");
    if (!config) return config.error();
    auto client = make_salesforce_client(*config->find_connection("crm"), store_.get());
    if (!client) return client.error();
    auto limits = (*client)->get("limits");
    if (!limits) return limits.error();
    return {};
  }

  std::string stored() {
    auto s = store_->get_secret(refresh_token_secret_name("crm"));
    return s && s.value() ? *s.value() : std::string();
  }

  InProcessEmulator emulator_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace

TEST_F(RefreshRotation, EachRunStartsFromTheNewestRefreshToken) {
  std::string configured = authorize();
  ASSERT_TRUE(run_with(configured).ok());
  std::string first = stored();
  ASSERT_FALSE(first.empty()) << "the rotated token was not kept";
  EXPECT_NE(first, configured);
  // The next run: the configured token is spent, the stored one works (and is rotated again).
  auto second = run_with(configured);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_NE(stored(), first);
  EXPECT_TRUE(run_with(configured).ok());
}

TEST_F(RefreshRotation, ATokenPastedIntoTheConfigLaterWins) {
  ASSERT_TRUE(run_with(authorize()).ok());
  std::string kept = stored();
  // The user authorizes again and pastes the new token: the store's, rotated from the old one, is
  // no longer used (it still works here, so the test tells by which one gets spent).
  std::string pasted = authorize();
  ASSERT_TRUE(run_with(pasted).ok());
  EXPECT_NE(stored(), kept);
  auto spent = http("POST", emulator_.url() + "/services/oauth2/token",
                    "grant_type=refresh_token&refresh_token=" + ts::url_encode(pasted) + "&client_id=" +
                        Defaults::kClientId + "&client_secret=" + Defaults::kClientSecret,
                    {"Content-Type: application/x-www-form-urlencoded"});
  EXPECT_EQ(spent.status, 400) << "the pasted token was not the one used: " << spent.body;
}

// `sfsync disconnect` revokes through this: a token Salesforce no longer knows is "already gone",
// not an error; an unreachable endpoint is one.
TEST(RevokeToken, AnUnknownTokenIsAlreadyGoneAndADeadEndpointAnError) {
  InProcessEmulator emulator(rotating_org());
  HttpClient client;
  Result<bool> unknown = revoke_token(client, emulator.url() + "/services/oauth2/revoke", "never-issued");
  ASSERT_TRUE(unknown.ok()) << unknown.error().message;
  EXPECT_FALSE(*unknown);
  Result<bool> dead = revoke_token(client, "http://127.0.0.1:1/services/oauth2/revoke", "x");
  ASSERT_FALSE(dead.ok());
  EXPECT_EQ(dead.error().code, "network");
}
