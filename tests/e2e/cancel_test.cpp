// SIGTERM / SIGINT (Ctrl-C) during `sfsync sync`: the run stops at a page boundary, is recorded as
// failed/cancelled with every committed page kept, the process exits by itself with code 1, and
// the next run completes to the store of a clean sync.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <thread>

#include "e2e/e2e_env.h"
#include "support/test_http.h"

using namespace e2e;
using testing_support::EmulatorProcess;

namespace {

const char* const kContactSync =
    "  - name: contacts\n"
    "    connection: crm\n"
    "    source: {object: Contact}\n"
    "    identifiers:\n"
    "      - {type: email, field: Email}\n"
    "      - {type: sf_contact_id, template: \"SF_Contact_{{Id}}\"}\n"
    "    attributes:\n"
    "      - {field: LastName, name: last_name}\n"
    "      - {field: Title, name: title}\n"
    "    options: {batch_size: 500}\n";

}  // namespace

TEST(Cancel, SignalStopsTheRunCleanlyAndTheNextRunCompletes) {
  ScratchDir dir;
  EmulatorProcess emulator(kEmulatorBin, {"--port", "0", "--seed", "8", "--contacts", "40000", "--latency-ms", "5"});
  std::string connections = password_connection(emulator.url());
  std::string clean_store = dir.file("clean.db");
  CliResult clean =
      run_sfsync(dir, dir.write("clean.yaml", config_yaml(clean_store, connections, kContactSync)), {"sync"});
  ASSERT_EQ(clean.code(), 0) << clean.err;

  std::string store = dir.file("store.db");
  std::string config = dir.write("sfsync.yaml", config_yaml(store, connections, kContactSync));
  for (int sig : {SIGTERM, SIGINT}) {
    SCOPED_TRACE(sig == SIGTERM ? "SIGTERM" : "SIGINT");
    int64_t before = count_rows(store, "SELECT count(*) FROM record_links");
    ChildProcess child(kSfsyncBin, with_config(config, {"sync"}), dir.path(), clean_env());
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline && !child.poll() &&
           count_rows(store, "SELECT count(*) FROM record_links") <= std::max<int64_t>(before, 0))
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    child.send(sig);
    ExitStatus status = child.wait();
    ASSERT_TRUE(status.exited()) << "killed by signal " << status.signal;
    EXPECT_EQ(status.code, 1) << child.out() << child.err();
    EXPECT_LT(count_rows(store, "SELECT count(*) FROM record_links"), 40000) << "the run was not stopped";
  }
  CliResult runs = run_sfsync(dir, config, {"runs"});
  auto rows = parse_runs(runs.out);
  ASSERT_EQ(rows.size(), 2u) << runs.out;
  for (const auto& row : rows) {
    EXPECT_EQ(row.status, "failed") << runs.out;
    EXPECT_NE(row.reason.find("cancel"), std::string::npos) << runs.out;
  }

  CliResult last = run_sfsync(dir, config, {"sync"});
  ASSERT_EQ(last.code(), 0) << last.err;
  std::string expected = canonical_dump(clean_store);
  std::string got = canonical_dump(store);
  EXPECT_TRUE(got == expected) << first_difference(got, expected);
}
