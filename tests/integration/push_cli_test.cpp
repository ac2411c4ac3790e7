// `sfsync push` as a user runs it: the real binary against the emulator.
#include <sys/wait.h>

#include "push_fixture.h"

using namespace push_test;

namespace {

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout + stderr
};

class PushCliTest : public PushFixture {
 protected:
  CliResult cli(const std::string& syncs, const std::string& args) {
    std::ofstream(prefix_ + ".yaml") << config_yaml(syncs);
    std::string command = std::string(SFSYNC_CLI_BIN) + " -c " + prefix_ + ".yaml " + args + " 2>&1";
    CliResult result;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return result;
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
    int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
  }
};

}  // namespace

TEST_F(PushCliTest, DryRunThenPushThenRunsAndErrors) {
  add_customers(0, 3);
  model_sql("UPDATE customers SET email = 'nope' WHERE customer_key = 'K2'");
  store_.reset();  // the CLI opens the store itself

  auto dry = cli(contact_sync(), "push contacts --dry-run");
  EXPECT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find("would insert 3"), std::string::npos) << dry.output;
  EXPECT_NE(dry.output.find("\"Customer_Key__c\":\"K0\""), std::string::npos) << dry.output;
  EXPECT_TRUE(query("SELECT Id FROM Contact WHERE Customer_Key__c != null").empty());

  auto run = cli(contact_sync(), "push contacts");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("partial"), std::string::npos) << run.output;
  EXPECT_EQ(query("SELECT Id FROM Contact WHERE Customer_Key__c != null").size(), 2u);

  auto runs = cli(contact_sync(), "runs");
  EXPECT_EQ(runs.exit_code, 0);
  EXPECT_NE(runs.output.find("push"), std::string::npos) << runs.output;
  auto errors = cli(contact_sync(), "errors 1");
  EXPECT_NE(errors.output.find("INVALID_EMAIL_ADDRESS"), std::string::npos) << errors.output;
}

TEST_F(PushCliTest, BadInputIsOneLineAndExitTwo) {
  store_.reset();
  std::string bad = contact_sync();
  bad.replace(bad.find("field: Email}"), 13, "field: Emial}");
  auto r = cli(bad, "push contacts");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("INVALID_FIELD: No such column 'Emial'"), std::string::npos) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;

  std::string sql = contact_sync();
  sql.replace(sql.find("SELECT *"), 8, "SELEKT *");
  auto s = cli(sql, "push contacts");
  EXPECT_EQ(s.exit_code, 2) << s.output;
  EXPECT_NE(s.output.find("model SQL is invalid"), std::string::npos) << s.output;
  EXPECT_EQ(write_calls(), 0);
}
