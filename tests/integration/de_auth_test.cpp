// Data Extension pulls: the refresh-token grant (single-use tokens kept in the store) and a run
// stopped mid-way that the next run resumes without a gap or a duplicate.
#include <atomic>

#include "de_support.h"
#include "runner/connections.h"

using namespace de_test;

namespace {

// The authorization-code flow as `sfsync connect` would finish it: a refresh token.
std::string refresh_token_from_code_flow(const std::string& url) {
  const std::string redirect = "http://127.0.0.1:1717/OauthRedirect";
  auto authorize = testing_support::http(
      "GET", url + "/v2/authorize?response_type=code&client_id=sfmc-emulator-client&redirect_uri=" +
                 testing_support::url_encode(redirect) + "&scope=" +
                 testing_support::url_encode("data_extensions_read offline"));
  std::string location = authorize.header("location");
  auto at = location.find("code=");
  if (at == std::string::npos) return "";
  std::string code = location.substr(at + 5, location.find('&', at) == std::string::npos
                                                  ? std::string::npos
                                                  : location.find('&', at) - at - 5);
  auto token = testing_support::http(
      "POST", url + "/v2/token",
      R"({"grant_type":"authorization_code","client_id":"sfmc-emulator-client","client_secret":"sfmc-emulator-secret","code":")" +
          testing_support::url_encode(code) + R"(","redirect_uri":")" + redirect + R"("})",
      {"Content-Type: application/json"});
  auto rt = token.body.find("\"refresh_token\":\"");
  if (rt == std::string::npos) return "";
  rt += 17;
  return token.body.substr(rt, token.body.find('"', rt) - rt);
}

}  // namespace

TEST_F(DeRunTest, RefreshTokenGrantKeepsTheRotatedTokenInTheStore) {
  std::string refresh = refresh_token_from_code_flow(emulator_->url());
  ASSERT_FALSE(refresh.empty());
  std::string yaml = de_config_yaml(emulator_->url(), subscriber_sync("{data_extension_key: Subscribers_DE}"));
  yaml.replace(yaml.find("    client_secret"), 0, "    grant: authorization_code\n    refresh_token: " + refresh + "\n");
  auto c = parse_config(yaml, "test.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  for (int run = 0; run < 2; ++run) {  // the second run must use the rotated token: the first is spent
    auto client = make_marketing_cloud_client(*c->find_connection("mc"), store_.get());
    ASSERT_TRUE(client.ok()) << client.error().message;
    auto outcome = run_data_extension_pull(*c->find_sync("subscribers"), **client, *store_, PullRequest{});
    ASSERT_TRUE(outcome.ok()) << "run " << run << ": " << outcome.error().message;
    EXPECT_EQ(outcome->status, ExecutionStatus::Ok);
    auto stored = store_->get_secret(refresh_token_secret_name("mc"));
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_NE(**stored, refresh);
    refresh = **stored;
  }
  EXPECT_EQ(profiles(), 600);
}

TEST_F(DeRunTest, RunStoppedMidwayIsResumedWithoutGapOrDuplicate) {
  auto c = config(subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 50}"));
  ASSERT_TRUE(c.ok()) << c.error().message;
  auto client = make_marketing_cloud_client(*c->find_connection("mc"), store_.get());
  ASSERT_TRUE(client.ok());
  std::atomic<bool> cancel{false};
  PullRequest request;
  request.cancel = &cancel;
  request.on_progress = [&](const PipelineProgress& p) { if (p.pages >= 3) cancel = true; };
  auto stopped = run_data_extension_pull(*c->find_sync("subscribers"), **client, *store_, request);
  ASSERT_TRUE(stopped.ok()) << stopped.error().message;
  EXPECT_EQ(stopped->status, ExecutionStatus::Failed);
  EXPECT_EQ(stopped->error_code, "cancelled");
  EXPECT_GT(stopped->counts.read, 0);
  EXPECT_LT(stopped->counts.read, 600);
  EXPECT_EQ(profiles(), stopped->counts.read);  // what was read is durable, checkpoint included

  auto resumed = run(subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 50}"));
  ASSERT_TRUE(resumed.ok()) << resumed.error().message;
  EXPECT_EQ(resumed->counts.read, 600 - stopped->counts.read);
  EXPECT_EQ(resumed->applied.profiles_unchanged, 0);
  EXPECT_EQ(profiles(), 600);
}
