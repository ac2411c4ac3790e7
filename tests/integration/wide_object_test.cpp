// An object too wide for one REST query: Salesforce refuses URIs over 16 KB (414). Without a
// `fields:` list a sync reads the fields its mapping uses instead of every field, and says so; a
// `fields:` list that cannot fit is a config error before any data call.
#include <gtest/gtest.h>

#include <fstream>

#include <unistd.h>

#include "config/config_loader.h"
#include "runner/connections.h"
#include "runner/pull_run.h"
#include "runner/salesforce_plan.h"
#include "sinks/store/sqlite_store.h"
#include "support/emulator_connection.h"
#include "support/test_http.h"

using namespace sfsync;
using testing_support::InProcessEmulator;

namespace {

constexpr int kWideFields = 700;  // ~27 bytes each in a SELECT list: ~19 KB

std::string wide_field(int i) {
  std::string n = std::to_string(i);
  return "Wide_Field_Number_" + std::string(4 - n.size(), '0') + n + "__c";
}

class WideObject : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = "/tmp/sfsync-wide-" + std::to_string(::getpid());
    std::ofstream yaml(base_ + ".yaml");
    yaml << "custom_fields:\n  Contact:\n";
    for (int i = 1; i <= kWideFields; ++i) yaml << "    - {name: " << wide_field(i) << ", type: string, length: 20}\n";
    yaml.close();
    emu::EmulatorOptions o;
    o.seed = 6;
    o.counts = {{"Account", 5}, {"Contact", 50}};
    o.config_path = base_ + ".yaml";
    emulator_ = std::make_unique<InProcessEmulator>(o);
    auto store = SqliteStore::open(base_ + ".db");
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store.value());
  }
  void TearDown() override {
    store_.reset();
    emulator_.reset();
    for (const char* suffix : {".yaml", ".db", ".db-wal", ".db-shm"}) std::remove((base_ + suffix).c_str());
  }

  // The contacts sync with `fields` (YAML list text, or "" for none).
  Result<Config> config(const std::string& fields) {
    std::string yaml = "store: {path: unused.db}\nconnections:\n" +
                       testing_support::emulator_crm_connection(emulator_->url()) +
                       "syncs:\n"
                       "  - name: contacts\n"
                       "    connection: crm\n"
                       "    source: {object: Contact}\n" +
                       (fields.empty() ? "" : "    fields: " + fields + "\n") +
                       "    identifiers:\n"
                       "      - {type: sf_id, template: \"SF_Contact_{{Id}}\"}\n"
                       "    attributes:\n"
                       "      - {field: LastName, name: last_name}\n"
                       "      - {field: " + wide_field(7) + ", name: wide_seven}\n";
    return parse_config(yaml, "wide.yaml");
  }

  std::string base_;
  std::unique_ptr<InProcessEmulator> emulator_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace

TEST_F(WideObject, WithoutAFieldsListTheSyncReadsWhatItsMappingUses) {
  auto cfg = config("");
  ASSERT_TRUE(cfg.ok()) << cfg.error().message;
  auto client = make_salesforce_client(*cfg->find_connection("crm"), store_.get());
  ASSERT_TRUE(client.ok());
  auto plan = plan_salesforce_pull(**client, *cfg->find_sync("contacts"));
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_LT(plan->fields.size(), 10u);
  ASSERT_EQ(plan->notes.size(), 1u);
  EXPECT_NE(plan->notes[0].find("too many for one REST query"), std::string::npos) << plan->notes[0];

  auto outcome = run_salesforce_pull(*cfg->find_sync("contacts"), **client, *store_, PullRequest{});
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->status, ExecutionStatus::Ok) << outcome->reason;
  EXPECT_EQ(outcome->counts.read, 50);
}

TEST_F(WideObject, AFieldsListTooLongForAQueryIsAConfigError) {
  std::string list = "[LastName";
  for (int i = 1; i <= kWideFields; ++i) list += ", " + wide_field(i);
  auto cfg = config(list + "]");
  ASSERT_TRUE(cfg.ok()) << cfg.error().message;
  auto client = make_salesforce_client(*cfg->find_connection("crm"), store_.get());
  ASSERT_TRUE(client.ok());
  auto outcome = run_salesforce_pull(*cfg->find_sync("contacts"), **client, *store_, PullRequest{});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, "bad_config");
  EXPECT_NE(outcome.error().message.find("list fewer fields in `fields:`"), std::string::npos) << outcome.error().message;
  EXPECT_TRUE(store_->list_executions("", 5)->empty()) << "nothing ran";
}
