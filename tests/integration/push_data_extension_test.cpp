// Reverse ETL into a Marketing Cloud Data Extension over real HTTP: a CSV model upserted into the
// emulator's Customer_Scores_DE through the async rows API (PUT, status polls, results), with
// change detection, refused rows told apart, faults and plan errors.
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

#include "de_support.h"
#include "runner/push_run.h"
#include "sinks/data_extension/de_push_plan.h"

using namespace de_test;

namespace {

const char* kScopes = "    scopes: data_extensions_read data_extensions_write offline\n";

std::string scores_sync(const std::string& mapping_extra = "", const std::string& destination_extra = "") {
  return "  - name: scores\n"
         "    kind: push\n"
         "    connection: mc\n"
         "    model: {connection: files, file: scores.csv}\n"
         "    destination:\n"
         "      data_extension: Customer_Scores_DE\n" + destination_extra +
         "      mapping:\n"
         "        - {column: key, field: SubscriberKey}\n"
         "        - {column: email, field: emailaddress}\n"
         "        - {column: score, field: Score}\n" + mapping_extra +
         "    options: {batch_size: 40}\n";
}

const std::string kTierMapping = "        - {column: tier, field: Tier}\n";

class DePushTest : public DeRunTest {
 protected:
  void SetUp() override {
    DeRunTest::SetUp();
    dir_ = store_path_ + "-models";
    std::filesystem::create_directories(dir_);
    connection_extra_ = std::string(kScopes) + "  files:\n    type: csv\n    path: " + dir_ + "\n";
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    DeRunTest::TearDown();
  }

  // scores.csv with `n` rows; `tier(i)` decides row i's tier.
  void write_model(int n, const std::function<std::string(int)>& tier = [](int) { return "gold"; },
                   int score_bump = 0) {
    std::ofstream out(dir_ + "/scores.csv");
    out << "key,email,score,tier\n";
    for (int i = 1; i <= n; ++i)
      out << "S-" << i << ",p" << i << "@example.com," << (i * 3 + (i <= 3 ? score_bump : 0)) << "," << tier(i) << "\n";
  }

  Result<PushOutcome> push(const std::string& syncs, bool full = false) {
    auto c = config(syncs);
    if (!c) return c.error();
    auto client = make_marketing_cloud_client(*c->find_connection("mc"), store_.get());
    if (!client) return client.error();
    PushRequest request;
    request.full = full;
    request.store_path = store_path_;
    request.wait.first_poll_ms = 1;
    request.wait.max_poll_ms = 5;
    return run_data_extension_push(*c, *c->find_sync("scores"), **client, *store_, request);
  }

  // Customer_Scores_DE's rows as the rowset API gives them (names lower-cased).
  Result<RowsetPage> de_rows(const RowsetQuery& query) {
    auto c = config(scores_sync(kTierMapping));
    if (!c) return c.error();
    auto client = make_marketing_cloud_client(*c->find_connection("mc"), store_.get());
    if (!client) return client.error();
    return fetch_rowset(**client, "Customer_Scores_DE", query);
  }
  int64_t de_count() {
    auto page = de_rows({"", "", 2500, 1});
    EXPECT_TRUE(page.ok());
    return page ? page->count : -1;
  }
  std::string de_value(const std::string& key, const std::string& field) {
    auto page = de_rows({"SubscriberKey eq '" + key + "'", "", 10, 1});
    if (!page || page->rows.empty()) return "<none>";
    for (const auto& [name, value] : page->rows[0].values)
      if (name == field) return value;
    return "<no field>";
  }

  std::string dir_;
};

TEST_F(DePushTest, FirstRunUpsertsEveryRowThenOnlyChangedRowsAreSent) {
  write_model(100);
  auto first = push(scores_sync(kTierMapping));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->status, ExecutionStatus::Ok) << first->reason;
  EXPECT_EQ(first->counts.read, 100);
  EXPECT_EQ(first->counts.written, 100);
  EXPECT_EQ(first->created, 100);
  EXPECT_EQ(de_count(), 100);
  EXPECT_EQ(de_value("S-7", "score"), "21");
  EXPECT_EQ(de_value("S-7", "emailaddress"), "p7@example.com");
  EXPECT_EQ(de_value("S-7", "tier"), "gold");

  auto unchanged = push(scores_sync(kTierMapping));
  ASSERT_TRUE(unchanged.ok()) << unchanged.error().message;
  EXPECT_EQ(unchanged->unchanged, 100);
  EXPECT_EQ(unchanged->counts.written, 0);
  EXPECT_EQ(unchanged->api.calls, 2);  // the DE's metadata only: no row request

  write_model(100, [](int) { return "gold"; }, 1000);  // S-1..S-3 change
  auto changed = push(scores_sync(kTierMapping));
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->counts.written, 3);
  EXPECT_EQ(changed->updated, 3);
  EXPECT_EQ(de_value("S-2", "score"), "1006");
  EXPECT_EQ(de_count(), 100);
}

// The API counts refused rows without naming them: the run splits the request until each bad row
// is alone, so the good rows are recorded as sent and only the bad ones fail (and are retried).
TEST_F(DePushTest, RefusedRowsAreToldApartAndOnlyTheyFail) {
  write_model(80, [](int i) { return i == 13 ? std::string(30, 'x') : i == 57 ? std::string() : std::string("gold"); });
  auto first = push(scores_sync(kTierMapping));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->status, ExecutionStatus::Partial) << first->reason;
  EXPECT_EQ(first->counts.written, 78);
  EXPECT_EQ(first->counts.failed, 2);
  EXPECT_EQ(de_count(), 78);
  auto errors = store_->execution_errors(first->execution_id, 10);
  ASSERT_TRUE(errors.ok());
  ASSERT_EQ(errors->size(), 2u);
  std::string all;
  for (const auto& e : *errors) all += e.record_id + ": " + e.message + "\n";
  EXPECT_NE(all.find("S-13: "), std::string::npos) << all;
  EXPECT_NE(all.find("truncated"), std::string::npos) << all;
  EXPECT_NE(all.find("S-57: "), std::string::npos) << all;
  EXPECT_NE(all.find("Tier is required"), std::string::npos) << all;

  write_model(80);  // fixed: only the two failed rows are sent again
  auto second = push(scores_sync(kTierMapping));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->status, ExecutionStatus::Ok) << second->reason;
  EXPECT_EQ(second->counts.written, 2);
  EXPECT_EQ(second->unchanged, 78);
  EXPECT_EQ(de_count(), 80);
}

// A 503 burst and a dropped connection on the row requests: an upsert is resent, nothing is lost
// or recorded twice.
TEST_F(DePushTest, ServerErrorsAndDroppedConnectionsAreRetried) {
  write_model(60);
  ASSERT_EQ(admin("POST", "/__admin/faults",
                  R"({"fail_next":2,"fail_next_status":503,"drop_next":1,"next_path_filter":"/async/"})").status,
            200);
  auto outcome = push(scores_sync(kTierMapping));
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->status, ExecutionStatus::Ok) << outcome->reason;
  EXPECT_EQ(outcome->counts.written, 60);
  EXPECT_GE(outcome->api.retries, 3);
  EXPECT_EQ(de_count(), 60);
}

TEST_F(DePushTest, PlanErrorsNameTheFieldAndTheFix) {
  write_model(5);
  auto no_tier = push(scores_sync());
  ASSERT_FALSE(no_tier.ok());
  EXPECT_EQ(no_tier.error().code, "bad_config");
  EXPECT_NE(no_tier.error().message.find("requires \"Tier\""), std::string::npos) << no_tier.error().message;

  auto typo = push(scores_sync(kTierMapping + "        - {column: score, field: Scor}\n"));
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.error().message.find("no field \"Scor\" (closest: \"Score\""), std::string::npos)
      << typo.error().message;

  std::string unknown = scores_sync(kTierMapping);
  unknown.replace(unknown.find("Customer_Scores_DE"), 18, "Customer Scores");
  auto by_name = push(unknown);
  ASSERT_FALSE(by_name.ok());
  EXPECT_NE(by_name.error().message.find("needs its key \"Customer_Scores_DE\""), std::string::npos)
      << by_name.error().message;
  EXPECT_EQ(de_count(), 0);
  auto executions = store_->list_executions("scores", 5);
  ASSERT_TRUE(executions.ok());
  EXPECT_TRUE(executions->empty());  // every problem found before a row was sent
}

TEST_F(DePushTest, ConfigChecksTheModeAndTheWriteScope) {
  auto mirror = config(scores_sync(kTierMapping, "      mode: mirror\n"));
  ASSERT_FALSE(mirror.ok());
  EXPECT_NE(mirror.error().message.find("upserts rows by the DE's primary key"), std::string::npos)
      << mirror.error().message;
  connection_extra_.replace(0, std::string(kScopes).size(), "    scopes: data_extensions_read offline\n");
  auto read_only = config(scores_sync(kTierMapping));
  ASSERT_FALSE(read_only.ok());
  EXPECT_NE(read_only.error().message.find("data_extensions_write"), std::string::npos) << read_only.error().message;
}

// `sfsync check` and `sfsync push` as a user runs them: the real binary, exit codes, one-line errors.
TEST_F(DePushTest, CliChecksDryRunsAndPushes) {
  write_model(5);
  store_.reset();  // the CLI opens the store itself
  auto cli = [this](const std::string& syncs, const std::string& args) {
    std::string yaml = de_config_yaml(emulator_->url(), syncs, "sfmc-emulator-client", connection_extra_);
    yaml.replace(yaml.find("unused.db"), 9, store_path_);
    std::ofstream(dir_ + "/sfsync.yaml") << yaml;
    std::string out;
    FILE* pipe = ::popen((std::string(SFSYNC_CLI_BIN) + " -c " + dir_ + "/sfsync.yaml " + args + " 2>&1").c_str(), "r");
    char buffer[4096];
    for (size_t n; pipe && (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    int status = pipe ? ::pclose(pipe) : -1;
    return std::pair{WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  };
  auto [check_code, check] = cli(scores_sync(kTierMapping), "check");
  EXPECT_EQ(check_code, 0) << check;
  EXPECT_NE(check.find("ok    sync scores (push into a Data Extension)"), std::string::npos) << check;
  auto [dry_code, dry] = cli(scores_sync(kTierMapping), "push scores --dry-run");
  EXPECT_EQ(dry_code, 0) << dry;
  EXPECT_NE(dry.find("would insert 5"), std::string::npos) << dry;
  EXPECT_EQ(de_count(), 0);
  auto [push_code, push] = cli(scores_sync(kTierMapping), "push scores");
  EXPECT_EQ(push_code, 0) << push;
  EXPECT_NE(push.find("sent 5 (created 5, updated 0)"), std::string::npos) << push;
  EXPECT_EQ(de_count(), 5);
  auto [bad_code, bad] = cli(scores_sync(), "push scores");
  EXPECT_EQ(bad_code, 2) << bad;
  EXPECT_EQ(std::count(bad.begin(), bad.end(), '\n'), 1) << bad;
  EXPECT_NE(bad.find("requires \"Tier\""), std::string::npos) << bad;
}

// The key must come from a model column: a Data Extension row is found by it.
TEST(DePushPlan, PrimaryKeyFieldsMustBeMappedFromColumns) {
  DataExtensionInfo de;
  de.key = "Orders_DE";
  de.fields = {{"OrderId", "Text", true, false, 40}, {"Line", "Number", true, false, 0}, {"Total", "Decimal"}};
  auto config = parse_config(
      "store: {path: unused.db}\n"
      "connections:\n"
      "  mc: {type: sfmc, subdomain: mc563885gzs27c5t9-63k636ttgm, client_id: a, client_secret: b,\n"
      "       scopes: data_extensions_read data_extensions_write}\n"
      "  files: {type: csv, path: /tmp}\n"
      "syncs:\n"
      "  - name: orders\n"
      "    kind: push\n"
      "    connection: mc\n"
      "    model: {connection: files, file: orders.csv}\n"
      "    destination:\n"
      "      data_extension: Orders_DE\n"
      "      mapping:\n"
      "        - {column: order_id, field: OrderId}\n"
      "        - {column: line, field: Line}\n"
      "        - {column: total, field: Total}\n",
      "test.yaml");
  ASSERT_TRUE(config.ok()) << config.error().message;
  SyncConfig sync = *config->find_sync("orders");
  auto plan = plan_data_extension_push(sync, de);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->key_columns, (std::vector<std::string>{"order_id", "line"}));
  EXPECT_EQ(plan->key_field, "OrderId,Line");

  sync.push.mapping[1].column.clear();
  sync.push.mapping[1].value = "1";
  auto fixed = plan_data_extension_push(sync, de);
  ASSERT_FALSE(fixed.ok());
  EXPECT_NE(fixed.error().message.find("map a model column to Line"), std::string::npos) << fixed.error().message;

  de.fields[0].is_primary_key = de.fields[1].is_primary_key = false;
  auto keyless = plan_data_extension_push(*config->find_sync("orders"), de);
  ASSERT_FALSE(keyless.ok());
  EXPECT_NE(keyless.error().message.find("has no primary key"), std::string::npos) << keyless.error().message;
}

}  // namespace
