// Faults through the CLI: the org's API limit stops a run (exit 1, `sfsync runs` says why) and
// the next run, with the limit lifted, completes to the same store as a clean sync; 503 bursts
// and dropped connections are retried and change nothing in the result.
#include <gtest/gtest.h>

#include "e2e/e2e_env.h"
#include "support/test_http.h"

using namespace e2e;
using testing_support::EmulatorProcess;
using testing_support::http;

namespace {

// Pages of 500 so that a run makes many calls.
const char* const kPagedContactSync =
    "  - name: contacts\n"
    "    connection: crm\n"
    "    source: {object: Contact}\n"
    "    identifiers:\n"
    "      - {type: email, field: Email}\n"
    "      - {type: sf_contact_id, template: \"SF_Contact_{{Id}}\"}\n"
    "    attributes:\n"
    "      - {field: LastName, name: last_name}\n"
    "      - {field: Account.Name, name: company}\n"
    "    options: {batch_size: 500}\n";

// Cases -> events, so that re-reads (a resumed run, a backfill) would show doubled events.
const char* const kCaseEventSync =
    "  - name: case_events\n"
    "    connection: crm\n"
    "    source: {object: Case}\n"
    "    target: event\n"
    "    identifiers:\n"
    "      - {type: sf_contact_id, template: \"SF_Contact_{{ContactId}}\"}\n"
    "    event:\n"
    "      name: case_updated\n"
    "      timestamp: {field: LastModifiedDate}\n"
    "      parameters:\n"
    "        - {field: Status, name: status}\n"
    "    options: {batch_size: 500}\n";

std::string clean_dump(const ScratchDir& dir, const std::string& url, const std::string& syncs = kPagedContactSync) {
  std::string store = dir.file("clean.db");
  std::string config = dir.write("clean.yaml", config_yaml(store, password_connection(url), syncs));
  CliResult r = run_sfsync(dir, config, {"sync"});
  EXPECT_EQ(r.code(), 0) << r.err << r.out;
  return canonical_dump(store);
}

}  // namespace

TEST(CliFaults, ApiLimitFailsTheRunAndTheNextRunCompletes) {
  ScratchDir dir;
  EmulatorProcess emulator(kEmulatorBin, {"--port", "0", "--seed", "4", "--accounts", "50", "--contacts", "6000",
                                          "--cases", "3000", "--limit-after", "6"});
  const std::string syncs = std::string(kPagedContactSync) + kCaseEventSync;
  std::string store = dir.file("store.db");
  std::string config = dir.write("sfsync.yaml", config_yaml(store, password_connection(emulator.url()), syncs));
  CliResult limited = run_sfsync(dir, config, {"sync"});
  EXPECT_EQ(limited.code(), 1) << limited.err << limited.out;
  EXPECT_NE(limited.out.find("API limit"), std::string::npos) << limited.out << limited.err;

  CliResult runs = run_sfsync(dir, config, {"runs"});
  ASSERT_EQ(runs.code(), 0) << runs.err;
  auto rows = parse_runs(runs.out);
  ASSERT_EQ(rows.size(), 2u) << runs.out;  // both syncs were tried; both stop at the limit
  for (const RunRow& row : rows) {
    EXPECT_EQ(row.status, "failed") << row.sync;
    EXPECT_NE(row.reason.find("api_limit"), std::string::npos) << row.reason;
    EXPECT_NE(row.reason.find("API limit"), std::string::npos) << row.reason;
  }
  int64_t landed = count_rows(store, "SELECT count(*) FROM record_links");
  EXPECT_GT(landed, 0) << "pages before the limit are kept";
  EXPECT_LT(landed, 6000);

  // Still limited (already at Describe): fails again, and changes nothing.
  std::string before = canonical_dump(store);
  CliResult still = run_sfsync(dir, config, {"sync"});
  EXPECT_EQ(still.code(), 1) << still.err << still.out;
  EXPECT_NE((still.out + still.err).find("API limit"), std::string::npos) << still.out << still.err;
  EXPECT_EQ(canonical_dump(store), before);

  ASSERT_EQ(http("DELETE", emulator.url() + "/__admin/faults").status, 200);
  CliResult resumed = run_sfsync(dir, config, {"sync"});
  EXPECT_EQ(resumed.code(), 0) << resumed.err << resumed.out;
  rows = parse_runs(run_sfsync(dir, config, {"runs"}).out);
  ASSERT_GE(rows.size(), 2u);
  EXPECT_TRUE(rows.front().status == "ok" || rows.front().status == "partial") << rows.front().status;
  EXPECT_EQ(rows.back().status, "failed");

  std::string expected = clean_dump(dir, emulator.url(), syncs);
  std::string got = canonical_dump(store);
  EXPECT_TRUE(got == expected) << first_difference(got, expected);
  EXPECT_EQ(count_rows(store, "SELECT count(*) FROM record_links WHERE sync_id = 'contacts'"), 6000);
  int64_t events = count_rows(store, "SELECT count(*) FROM events");
  EXPECT_GT(events, 1000);

  // A backfill (--full) re-reads everything and changes nothing.
  CliResult backfill = run_sfsync(dir, config, {"sync", "--full"});
  EXPECT_EQ(backfill.code(), 0) << backfill.err << backfill.out;
  got = canonical_dump(store);
  EXPECT_TRUE(got == expected) << first_difference(got, expected);
  EXPECT_EQ(count_rows(store, "SELECT count(*) FROM events"), events);
}

TEST(CliFaults, ServerErrorsAndDroppedConnectionsAreRetriedToTheSameStore) {
  ScratchDir dir;
  EmulatorProcess emulator(kEmulatorBin, {"--port", "0", "--seed", "4", "--accounts", "50", "--contacts", "6000"});
  std::string expected = clean_dump(dir, emulator.url());

  std::string faults = R"({"error_rate":0.15,"error_status":503,"drop_rate":0.1})";
  ASSERT_EQ(http("POST", emulator.url() + "/__admin/faults", faults, {"Content-Type: application/json"}).status, 200);
  std::string store = dir.file("store.db");
  std::string config = dir.write("sfsync.yaml", config_yaml(store, password_connection(emulator.url()),
                                                            kPagedContactSync));
  CliResult r = run_sfsync(dir, config, {"sync"});
  EXPECT_EQ(r.code(), 0) << r.err << r.out;
  std::string got = canonical_dump(store);
  EXPECT_TRUE(got == expected) << first_difference(got, expected);
  // The faults did happen: the run's API report counts the retries.
  EXPECT_GT(count_rows(store, "SELECT sum(json_extract(detail, '$.retries')) FROM executions"), 0);
}

TEST(CliFaults, ExpiredSessionsAndLostQueryLocatorsMidPaginationChangeNothing) {
  ScratchDir dir;
  EmulatorProcess emulator(kEmulatorBin, {"--port", "0", "--seed", "4", "--accounts", "50", "--contacts", "6000"});
  std::string expected = clean_dump(dir, emulator.url());

  ASSERT_EQ(http("POST", emulator.url() + "/__admin/reset").status, 200);  // counters from zero
  std::string faults = R"({"expire_tokens_after_calls":5,"invalid_locator_after_pages":4})";
  ASSERT_EQ(http("POST", emulator.url() + "/__admin/faults", faults, {"Content-Type: application/json"}).status, 200);
  std::string store = dir.file("store.db");
  std::string config = dir.write("sfsync.yaml", config_yaml(store, password_connection(emulator.url()),
                                                            kPagedContactSync));
  CliResult r = run_sfsync(dir, config, {"sync"});
  EXPECT_EQ(r.code(), 0) << r.err << r.out;
  std::string got = canonical_dump(store);
  EXPECT_TRUE(got == expected) << first_difference(got, expected);
  EXPECT_GT(count_rows(store, "SELECT sum(json_extract(detail, '$.session_renewals')) FROM executions"), 0);
  // A lost locator makes the engine query again from its cursor: the first read goes in Id order
  // and needs no deleted records, so both are plain queries (the second from the last Id read).
  // (A session that expires on a query repeats it after the renewal, so count at least two.)
  std::string counters = http("GET", emulator.url() + "/__admin/counters").body;
  size_t at = counters.find("\"query\":");
  ASSERT_NE(at, std::string::npos) << counters;
  EXPECT_GE(std::stoi(counters.substr(at + 8)), 2) << counters;
  EXPECT_EQ(counters.find("queryAll"), std::string::npos) << counters;
}
