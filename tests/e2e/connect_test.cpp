// `sfsync connect NAME`: authorization code + PKCE against the emulator's auto-approving authorize
// endpoint, the callback on sfsync's local listener, the refresh token stored encrypted — and then
// syncs that log in with that stored token alone.
#include <gtest/gtest.h>

#include "e2e/e2e_env.h"
#include "support/test_http.h"

using namespace e2e;
using testing_support::EmulatorProcess;
using testing_support::http;

namespace {

const char* const kAppId = "e2e-connect-app";
const char* const kAppSecret = "e2e-connect-secret-93be";

std::string connection(const std::string& url, const std::string& auth_type, int port) {
  return std::string("connections:\n  crm:\n    type: salesforce\n    login_url: ") + url +
         "\n    auth: {type: " + auth_type + ", client_id: " + kAppId + ", client_secret: " + kAppSecret +
         ", redirect_port: " + std::to_string(port) + "}\n";
}

const char* const kSmallContactSync =
    "  - name: contacts\n"
    "    connection: crm\n"
    "    source: {object: Contact}\n"
    "    fields: [LastName]\n"
    "    identifiers:\n"
    "      - {type: sf_contact_id, template: \"SF_Contact_{{Id}}\"}\n";

// The emulator's --config: a connected app whose redirect URI is sfsync's callback on `port`.
std::string connected_app_file(const ScratchDir& dir, int port) {
  return dir.write("apps.yaml", std::string("connected_apps:\n  - client_id: ") + kAppId +
                                    "\n    client_secret: " + kAppSecret +
                                    "\n    redirect_uris: [http://localhost:" + std::to_string(port) +
                                    "/OauthRedirect]\n    scopes: api refresh_token offline_access\n");
}

// An emulated org with that connected app, and an sfsync config whose `crm` connection uses
// authorization_code with it.
struct AuthorizationCodeOrg {
  explicit AuthorizationCodeOrg(int contacts)
      : port(free_port()),
        emulator(kEmulatorBin, {"--port", "0", "--seed", "2", "--contacts", std::to_string(contacts), "--config",
                                connected_app_file(dir, port)}),
        store(dir.file("store.db")),
        config(dir.write("sfsync.yaml", config_yaml(store, connection(emulator.url(), "authorization_code", port),
                                                    kSmallContactSync))) {}
  ScratchDir dir;
  int port;
  EmulatorProcess emulator;
  std::string store, config;
};

// The line of `text` that starts with `prefix`.
std::string line_starting(const std::string& text, const std::string& prefix) {
  auto at = text.find(prefix);
  if (at == std::string::npos) return "";
  auto end = text.find('\n', at);
  return text.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

}  // namespace

TEST(Connect, AuthorizationCodeWithPkceStoresAnEncryptedRefreshTokenThatSyncsUse) {
  AuthorizationCodeOrg org(300);
  ASSERT_GT(org.port, 0);

  // Before `connect` there is no token: bad input, and the message says what to do.
  CliResult early = run_sfsync(org.dir, org.config, {"sync"});
  EXPECT_EQ(early.code(), 2) << early.err;
  EXPECT_NE(early.err.find("sfsync connect crm"), std::string::npos) << early.err;

  ChildProcess connect(kSfsyncBin, with_config(org.config, {"connect", "crm"}), org.dir.path(), clean_env());
  ASSERT_TRUE(connect.wait_for_output("/services/oauth2/authorize", std::chrono::seconds(20)))
      << connect.out() << connect.err();
  std::string authorize = line_starting(connect.out(), org.emulator.url());
  ASSERT_FALSE(authorize.empty()) << connect.out();
  EXPECT_NE(authorize.find("code_challenge_method=S256"), std::string::npos) << authorize;
  EXPECT_NE(authorize.find("code_challenge="), std::string::npos) << authorize;
  EXPECT_NE(authorize.find("state="), std::string::npos) << authorize;

  // The browser: the emulator approves and redirects to sfsync's listener.
  auto approved = http("GET", authorize);
  ASSERT_EQ(approved.status, 302) << approved.body;
  std::string callback = approved.header("location");
  ASSERT_EQ(callback.rfind("http://localhost:" + std::to_string(org.port) + "/OauthRedirect?", 0), 0u) << callback;
  auto landed = http("GET", callback);
  EXPECT_EQ(landed.status, 200) << landed.body;

  ExitStatus status = connect.wait();
  EXPECT_EQ(status.code, 0) << connect.err();
  EXPECT_NE(connect.out().find("connected crm"), std::string::npos) << connect.out();

  // Stored encrypted: a secrets row whose bytes are not a readable token.
  // Read as hex: the blob is binary (random nonce, ciphertext) and may hold NUL bytes.
  std::string hex = query_text(org.store, "SELECT hex(blob) FROM secrets WHERE name = 'connection/crm/refresh_token'");
  std::string blob;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) blob.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  ASSERT_GE(blob.size(), 16u);
  bool readable = true;
  for (unsigned char c : blob) readable = readable && c >= 0x20 && c < 0x7f;
  EXPECT_FALSE(readable) << "the refresh token looks stored in clear: " << blob;

  // The authorization_code connection logs in with the stored token.
  CliResult sync = run_sfsync(org.dir, org.config, {"sync"});
  ASSERT_EQ(sync.code(), 0) << sync.err << sync.out;
  EXPECT_EQ(count_rows(org.store, "SELECT count(*) FROM profiles"), 300);

  // Every later process logs in again through the refresh_token grant with the stored token, also
  // after the emulator expired every access token.
  ASSERT_EQ(http("POST", org.emulator.url() + "/__admin/tokens/expire").status, 200);
  CliResult again = run_sfsync(org.dir, org.config, {"sync", "--full"});
  ASSERT_EQ(again.code(), 0) << again.err << again.out;
  EXPECT_EQ(count_rows(org.store, "SELECT count(*) FROM profiles"), 300);
  EXPECT_EQ(count_rows(org.store, "SELECT count(*) FROM executions WHERE status = 'ok'"), 2);

  // `disconnect` revokes the token at Salesforce and forgets it: a copy of the store is useless.
  CliResult disconnect = run_sfsync(org.dir, org.config, {"disconnect", "crm"});
  ASSERT_EQ(disconnect.code(), 0) << disconnect.err;
  EXPECT_NE(disconnect.out.find("revoked at Salesforce"), std::string::npos) << disconnect.out;
  EXPECT_EQ(query_text(org.store, "SELECT count(*) FROM secrets"), "0");
  CliResult after = run_sfsync(org.dir, org.config, {"sync"});
  EXPECT_EQ(after.code(), 2) << after.err;
  EXPECT_NE(after.err.find("sfsync connect crm"), std::string::npos) << after.err;
  ASSERT_TRUE(exec_sql(org.store, "INSERT INTO secrets(name, blob, updated_ms) VALUES "
                               "('connection/crm/refresh_token', X'" + hex + "', 0)"));
  CliResult copied = run_sfsync(org.dir, org.config, {"sync"});
  EXPECT_EQ(copied.code(), 1) << "the old token still logs in: it was not revoked\n" << copied.out << copied.err;
  CliResult twice = run_sfsync(org.dir, org.config, {"disconnect", "crm"});
  EXPECT_EQ(twice.code(), 0) << twice.err;
  EXPECT_NE(twice.out.find("disconnected crm"), std::string::npos) << twice.out;
  CliResult none = run_sfsync(org.dir, org.config, {"disconnect", "crm"});
  EXPECT_EQ(none.code(), 0) << none.err;
  EXPECT_NE(none.out.find("nothing to disconnect"), std::string::npos) << none.out;
}

TEST(Connect, ACallbackWithAnotherStateIsRefused) {
  ScratchDir dir;
  int port = free_port();
  ASSERT_GT(port, 0);
  EmulatorProcess emulator(kEmulatorBin, {"--port", "0", "--seed", "2", "--contacts", "10"});
  std::string store = dir.file("store.db");
  std::string config = dir.write(
      "sfsync.yaml", config_yaml(store, connection(emulator.url(), "authorization_code", port), kSmallContactSync));
  ChildProcess connect(kSfsyncBin, with_config(config, {"connect", "crm"}), dir.path(), clean_env());
  ASSERT_TRUE(connect.wait_for_output("/services/oauth2/authorize", std::chrono::seconds(20))) << connect.err();
  auto forged = http("GET", "http://127.0.0.1:" + std::to_string(port) + "/OauthRedirect?code=stolen&state=forged");
  EXPECT_EQ(forged.body.find("connected"), std::string::npos) << "the browser is told it worked: " << forged.body;
  ExitStatus status = connect.wait();
  EXPECT_EQ(status.code, 1) << connect.err();
  EXPECT_NE(connect.err().find("state"), std::string::npos) << connect.err();
  EXPECT_EQ(query_text(store, "SELECT count(*) FROM secrets"), "0");
}

TEST(Connect, MarketingCloudAuthorizationCodeStoresARefreshTokenThatDataExtensionSyncsUse) {
  ScratchDir dir;
  int port = free_port();
  ASSERT_GT(port, 0);
  std::string packages = dir.write(
      "packages.yaml", "sfmc_packages:\n  - client_id: e2e-mc-app\n    client_secret: e2e-mc-secret-5d1\n"
                       "    scopes: data_extensions_read offline\n    account_id: \"514009001\"\n"
                       "    redirect_uris: [http://localhost:" + std::to_string(port) + "/OauthRedirect]\n");
  EmulatorProcess emulator(kEmulatorBin, {"--port", "0", "--seed", "2", "--count", "Subscribers_DE=300",
                                          "--config", packages});
  std::string store = dir.file("store.db");
  std::string connections = "connections:\n  mc:\n    type: sfmc\n    subdomain: mc563885gzs27c5t9-63k636ttgm\n"
                            "    client_id: e2e-mc-app\n    client_secret: e2e-mc-secret-5d1\n"
                            "    account_id: \"514009001\"\n    grant: authorization_code\n    redirect_port: " +
                            std::to_string(port) + "\n    auth_base_url: " + emulator.url() +
                            "\n    rest_base_url: " + emulator.url() + "\n";
  std::string syncs =
      "  - name: subscribers\n"
      "    connection: mc\n"
      "    source: {data_extension_key: Subscribers_DE}\n"
      "    identifiers:\n"
      "      - {type: subscriber_key, field: SubscriberKey}\n";
  std::string config = dir.write("sfsync.yaml", config_yaml(store, connections, syncs));

  ChildProcess connect(kSfsyncBin, with_config(config, {"connect", "mc"}), dir.path(), clean_env());
  ASSERT_TRUE(connect.wait_for_output("/v2/authorize", std::chrono::seconds(20))) << connect.out() << connect.err();
  std::string authorize = line_starting(connect.out(), emulator.url());
  ASSERT_FALSE(authorize.empty()) << connect.out();
  auto approved = http("GET", authorize);
  ASSERT_EQ(approved.status, 302) << approved.body;
  auto landed = http("GET", approved.header("location"));
  EXPECT_EQ(landed.status, 200) << landed.body;
  ExitStatus status = connect.wait();
  ASSERT_EQ(status.code, 0) << connect.err();
  EXPECT_EQ(connect.out().find("e2e-mc-secret"), std::string::npos);
  EXPECT_EQ(query_text(store, "SELECT count(*) FROM secrets WHERE name = 'connection/mc/refresh_token'"), "1");

  CliResult sync = run_sfsync(dir, config, {"sync", "subscribers"});
  ASSERT_EQ(sync.code(), 0) << sync.err << sync.out;
  EXPECT_EQ(count_rows(store, "SELECT count(*) FROM profiles"), 300);
}

// --paste, for a server with no browser: nothing listens; the user opens the URL elsewhere and
// pastes back the redirect address. A pasted address with another state, or not an address at
// all, stores nothing.
TEST(Connect, PastedRedirectAddressStoresTheRefreshToken) {
  AuthorizationCodeOrg org(20);
  ASSERT_GT(org.port, 0);
  auto start = [&] {
    auto child = std::make_unique<ChildProcess>(kSfsyncBin, with_config(org.config, {"connect", "crm", "--paste"}),
                                                org.dir.path(), clean_env(), true);
    EXPECT_TRUE(child->wait_for_output("paste it here", std::chrono::seconds(20))) << child->out() << child->err();
    return child;
  };

  auto not_a_url = start();
  not_a_url->write_stdin("hello\n");
  EXPECT_EQ(not_a_url->wait().code, 2) << not_a_url->err();
  EXPECT_NE(not_a_url->err().find("not the address the browser was sent to"), std::string::npos) << not_a_url->err();

  auto forged = start();
  forged->write_stdin("http://localhost:" + std::to_string(org.port) + "/OauthRedirect?code=stolen&state=forged\n");
  EXPECT_EQ(forged->wait().code, 1) << forged->err();
  EXPECT_NE(forged->err().find("another state"), std::string::npos) << forged->err();
  EXPECT_EQ(query_text(org.store, "SELECT count(*) FROM secrets"), "0");

  auto connect = start();
  std::string authorize = line_starting(connect->out(), org.emulator.url());
  ASSERT_FALSE(authorize.empty()) << connect->out();
  EXPECT_EQ(http("GET", "http://127.0.0.1:" + std::to_string(org.port) + "/OauthRedirect").status, 0)
      << "--paste listens on the redirect port";
  auto approved = http("GET", authorize);
  ASSERT_EQ(approved.status, 302) << approved.body;
  connect->write_stdin("  " + approved.header("location") + "\r\n");
  ExitStatus status = connect->wait();
  EXPECT_EQ(status.code, 0) << connect->err();
  EXPECT_NE(connect->out().find("connected crm"), std::string::npos) << connect->out();
  CliResult sync = run_sfsync(org.dir, org.config, {"sync"});
  ASSERT_EQ(sync.code(), 0) << sync.err << sync.out;
  EXPECT_EQ(count_rows(org.store, "SELECT count(*) FROM profiles"), 20);
}
