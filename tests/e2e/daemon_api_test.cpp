// `sfsync daemon --api-port` through the real CLI: the HTTP API answers what runs, errors, stats
// and find answer, runs a sync on request, serves the web console, and with SFSYNC_API_TOKEN
// refuses requests without it.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <thread>

#include "e2e/e2e_env.h"
#include "e2e/small_org.h"
#include "support/test_http.h"

using namespace e2e;
using testing_support::http;

namespace {

class DaemonApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { SmallOrg::start(); }
  static void TearDownTestSuite() { SmallOrg::stop(); }

  // Starts the daemon (a sync scheduled once a year: only API requests run it) and reads the
  // API's address from its first lines.
  void start(const std::map<std::string, std::string>& extra_env = {},
             const std::string& options = "    options: {schedule: \"0 0 1 1 *\"}\n") {
    std::string cfg = dir_.write("sfsync.yaml", config_yaml(store(), password_connection(SmallOrg::url()),
                                                            std::string(kContactSync) + options));
    auto env = clean_env();
    for (const auto& [k, v] : extra_env) env[k] = v;
    daemon_ = std::make_unique<ChildProcess>(kSfsyncBin, with_config(cfg, {"daemon", "--api-port", "0"}),
                                             dir_.path(), env);
    ASSERT_TRUE(daemon_->wait_for_output("/api", std::chrono::seconds(20))) << daemon_->out() << daemon_->err();
    std::string out = daemon_->out();
    size_t at = out.find("http://127.0.0.1:");
    ASSERT_NE(at, std::string::npos) << out;
    base_ = out.substr(at, out.find("/api", at) - at) + "/api";
  }
  void TearDown() override {
    if (!daemon_) return;
    daemon_->send(SIGTERM);
    ExitStatus status = daemon_->wait();
    EXPECT_TRUE(status.exited() && status.code == 0) << daemon_->out() << daemon_->err();
  }
  std::string store() const { return dir_.file("store.db"); }

  ScratchDir dir_;
  std::unique_ptr<ChildProcess> daemon_;
  std::string base_;
};

const char* const kPostHeader = "X-Requested-With: test";

bool eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 1500 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return done();
}

}  // namespace

TEST_F(DaemonApi, AnswersWhatTheCliShowsAndRunsASyncOnRequest) {
  start();
  auto health = http("GET", base_ + "/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  EXPECT_NE(http("GET", base_ + "/schedule").body.find(R"("sync":"contacts")"), std::string::npos);
  EXPECT_EQ(http("GET", base_ + "/syncs").body,
            R"([{"name":"contacts","kind":"pull","schedule":"0 0 1 1 *","full_schedule":""}])");
  EXPECT_EQ(http("GET", base_ + "/runs").body, "[]");
  auto console = http("GET", base_.substr(0, base_.size() - 4) + "/");  // the web console
  EXPECT_EQ(console.status, 200);
  EXPECT_EQ(console.header("content-type").rfind("text/html", 0), 0u) << console.header("content-type");
  EXPECT_NE(console.body.find("fetch('/api'"), std::string::npos) << "its data comes from the API";

  EXPECT_EQ(http("POST", base_ + "/syncs/nope/run", "", {kPostHeader}).status, 404);
  EXPECT_EQ(http("POST", base_ + "/syncs/contacts/run").status, 403) << "a POST a web page could send";
  EXPECT_EQ(http("GET", base_ + "/stats", "", {"Host: attacker.example:80"}).status, 403) << "DNS rebinding";
  auto queued = http("POST", base_ + "/syncs/contacts/run", "", {kPostHeader});
  EXPECT_EQ(queued.status, 202) << queued.body;
  ASSERT_TRUE(eventually([&] { return http("GET", base_ + "/runs").body.find(R"("status":"ok")") != std::string::npos; }))
      << daemon_->out() << daemon_->err();
  auto runs = http("GET", base_ + "/runs?sync=contacts&limit=5");
  EXPECT_EQ(runs.body.front(), '[');
  EXPECT_NE(runs.body.find(R"("sync":"contacts")"), std::string::npos) << runs.body;
  EXPECT_NE(runs.body.find(R"("detail":{"api_calls":)"), std::string::npos) << runs.body;
  EXPECT_NE(runs.body.find(R"("notes":[)"), std::string::npos) << runs.body;
  EXPECT_EQ(http("GET", base_ + "/runs/1").status, 200);
  EXPECT_EQ(http("GET", base_ + "/runs/99").status, 404);
  std::string errors = http("GET", base_ + "/runs/1/errors?limit=2").body;  // the small org's bad emails
  EXPECT_EQ(errors.front(), '[');
  EXPECT_NE(errors.find(R"("code":"invalid_email")"), std::string::npos) << errors;
  EXPECT_EQ(errors.find(R"("record":)", errors.find(R"("record":)", errors.find(R"("record":)") + 1) + 1),
            std::string::npos) << "two at most: " << errors;
  EXPECT_NE(http("GET", base_ + "/stats").body.find(R"("profiles":)"), std::string::npos);
  std::string metrics = http("GET", base_.substr(0, base_.size() - 4) + "/metrics").body;
  EXPECT_NE(metrics.find("# TYPE sfsync_store_profiles gauge\nsfsync_store_profiles "), std::string::npos) << metrics;
  EXPECT_NE(metrics.find(R"(sfsync_last_run_status{sync="contacts",status="ok"} 1)"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find(R"(sfsync_last_run_records{sync="contacts",count="read"} )"), std::string::npos) << metrics;

  std::string record = query_text(store(), "SELECT record_id FROM record_links ORDER BY record_id LIMIT 1");
  auto profile = http("GET", base_ + "/profile?record=contacts:" + record);
  EXPECT_EQ(profile.status, 200) << profile.body;
  EXPECT_NE(profile.body.find("SF_Contact_" + record), std::string::npos) << profile.body;
  EXPECT_EQ(http("GET", base_ + "/profile?email=nobody%40example.org").status, 404);
  EXPECT_EQ(http("GET", base_ + "/profile").status, 400);
  EXPECT_NE(daemon_->out().find("running contacts"), std::string::npos);
}

TEST_F(DaemonApi, WithATokenEveryRequestMustBringIt) {
  start({{"SFSYNC_API_TOKEN", "s3cret-api-token"}});
  auto refused = http("GET", base_ + "/runs");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.body.find("s3cret"), std::string::npos);
  EXPECT_EQ(http("POST", base_ + "/syncs/contacts/run", "", {"Authorization: Bearer wrong", kPostHeader}).status, 401);
  EXPECT_EQ(http("GET", base_ + "/runs", "", {"Authorization: Bearer s3cret-api-token"}).status, 200);
  auto console = http("GET", base_.substr(0, base_.size() - 4) + "/");
  EXPECT_EQ(console.status, 200) << "the console page holds no data: it asks for the token itself";
  EXPECT_EQ(console.body.find("s3cret"), std::string::npos);
  EXPECT_EQ(daemon_->out().find("s3cret"), std::string::npos) << "the token is never printed";
}

// A daemon with the API needs no schedule: it runs what it is asked to.
TEST_F(DaemonApi, WithoutSchedulesItRunsOnRequest) {
  start({}, "");
  EXPECT_EQ(http("GET", base_ + "/schedule").body, "[]");
  EXPECT_EQ(http("POST", base_ + "/syncs/contacts/run?full=true", "", {kPostHeader}).status, 202);
  ASSERT_TRUE(eventually([&] { return http("GET", base_ + "/runs").body.find(R"("status":"ok")") != std::string::npos; }))
      << daemon_->out() << daemon_->err();
  EXPECT_NE(daemon_->out().find("running contacts --full"), std::string::npos) << daemon_->out();
}
