// Bad input through the real CLI: one line on stderr naming the problem, exit code 2, and the store
// untouched — absent when it did not exist, byte-for-byte the same (no executions row) when it did.
#include <gtest/gtest.h>

#include <filesystem>

#include "e2e/e2e_env.h"
#include "e2e/small_org.h"

using namespace e2e;

namespace {

class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SmallOrg::start();
    template_dir_ = new ScratchDir();
    // A store that a good run wrote: bad input must leave it exactly as it is.
    std::string store = template_dir_->file("good.db");
    std::string config = template_dir_->write(
        "good.yaml", config_yaml(store, password_connection(SmallOrg::url()), kContactSync));
    CliResult r = run_sfsync(*template_dir_, config, {"sync"});
    ASSERT_EQ(r.code(), 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete template_dir_;
    template_dir_ = nullptr;
    SmallOrg::stop();
  }

  // Runs `sfsync ARGS` with a config made of `syncs`, once against a store that does not exist and
  // once against a copy of the good store; both must be refused the same way and leave the store
  // as it was. Returns the one stderr line.
  std::string expect_refused(const std::string& syncs, const std::vector<std::string>& args = {"sync"}) {
    std::string line;
    for (bool existing : {false, true}) {
      SCOPED_TRACE(existing ? "existing store" : "no store yet");
      std::string store = dir_.file(existing ? "existing.db" : "absent.db");
      if (existing) {
        std::filesystem::copy_file(template_dir_->file("good.db"), store,
                                   std::filesystem::copy_options::overwrite_existing);
      }
      auto before = file_bytes(store);
      int64_t executions_before = count_rows(store, "SELECT count(*) FROM executions");
      std::string config = dir_.write("bad.yaml", config_yaml(store, password_connection(SmallOrg::url()), syncs));
      CliResult r = run_sfsync(dir_, config, args);
      EXPECT_EQ(r.code(), 2) << r.err << r.out;
      EXPECT_EQ(line_count(r.err), 1) << r.err;
      EXPECT_TRUE(file_bytes(store) == before) << "the store file changed (or appeared)";
      EXPECT_EQ(count_rows(store, "SELECT count(*) FROM executions"), executions_before);
      if (!existing) {
        EXPECT_FALSE(file_exists(store + ".key")) << "a key file was created beside an absent store";
      }
      line = r.err;
    }
    return line;
  }

  static ScratchDir* template_dir_;
  ScratchDir dir_;
};

ScratchDir* BadInput::template_dir_ = nullptr;

std::string contact_sync_with(const std::string& extra) {
  return "  - name: contacts\n"
         "    connection: crm\n"
         "    source: {object: Contact}\n"
         "    identifiers:\n"
         "      - {type: email, field: Email}\n" + extra;
}

}  // namespace

TEST_F(BadInput, MissingIdentifierMapping) {
  std::string err = expect_refused(
      "  - name: contacts\n"
      "    connection: crm\n"
      "    source: {object: Contact}\n"
      "    attributes:\n"
      "      - {field: LastName, name: last_name}\n");
  EXPECT_NE(err.find("identifier"), std::string::npos) << err;
  EXPECT_NE(err.find("contacts"), std::string::npos) << err;
}

TEST_F(BadInput, UnknownObjectNamesTheClosestRealOne) {
  std::string err = expect_refused(
      "  - name: contacts\n"
      "    connection: crm\n"
      "    source: {object: Contcat}\n"
      "    identifiers:\n"
      "      - {type: email, field: Email}\n");
  EXPECT_NE(err.find("Contcat"), std::string::npos) << err;
  EXPECT_NE(err.find("Contact"), std::string::npos) << err;
}

TEST_F(BadInput, UnknownCustomObject) {
  std::string err = expect_refused(
      "  - name: invoices\n"
      "    connection: crm\n"
      "    source: {object: Invoice__c}\n"
      "    identifiers:\n"
      "      - {type: email, field: Email__c}\n");
  EXPECT_NE(err.find("Invoice__c"), std::string::npos) << err;
}

TEST_F(BadInput, UnknownFieldNamesTheNearestRealField) {
  std::string err = expect_refused(contact_sync_with(
      "    attributes:\n"
      "      - {field: Emial, name: email_copy}\n"));
  EXPECT_NE(err.find("Emial"), std::string::npos) << err;
  EXPECT_NE(err.find("\"Email\""), std::string::npos) << err;
}

TEST_F(BadInput, UnknownParentFieldInFieldList) {
  std::string err = expect_refused(contact_sync_with("    fields: [LastName, Account.Nmae]\n"));
  EXPECT_NE(err.find("Nmae"), std::string::npos) << err;
  EXPECT_NE(err.find("Name"), std::string::npos) << err;
}

TEST_F(BadInput, FilterRuleOnUnknownField) {
  std::string err = expect_refused(contact_sync_with(
      "    filter:\n"
      "      rules:\n"
      "        - {field: LeadSorce, op: eq, value: Web}\n"));
  EXPECT_NE(err.find("LeadSorce"), std::string::npos) << err;
  EXPECT_NE(err.find("LeadSource"), std::string::npos) << err;
}

TEST_F(BadInput, FilterRuleWithUnknownOperator) {
  std::string err = expect_refused(contact_sync_with(
      "    filter:\n"
      "      rules:\n"
      "        - {field: LeadSource, op: between, value: Web}\n"));
  EXPECT_NE(err.find("between"), std::string::npos) << err;
}

TEST_F(BadInput, FilterRuleValueOfTheWrongType) {
  std::string err = expect_refused(contact_sync_with(
      "    filter:\n"
      "      rules:\n"
      "        - {field: HasOptedOutOfEmail, op: like, value: \"tr%\"}\n"));
  EXPECT_NE(err.find("HasOptedOutOfEmail"), std::string::npos) << err;
}

TEST_F(BadInput, RawWhereClauseThatSalesforceRejects) {
  std::string err = expect_refused(contact_sync_with(
      "    filter:\n"
      "      where: \"LeadSorce = 'Web'\"\n"));
  EXPECT_NE(err.find("LeadSorce"), std::string::npos) << err;
}

TEST_F(BadInput, BadCron) {
  std::string err = expect_refused(contact_sync_with("    options: {schedule: \"61 * * * *\"}\n"));
  EXPECT_NE(err.find("schedule"), std::string::npos) << err;
}

TEST_F(BadInput, MalformedCustomSoql) {
  std::string err = expect_refused(
      "  - name: soql_contacts\n"
      "    connection: crm\n"
      "    source: {soql: \"SELECT Id, Email FROM Contact WHERE SystemModstamp > {lastSyncTime} AND AND\"}\n"
      "    identifiers:\n"
      "      - {type: email, field: Email}\n");
  EXPECT_NE(err.find("soql_contacts"), std::string::npos) << err;
}

TEST_F(BadInput, CustomSoqlMixingAndOrWithoutParentheses) {
  // Parses for a lenient client; Salesforce answers MALFORMED_QUERY on the first query call.
  std::string err = expect_refused(
      "  - name: soql_contacts\n"
      "    connection: crm\n"
      "    source: {soql: \"SELECT Id, Email FROM Contact WHERE Email != null OR LastName = 'X' AND "
      "SystemModstamp > {lastSyncTime}\"}\n"
      "    identifiers:\n"
      "      - {type: email, field: Email}\n");
  EXPECT_NE(err.find("soql_contacts"), std::string::npos) << err;
}

TEST_F(BadInput, CustomSoqlWithUnknownField) {
  std::string err = expect_refused(
      "  - name: soql_contacts\n"
      "    connection: crm\n"
      "    source: {soql: \"SELECT Id, Emial FROM Contact WHERE SystemModstamp > {lastSyncTime}\"}\n"
      "    identifiers:\n"
      "      - {type: email, field: Emial}\n");
  EXPECT_NE(err.find("Emial"), std::string::npos) << err;
}

TEST_F(BadInput, YamlSyntaxError) {
  std::string err = expect_refused(
      "  - name: contacts\n"
      "    connection: crm\n"
      "    source: {object: Contact\n"
      "    identifiers: [\n");
  EXPECT_NE(err.find("bad.yaml"), std::string::npos) << err;
  EXPECT_NE(err.find("bad.yaml:"), std::string::npos) << err;  // file:line:column
}

TEST_F(BadInput, MissingConfigFile) {
  std::string missing = dir_.file("nowhere.yaml");
  CliResult r = run_sfsync(dir_, missing, {"sync"});
  EXPECT_EQ(r.code(), 2) << r.err;
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("nowhere.yaml"), std::string::npos) << r.err;
}

TEST_F(BadInput, UnknownSyncName) {
  std::string err = expect_refused(kContactSync, {"sync", "contcts"});
  EXPECT_NE(err.find("contcts"), std::string::npos) << err;
}

TEST_F(BadInput, UnknownCommandLineOption) {
  CliResult r = run_to_end(kSfsyncBin, {"sync", "--fulll"}, dir_.path(), clean_env());
  EXPECT_EQ(r.code(), 2) << r.err;
}

// A failing login prints why, and never a secret: not the client secret, the password or the
// refresh token — whichever grant failed.
TEST_F(BadInput, FailingAuthPrintsNoSecret) {
  const std::vector<std::string> secrets = {"e2e-Client-Secret-7f3a9", "e2e-Pass-Word-51c0d",
                                            "e2e-Refresh-Token-0b8e2"};
  const std::string head = std::string("connections:\n  crm:\n    type: salesforce\n    login_url: ") +
                           SmallOrg::url() + "\n    auth: {client_id: " + kClientId + ", client_secret: " + secrets[0];
  for (const std::string& grant :
       {", type: password, username: " + std::string(kUsername) + ", password: " + secrets[1] + "}\n",
        ", type: refresh_token, refresh_token: " + secrets[2] + "}\n"}) {
    std::string store = dir_.file("auth.db");
    std::string config = dir_.write("auth.yaml", config_yaml(store, head + grant, kContactSync));
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"sync"}, {"check"}, {"discover"}, {"preview", "contacts"}}) {
      CliResult r = run_sfsync(dir_, config, args);
      SCOPED_TRACE(args.front() + grant);
      EXPECT_NE(r.code(), 0) << r.out << r.err;
      EXPECT_NE((r.out + r.err).find("invalid"), std::string::npos) << "no reason given: " << r.out << r.err;
      for (const std::string& secret : secrets) {
        EXPECT_EQ(r.out.find(secret), std::string::npos) << r.out;
        EXPECT_EQ(r.err.find(secret), std::string::npos) << r.err;
      }
    }
    EXPECT_LE(count_rows(store, "SELECT count(*) FROM executions WHERE status = 'ok'"), 0)
        << "nothing may have been synced";
  }
}

// The whole file is checked against the org before the first sync runs: a bad second sync stops
// the good first one too.
TEST_F(BadInput, ABadSyncStopsEveryOtherSyncBeforeItRuns) {
  std::string err = expect_refused(std::string(kContactSync) +
                                   "  - name: leads\n"
                                   "    connection: crm\n"
                                   "    source: {object: Lead}\n"
                                   "    identifiers:\n"
                                   "      - {type: email, field: Emial}\n");
  EXPECT_NE(err.find("leads"), std::string::npos) << err;
  EXPECT_NE(err.find("Emial"), std::string::npos) << err;
}
