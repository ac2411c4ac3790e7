// The customer store on PostgreSQL (store.postgres.url) through the real CLI. The same syncs into
// a SQLite store and a PostgreSQL one must give the same content — one SQL logic on two engines
// (src/sinks/store/sql_store.h) — on the first load and on an incremental run after records were
// updated and deleted; `find` and `runs` read the PostgreSQL store like the SQLite one.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "e2e/e2e_env.h"
#include "e2e/small_org.h"
#include "support/temporary_postgres.h"
#include "support/test_http.h"

using namespace e2e;
using testing_support::EmulatorProcess;
using testing_support::http;

namespace {

// An access token for the emulator's REST API (password grant of its default app and user).
std::string emulator_token(const std::string& url) {
  auto r = http("POST", url + "/services/oauth2/token",
                "grant_type=password&client_id=" + std::string(kClientId) + "&client_secret=" + kClientSecret +
                    "&username=" + testing_support::url_encode(kUsername) + "&password=" + kPassword,
                {"Content-Type: application/x-www-form-urlencoded"});
  const std::string key = "\"access_token\":\"";
  size_t at = r.body.find(key);
  if (at == std::string::npos) return "";
  at += key.size();
  return r.body.substr(at, r.body.find('"', at) - at);
}

// Accounts -> objects, and each Contact a relationship between its person and its Account.
const char* const kAccountSyncs = R"(
  - name: accounts
    connection: crm
    source: {object: Account}
    fields: [Id]
    target: object
    object: {type: account, id_template: "SF_Account_{{Id}}"}
    attributes:
      - {field: Name, name: name}
      - {field: Industry, name: industry}
  - name: account_contacts
    connection: crm
    source: {object: Contact}
    fields: [Id]
    target: relationship
    filter:
      rules:
        - {field: AccountId, op: not_null}
    identifiers:
      - {type: sf_contact_id, template: "SF_Contact_{{Id}}"}
      - {type: email, field: Email}
    relationship:
      object_type: account
      object_id_template: "SF_Account_{{AccountId}}"
      attributes:
        - {field: Title, name: role}
)";

}  // namespace

TEST(PostgresStore, TheSameSyncsLandTheSameAsInSqlite) {
  testing_support::TemporaryPostgres pg;
  ASSERT_TRUE(pg.ok()) << pg.why_not();
  ScratchDir dir;
  EmulatorProcess emulator(kEmulatorBin,
                           {"--port", "0", "--seed", "12", "--contacts", "300", "--cases", "100", "--accounts", "30"});
  std::string connections = password_connection(emulator.url());
  std::string syncs = std::string(kContactSync) + kCaseEventSync + kAccountSyncs;
  std::string sqlite_store = dir.file("store.db");
  std::string sqlite_config = dir.write("sqlite.yaml", config_yaml(sqlite_store, connections, syncs));
  std::string pg_config =
      dir.write("pg.yaml", "store: {postgres: {url: \"" + pg.url() + "\"}}\n" + connections + "syncs:\n" + syncs);

  auto sync_both = [&](const char* when) {
    for (const std::string& config : {sqlite_config, pg_config}) {
      CliResult r = run_sfsync(dir, config, {"sync"});
      ASSERT_EQ(r.code(), 0) << when << ", " << config << ": " << r.out << r.err;
    }
    std::string expected = canonical_dump(sqlite_store);
    std::string got = postgres_canonical_dump(pg.url());
    EXPECT_GT(line_count(expected), 600) << expected;
    EXPECT_NE(expected.find("event "), std::string::npos) << "no events to compare";
    EXPECT_NE(expected.find("relationship "), std::string::npos) << "no relationships to compare";
    EXPECT_EQ(got, expected) << when << ": first difference: " << first_difference(got, expected);
  };
  sync_both("first load");

  // Changes between runs: an update, a deletion (recycle bin) and a purge (delete log only).
  std::string ids[3];
  for (int i = 0; i < 3; ++i) {
    ids[i] = query_text(sqlite_store, "SELECT record_id FROM record_links WHERE sync_id = 'contacts' "
                                      "ORDER BY record_id LIMIT 1 OFFSET " + std::to_string(10 * (i + 1)));
    ASSERT_FALSE(ids[i].empty());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a new SystemModstamp second
  // The updated Contact also moves to another Account: its relationship moves with it.
  std::string account = query_text(sqlite_store, "SELECT substr(id, 12) FROM objects ORDER BY id DESC LIMIT 1");
  ASSERT_EQ(account.size(), 18u) << account;
  ASSERT_EQ(http("PATCH", emulator.url() + "/__admin/records/Contact/" + ids[0],
                 R"({"Title":"Chief Postgres Officer","AccountId":")" + account + "\"}",
                 {"Content-Type: application/json"}).status, 200);
  for (int i : {1, 2}) ASSERT_EQ(http("DELETE", emulator.url() + "/__admin/records/Contact/" + ids[i]).status, 200);
  ASSERT_EQ(http("POST", emulator.url() + "/__admin/records/Contact/" + ids[2] + "/purge").status, 200);
  // A run reads up to the last whole second before it starts (Salesforce stamps have whole seconds).
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  sync_both("incremental run");
  EXPECT_EQ(query_text(sqlite_store, "SELECT object_id FROM record_links WHERE sync_id = 'account_contacts' "
                                     "AND record_id = '" + ids[0] + "'"),
            "SF_Account_" + account)
      << "the moved Contact's relationship follows it (and PostgreSQL's the same, above)";

  std::string email = query_text(sqlite_store, "SELECT value FROM identifiers WHERE type = 'email' ORDER BY value LIMIT 1");
  CliResult found = run_sfsync(dir, pg_config, {"find", "--email", email});
  EXPECT_EQ(found.code(), 0) << found.err;
  EXPECT_NE(found.out.find(email), std::string::npos) << found.out;
  auto runs = parse_runs(run_sfsync(dir, pg_config, {"runs"}).out);
  auto sqlite_runs = parse_runs(run_sfsync(dir, sqlite_config, {"runs"}).out);
  ASSERT_EQ(runs.size(), 8u);
  ASSERT_EQ(sqlite_runs.size(), 8u);
  for (size_t i = 0; i < runs.size(); ++i) {
    EXPECT_EQ(runs[i].sync, sqlite_runs[i].sync);
    EXPECT_EQ(runs[i].status + " " + runs[i].reason, sqlite_runs[i].status + " " + sqlite_runs[i].reason);
  }
}

// Reverse ETL on a PostgreSQL store: a model reading the store itself (`connection: store`, SQL
// in PostgreSQL's dialect) sends rows back to Salesforce, and the push snapshot lives in the
// PostgreSQL database too, so an unchanged rerun sends nothing.
TEST(PostgresStore, PushReadsTheStoreAndKeepsItsSnapshotThere) {
  testing_support::TemporaryPostgres pg;
  ASSERT_TRUE(pg.ok()) << pg.why_not();
  ScratchDir dir;
  EmulatorProcess emulator(kEmulatorBin, {"--port", "0", "--seed", "12", "--contacts", "50"});
  std::string syncs = std::string(kContactSync) +
                      "  - name: back\n    kind: push\n    connection: crm\n"
                      "    model: {connection: store, sql: \"SELECT substr(i.value, 12) AS contact_id, "
                      "'Store VIP' AS title FROM identifiers i WHERE i.type = 'sf_contact_id' "
                      "ORDER BY i.value LIMIT 3\"}\n"
                      "    destination:\n      object: Contact\n      mode: update\n"
                      "      mapping:\n        - {column: contact_id, field: Id}\n        - {column: title, field: Title}\n";
  std::string config = dir.write("pg.yaml", "store: {postgres: {url: \"" + pg.url() + "\"}}\n" +
                                                password_connection(emulator.url()) + "syncs:\n" + syncs);
  CliResult pulled = run_sfsync(dir, config, {"sync", "contacts"});
  ASSERT_EQ(pulled.code(), 0) << pulled.out << pulled.err;

  CliResult pushed = run_sfsync(dir, config, {"push", "back"});
  ASSERT_EQ(pushed.code(), 0) << pushed.out << pushed.err;
  EXPECT_NE(pushed.out.find("sent 3 (created 0, updated 3)"), std::string::npos) << pushed.out;
  auto vip = http("GET", emulator.url() + "/services/data/v63.0/query?q=" +
                             testing_support::url_encode("SELECT Id FROM Contact WHERE Title = 'Store VIP'"),
                  "", {"Authorization: Bearer " + emulator_token(emulator.url())});
  EXPECT_NE(vip.body.find("\"totalSize\":3"), std::string::npos) << vip.body;

  CliResult again = run_sfsync(dir, config, {"push", "back"});
  ASSERT_EQ(again.code(), 0) << again.out << again.err;
  EXPECT_NE(again.out.find("unchanged 3  sent 0"), std::string::npos) << again.out;
  EXPECT_EQ(file_exists(dir.file("sfsync.db")), false) << "nothing written to a SQLite file";
}
