// Smoke tests of the read-side commands through the real CLI: preview, discover, check, runs,
// errors, find — what they print and their exit codes (0 ok, 1 failed/not found, 2 bad input).
#include <gtest/gtest.h>
#include <simdjson.h>

#include "e2e/e2e_env.h"
#include "e2e/small_org.h"

using namespace e2e;

namespace {

// A boolean and a number attribute: preview prints them as JSON true/false and numbers, as stored.
const char* const kTypedSync =
    "  - name: contact_flags\n"
    "    connection: crm\n"
    "    source: {object: Contact}\n"
    "    identifiers:\n"
    "      - {type: sf_contact_id, template: \"SF_Contact_{{Id}}\"}\n"
    "    attributes:\n"
    "      - {field: HasOptedOutOfEmail, name: email_opt_out}\n"
    "      - {field: FirstName, name: first_name}\n"
    "    fixed: {crm_source: salesforce}\n";

class Commands : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SmallOrg::start();
    dir_ = new ScratchDir();
    store_ = dir_->file("store.db");
    config_ = dir_->write("sfsync.yaml", config_yaml(store_, password_connection(SmallOrg::url()),
                                                     std::string(kContactSync) + kCaseEventSync + kTypedSync));
    CliResult r = run_sfsync(*dir_, config_, {"sync"});
    ASSERT_EQ(r.code(), 0) << r.err << r.out;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
    SmallOrg::stop();
  }
  CliResult run(const std::vector<std::string>& args) { return run_sfsync(*dir_, config_, args); }

  static ScratchDir* dir_;
  static std::string store_, config_;
};

ScratchDir* Commands::dir_ = nullptr;
std::string Commands::store_, Commands::config_;

}  // namespace

TEST_F(Commands, SyncPrintsOneLinePerSyncWithItsCounts) {
  CliResult r = run({"sync"});
  ASSERT_EQ(r.code(), 0) << r.err;
  EXPECT_NE(r.out.find("contacts"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("case_events"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("read"), std::string::npos) << r.out;
  // Not a terminal: plain lines, no progress bar redraws or colours.
  EXPECT_EQ((r.out + r.err).find('\r'), std::string::npos) << r.out << r.err;
  EXPECT_EQ((r.out + r.err).find("\x1b["), std::string::npos) << r.out << r.err;
}

TEST_F(Commands, PreviewPrintsMappedRecordsAndWritesNothing) {
  int64_t executions = count_rows(store_, "SELECT count(*) FROM executions");
  CliResult r = run({"preview", "contacts", "-n", "3"});
  ASSERT_EQ(r.code(), 0) << r.err;
  EXPECT_EQ(line_count(r.out), 3) << r.out;  // one profile upsert per record
  EXPECT_NE(r.out.find("\"identifiers\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SF_Contact_003"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"crm_source\""), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("nothing written"), std::string::npos) << r.err;
  // The count is the query's, not the page's: the small org has 600 Contacts.
  EXPECT_NE(r.err.find("3 of 600 matching records"), std::string::npos) << r.err;
  EXPECT_EQ(count_rows(store_, "SELECT count(*) FROM executions"), executions);

  CliResult typed = run({"preview", "contact_flags", "-n", "1"});
  ASSERT_EQ(typed.code(), 0) << typed.err;
  bool bare_bool = typed.out.find("\"email_opt_out\":false") != std::string::npos ||
                   typed.out.find("\"email_opt_out\":true") != std::string::npos;
  EXPECT_TRUE(bare_bool) << typed.out;

  CliResult events = run({"preview", "case_events", "-n", "2"});
  ASSERT_EQ(events.code(), 0) << events.err;
  EXPECT_NE(events.out.find("case_updated"), std::string::npos) << events.out;
}

TEST_F(Commands, PreviewOfAnUnknownSyncIsBadInput) {
  CliResult r = run({"preview", "contcts"});
  EXPECT_EQ(r.code(), 2);
  EXPECT_NE(r.err.find("contcts"), std::string::npos) << r.err;
}

TEST_F(Commands, DiscoverListsObjectsAndFields) {
  CliResult all = run({"discover"});
  ASSERT_EQ(all.code(), 0) << all.err;
  EXPECT_NE(all.out.find("Contact "), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("Opportunity "), std::string::npos) << all.out;

  CliResult contact = run({"discover", "Contact"});
  ASSERT_EQ(contact.code(), 0) << contact.err;
  EXPECT_NE(contact.out.find("cursor: SystemModstamp"), std::string::npos) << contact.out;
  EXPECT_NE(contact.out.find("  Email "), std::string::npos) << contact.out;
  EXPECT_NE(contact.out.find("-> Account"), std::string::npos) << contact.out;
  CliResult cases = run({"discover", "Case"});
  ASSERT_EQ(cases.code(), 0) << cases.err;
  size_t line = cases.out.find("  ContactEmail ");
  ASSERT_NE(line, std::string::npos) << cases.out;
  EXPECT_NE(cases.out.substr(line, cases.out.find('\n', line) - line).find(" formula"), std::string::npos)
      << "a formula field says so: " << cases.out;

  CliResult unknown = run({"discover", "Contcat"});
  EXPECT_EQ(unknown.code(), 2);
  EXPECT_EQ(line_count(unknown.err), 1) << unknown.err;
  EXPECT_NE(unknown.err.find("Contcat"), std::string::npos) << unknown.err;
}

TEST_F(Commands, CheckIsGreenForAGoodConfigAndRedForABadSync) {
  CliResult good = run({"check"});
  ASSERT_EQ(good.code(), 0) << good.err << good.out;
  EXPECT_NE(good.out.find("ok    connection crm (org API usage "), std::string::npos) << good.out;
  EXPECT_NE(good.out.find("runs stop at 90%)"), std::string::npos) << good.out;
  EXPECT_NE(good.out.find("ok    sync contacts"), std::string::npos) << good.out;
  EXPECT_NE(good.out.find("ok    sync case_events"), std::string::npos) << good.out;

  std::string bad_sync = std::string(kContactSync) +
                         "  - name: leads\n"
                         "    connection: crm\n"
                         "    source: {object: Lead}\n"
                         "    identifiers:\n"
                         "      - {type: email, field: Emial}\n";
  ScratchDir other;
  std::string store = other.file("check.db");
  std::string config = other.write("check.yaml", config_yaml(store, password_connection(SmallOrg::url()), bad_sync));
  CliResult bad = run_sfsync(other, config, {"check"});
  EXPECT_EQ(bad.code(), 2) << bad.out << bad.err;
  EXPECT_NE(bad.out.find("ok    sync contacts"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("FAIL  sync leads"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("Emial"), std::string::npos) << bad.out;
  EXPECT_LE(count_rows(store, "SELECT count(*) FROM executions"), 0) << "check runs nothing";
}

// Formula fields and fields of related records change without moving the record's stamp: check
// says which mapped fields an incremental run will not see change, and what refreshes them.
TEST_F(Commands, CheckNotesFieldsIncrementalRunsCannotSeeChange) {
  CliResult plain = run({"check"});
  EXPECT_EQ(plain.out.find("note:"), std::string::npos) << plain.out;

  std::string syncs =
      "  - name: case_contacts\n"
      "    connection: crm\n"
      "    source: {object: Case}\n"
      "    identifiers:\n"
      "      - {type: email, field: ContactEmail}\n"
      "    attributes:\n"
      "      - {field: Account.Name, name: company}\n"
      "      - {field: Status, name: status}\n";
  ScratchDir other;
  std::string config = other.write("notes.yaml", config_yaml(other.file("n.db"), password_connection(SmallOrg::url()), syncs));
  CliResult r = run_sfsync(other, config, {"check"});
  ASSERT_EQ(r.code(), 0) << r.out << r.err;
  EXPECT_NE(r.out.find("note: ContactEmail is a formula field"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("note: Account.Name comes from a related record"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sfsync sync case_contacts --full"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Status"), std::string::npos) << "a plain field needs no note: " << r.out;
}

TEST_F(Commands, RunsListsEveryRunWithItsStatus) {
  CliResult r = run({"runs"});
  ASSERT_EQ(r.code(), 0) << r.err;
  auto rows = parse_runs(r.out);
  ASSERT_GE(rows.size(), 2u) << r.out;
  for (const auto& row : rows) {
    EXPECT_TRUE(row.status == "ok" || row.status == "partial") << row.status << " " << row.reason;
  }
  CliResult one = run({"runs", "--sync", "case_events", "-n", "1"});
  ASSERT_EQ(one.code(), 0) << one.err;
  auto only = parse_runs(one.out);
  ASSERT_EQ(only.size(), 1u) << one.out;
  EXPECT_EQ(only[0].sync, "case_events");
}

TEST_F(Commands, ErrorsListsSkippedRecordsOfARun) {
  // Cases without a contact cannot name a person: they are skipped, the run is partial.
  std::string run_id = query_text(store_, "SELECT id FROM executions WHERE sync_id = 'case_events' AND "
                                          "records_skipped > 0 ORDER BY id LIMIT 1");
  ASSERT_FALSE(run_id.empty()) << "expected case_events to skip cases without a contact";
  CliResult r = run({"errors", run_id});
  ASSERT_EQ(r.code(), 0) << r.err;
  EXPECT_NE(r.out.find("skipped"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("500"), std::string::npos) << r.out;  // Case ids start with 500

  CliResult missing = run({"errors", "999999"});
  EXPECT_EQ(missing.code(), 2);
  EXPECT_NE(missing.err.find("999999"), std::string::npos) << missing.err;
}

TEST_F(Commands, FindShowsAProfileByEmailIdentifierIdOrRecord) {
  std::string email = query_text(store_, "SELECT value FROM identifiers WHERE type = 'email' ORDER BY value LIMIT 1");
  ASSERT_FALSE(email.empty());
  CliResult by_email = run({"find", "--email", email});
  ASSERT_EQ(by_email.code(), 0) << by_email.err;
  EXPECT_NE(by_email.out.find(email), std::string::npos) << by_email.out;
  EXPECT_NE(by_email.out.find("crm_source"), std::string::npos) << by_email.out;
  EXPECT_NE(by_email.out.find("sf_contact_id"), std::string::npos) << by_email.out;

  std::string sf_id = query_text(store_, "SELECT i.value FROM identifiers i JOIN events e ON e.profile_id = "
                                         "i.profile_id WHERE i.type = 'sf_contact_id' LIMIT 1");
  ASSERT_FALSE(sf_id.empty());
  CliResult by_identifier = run({"find", "--identifier", "sf_contact_id=" + sf_id});
  ASSERT_EQ(by_identifier.code(), 0) << by_identifier.err;
  EXPECT_NE(by_identifier.out.find("case_updated"), std::string::npos) << by_identifier.out;

  std::string profile_id = query_text(store_, "SELECT min(id) FROM profiles");
  CliResult by_id = run({"find", "--id", profile_id});
  EXPECT_EQ(by_id.code(), 0) << by_id.err;
  EXPECT_NE(by_id.out.find("profile " + profile_id), std::string::npos) << by_id.out;

  std::string linked = query_text(store_, "SELECT sync_id || ':' || record_id || '|' || profile_id FROM record_links "
                                         "WHERE kind = 'profile' LIMIT 1");
  ASSERT_NE(linked.find('|'), std::string::npos) << linked;
  CliResult by_record = run({"find", "--record", linked.substr(0, linked.find('|'))});
  EXPECT_EQ(by_record.code(), 0) << by_record.err;
  EXPECT_NE(by_record.out.find("profile " + linked.substr(linked.find('|') + 1)), std::string::npos) << by_record.out;
  EXPECT_EQ(run({"find", "--record", "contacts:nope"}).code(), 1);
  EXPECT_EQ(run({"find", "--record", "no-colon"}).code(), 2);

  CliResult nobody = run({"find", "--email", "nobody-e2e@example.invalid"});
  EXPECT_EQ(nobody.code(), 1);
  EXPECT_NE(nobody.out.find("no profile"), std::string::npos) << nobody.out;

  CliResult nothing = run({"find"});
  EXPECT_EQ(nothing.code(), 2);
}

TEST_F(Commands, StatsCountsWhatTheStoreHolds) {
  CliResult r = run({"stats"});
  ASSERT_EQ(r.code(), 0) << r.err;
  EXPECT_NE(r.out.find("profiles"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("events"), std::string::npos) << r.out;
}

// --json: a JSON object per line for runs and errors, one for stats and find, with typed values.
TEST_F(Commands, JsonOutputIsOneObjectPerLine) {
  simdjson::dom::parser parser;
  auto objects = [&](const std::string& out) {
    std::vector<std::string> lines;
    for (size_t at = 0, nl; at < out.size(); at = nl + 1) {
      nl = out.find('\n', at);
      if (nl == std::string::npos) nl = out.size();
      if (nl > at) lines.push_back(out.substr(at, nl - at));
    }
    for (const auto& line : lines) {
      simdjson::dom::object o;
      EXPECT_FALSE(parser.parse(line).get(o)) << "not a JSON object: " << line;
    }
    return lines;
  };
  CliResult runs = run({"runs", "--json"});
  ASSERT_EQ(runs.code(), 0) << runs.err;
  auto run_lines = objects(runs.out);
  EXPECT_EQ(static_cast<int64_t>(run_lines.size()), count_rows(store_, "SELECT count(*) FROM executions"));
  EXPECT_NE(runs.out.find("\"status\":\"partial\""), std::string::npos) << runs.out;  // case_events skips

  std::string run_id = query_text(store_, "SELECT id FROM executions WHERE records_skipped > 0 LIMIT 1");
  CliResult errors = run({"errors", run_id, "--json"});
  ASSERT_EQ(errors.code(), 0) << errors.err;
  EXPECT_FALSE(objects(errors.out).empty());
  EXPECT_NE(errors.out.find("\"skipped\":true"), std::string::npos) << errors.out;

  CliResult stats = run({"stats", "--json"});
  ASSERT_EQ(stats.code(), 0) << stats.err;
  ASSERT_EQ(objects(stats.out).size(), 1u);
  std::string identifiers = std::to_string(count_rows(store_, "SELECT count(*) FROM identifiers"));
  EXPECT_NE(stats.out.find("\"identifiers\":" + identifiers + ","), std::string::npos) << stats.out;

  std::string sf_id = query_text(store_, "SELECT value FROM identifiers WHERE type = 'sf_contact_id' LIMIT 1");
  CliResult found = run({"find", "--identifier", "sf_contact_id=" + sf_id, "--json"});
  ASSERT_EQ(found.code(), 0) << found.err;
  ASSERT_EQ(objects(found.out).size(), 1u);
  bool typed = found.out.find("\"email_opt_out\":false") != std::string::npos ||
               found.out.find("\"email_opt_out\":true") != std::string::npos;
  EXPECT_TRUE(typed) << "a boolean attribute is a JSON boolean: " << found.out;
  CliResult nobody = run({"find", "--email", "nobody-e2e@example.invalid", "--json"});
  EXPECT_EQ(nobody.code(), 1);
  EXPECT_EQ(nobody.out, "");
}

// A raw WHERE clause or custom SOQL is checked only by Salesforce running it: `check` and
// `preview` must run it and report a refusal as bad input, naming the sync.
TEST_F(Commands, CheckAndPreviewRunTheQueryThatOnlySalesforceCanCheck) {
  std::string syncs = std::string(kContactSync) +
                      "  - name: web_leads\n"
                      "    connection: crm\n"
                      "    source: {object: Lead}\n"
                      "    filter: {where: \"LeadSorce = 'Web'\"}\n"
                      "    identifiers:\n"
                      "      - {type: email, field: Email}\n"
                      "  - name: soql_contacts\n"
                      "    connection: crm\n"
                      "    source: {soql: \"SELECT Id, Email FROM Contact WHERE SystemModstamp > {lastSyncTime} AND AND\"}\n"
                      "    identifiers:\n"
                      "      - {type: email, field: Email}\n";
  ScratchDir other;
  std::string store = other.file("check.db");
  std::string config = other.write("check.yaml", config_yaml(store, password_connection(SmallOrg::url()), syncs));
  CliResult check = run_sfsync(other, config, {"check"});
  EXPECT_EQ(check.code(), 2) << check.out << check.err;
  EXPECT_NE(check.out.find("ok    sync contacts"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("FAIL  sync web_leads"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("LeadSorce"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("FAIL  sync soql_contacts"), std::string::npos) << check.out;

  for (const char* name : {"web_leads", "soql_contacts"}) {
    CliResult preview = run_sfsync(other, config, {"preview", name});
    EXPECT_EQ(preview.code(), 2) << name << ": " << preview.err;
    EXPECT_EQ(line_count(preview.err), 1) << preview.err;
    EXPECT_NE(preview.err.find(name), std::string::npos) << preview.err;
  }
  EXPECT_FALSE(file_exists(store)) << "check and preview write nothing";
}
