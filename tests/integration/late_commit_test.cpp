// Records Salesforce commits after a run read past their stamps: long-running transactions (the
// getUpdated probe) and short ones (the lookback window), for object and custom SOQL syncs.
#include "pull_run_support.h"

using namespace pull_test;

// While Salesforce reports a long-running transaction (getUpdated's latestDateCovered held at its
// start), a run reads changes only up to that start: what the transaction writes carries older
// stamps than the changes around it, and a cursor past them would skip them for good.
TEST_F(PullRunTest, ARunStopsWhereALongRunningTransactionBegan) {
  ASSERT_TRUE(run(kContactSync, "contacts").ok());
  std::string url = emulator_->url();
  std::string id = store_->linked_record_ids("contacts", "", "", 1)->front();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_EQ(http("PATCH", url + "/__admin/records/Contact/" + id, R"({"LastName":"Changed"})",
                 {"Content-Type: application/json"}).status, 200);
  int64_t since = open_transaction(5 * 60 * 1000);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));

  auto held = run(kContactSync, "contacts");
  ASSERT_TRUE(held.ok()) << held.error().message;
  EXPECT_EQ(held->counts.read, 0) << "the change comes after the open transaction's start";
  ASSERT_EQ(held->notes.size(), 1u);
  EXPECT_NE(held->notes[0].find("long-running transaction"), std::string::npos) << held->notes[0];
  // Begun five minutes ago, before the probe's first one-minute window: it looked further back,
  // and the bound is the transaction's start, not that window's.
  std::optional<Cursor> cursor = Cursor::parse(store_->read_sync_state("contacts").value()->checkpoint);
  ASSERT_TRUE(cursor.has_value());
  EXPECT_LT(cursor->read_to_ms, since);
  EXPECT_GT(cursor->read_to_ms, since - 60 * 1000);

  clear_faults();  // the transaction committed
  auto after = run(kContactSync, "contacts");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->counts.read, 1);
  EXPECT_TRUE(after->notes.empty());
}

// A record Salesforce stamps before a run's bound but commits after the run read past it (a
// trigger or flow still running) is invisible to that run and behind its cursor for the next.
// The next run reads again the changes stamped within `lookback_seconds` of the bound the cursor
// was read under; once a run's bound is that far past the cursor, the window is closed.
TEST_F(PullRunTest, ALateCommitBehindTheCursorIsReadAgain) {
  auto late_commit = [&](const std::string& lookback, const std::string& new_name) {
    std::string sync = std::string(kContactSync) + "    options: {lookback_seconds: " + lookback + "}\n";
    auto first = run(sync, "contacts");
    EXPECT_TRUE(first.ok());
    std::optional<Cursor> cursor = Cursor::parse(store_->read_sync_state("contacts").value()->checkpoint);
    EXPECT_TRUE(cursor && cursor->read_to_ms > 0);
    std::string id = store_->linked_record_ids("contacts", "", "", 1)->front();
    commit_late(id, new_name, cursor->stamp_ms - 1000);
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // the next bound: 2 s past the cursor
    auto second = run(sync, "contacts");
    EXPECT_TRUE(second.ok());
    return std::make_pair(*second, last_name_of(id));
  };

  auto [missed, stale_name] = late_commit("0", "LateCommit0");
  EXPECT_EQ(missed.counts.rechecked, 0);
  EXPECT_NE(stale_name, "LateCommit0") << "without a lookback the late commit is lost: this test can fail";

  store_ = extra_store("lookback");
  auto [found, name] = late_commit("2", "LateCommit2");
  EXPECT_EQ(found.counts.read, 0) << "nothing past the cursor";
  EXPECT_EQ(found.counts.rechecked, 1);
  EXPECT_EQ(found.status, ExecutionStatus::Ok);
  EXPECT_EQ(name, "LateCommit2");

  std::string sync = std::string(kContactSync) + "    options: {lookback_seconds: 2}\n";
  auto third = run(sync, "contacts");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->counts.rechecked, 0) << "the second run's bound is 2 s past the cursor: the window is closed";
  EXPECT_EQ(third->api.calls, 3) << "describe, getUpdated, one query";
}

// A custom SOQL sync reads from {lastSyncTime} = the last run's bound minus lookback_seconds: the
// same late commits are read again (idempotently; its records are in no order to count apart).
TEST_F(PullRunTest, ACustomSoqlSyncReadsTheLookbackWindowAgain) {
  auto late_commit = [&](const std::string& lookback, const std::string& new_name) {
    std::string sync =
        "  - name: soql_contacts\n"
        "    connection: crm\n"
        "    source: {soql: \"SELECT Id, LastName FROM Contact WHERE SystemModstamp > {lastSyncTime}\"}\n"
        "    identifiers:\n"
        "      - {type: sf_id, template: \"SF_Contact_{{Id}}\"}\n"
        "    attributes:\n"
        "      - {field: LastName, name: last_name}\n"
        "    options: {lookback_seconds: " + lookback + "}\n";
    EXPECT_TRUE(run(sync, "soql_contacts").ok());
    std::string checkpoint = store_->read_sync_state("soql_contacts").value()->checkpoint;
    int64_t bound = std::stoll(checkpoint.substr(checkpoint.find('|') + 1));
    std::string id = store_->linked_record_ids("soql_contacts", "", "", 1)->front();
    commit_late(id, new_name, bound - 1000);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    auto second = run(sync, "soql_contacts");
    EXPECT_TRUE(second.ok());
    return std::make_pair(second->counts.read, last_name_of(id));
  };
  auto [missed, stale_name] = late_commit("0", "Late0");
  EXPECT_EQ(missed, 0);
  EXPECT_NE(stale_name, "Late0") << "without a lookback the late commit is lost: this test can fail";

  store_ = extra_store("lookback");
  auto [found, name] = late_commit("5", "Late5");
  EXPECT_EQ(found, 1);
  EXPECT_EQ(name, "Late5");
}

// Custom SOQL has no upper bound in its query, but its bound is the next run's {lastSyncTime}: an
// open long-running transaction holds that back to the transaction's start, so what it commits
// later is read by a later run.
TEST_F(PullRunTest, ACustomSoqlBoundStopsWhereALongRunningTransactionBegan) {
  const std::string sync =
      "  - name: soql_contacts\n"
      "    connection: crm\n"
      "    source: {soql: \"SELECT Id, LastName FROM Contact WHERE SystemModstamp > {lastSyncTime}\"}\n"
      "    identifiers:\n"
      "      - {type: sf_id, template: \"SF_Contact_{{Id}}\"}\n"
      "    options: {lookback_seconds: 0}\n";
  ASSERT_TRUE(run(sync, "soql_contacts").ok());
  int64_t since = open_transaction(5 * 60 * 1000);
  auto held = run(sync, "soql_contacts");
  ASSERT_TRUE(held.ok()) << held.error().message;
  ASSERT_EQ(held->notes.size(), 1u);
  EXPECT_NE(held->notes[0].find("long-running transaction"), std::string::npos) << held->notes[0];
  std::string checkpoint = store_->read_sync_state("soql_contacts").value()->checkpoint;
  int64_t bound = std::stoll(checkpoint.substr(checkpoint.find('|') + 1));
  EXPECT_LT(bound, since) << "the next run starts before the transaction";
}

// A transaction that began before the cursor and commits after a run found it open: that run's
// capped bound becomes the cursor's, so the next run reads again from before the transaction's
// start and finds what it committed, however far behind the cursor.
TEST_F(PullRunTest, WhatAnOpenTransactionCommitsBehindTheCursorIsReadOnceItCommits) {
  const std::string sync = std::string(kContactSync) + "    options: {lookback_seconds: 1}\n";
  ASSERT_TRUE(run(sync, "contacts").ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(run(sync, "contacts").ok());  // its bound is past the lookback: the window is closed
  int64_t since = open_transaction(4 * 60 * 1000);
  auto held = run(sync, "contacts");
  ASSERT_TRUE(held.ok()) << held.error().message;
  ASSERT_EQ(held->notes.size(), 1u);

  clear_faults();  // it commits a change saved just after it began
  std::string id = store_->linked_record_ids("contacts", "", "", 1)->front();
  commit_late(id, "FromTheBatch", since + 1000);
  auto after = run(sync, "contacts");
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->counts.rechecked, 1);
  EXPECT_EQ(last_name_of(id), "FromTheBatch");
}

// Salesforce times out a query that would match too many rows (QUERY_TIMEOUT): the run asks again
// for half the stamp window until it answers, reads that much, and says so; the runs after it go
// on from there, and together they land every change once.
TEST_F(PullRunTest, AQueryTimeoutNarrowsTheWindowAndLaterRunsGoOn) {
  const std::string sync = std::string(kContactSync) + "    options: {lookback_seconds: 0}\n";
  int64_t bound = now_ms() - 3600 * 1000;
  auto first = run(sync, "contacts", false, bound);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->counts.read, 500) << "the seeded org is older than an hour";
  auto ids = store_->linked_record_ids("contacts", "", "", 500).value();
  for (size_t i = 0; i < 300; ++i) {  // 300 changes, ten seconds apart, after the first run's bound
    std::string body = R"({"object":"Contact","stamp":)" + std::to_string(bound + 10'000 * int64_t(i + 1)) +
                       R"(,"ids":[")" + ids[i] + "\"]}";
    ASSERT_EQ(http("POST", emulator_->url() + "/__admin/stamp", body, {"Content-Type: application/json"}).status, 200);
  }
  ASSERT_EQ(http("POST", emulator_->url() + "/__admin/faults", R"({"query_timeout_over_rows":100})",
                 {"Content-Type: application/json"}).status, 200);
  int64_t read = 0;
  int runs = 0, narrowed = 0;
  while (read < 300 && runs < 12) {
    auto outcome = run(sync, "contacts");
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_EQ(outcome->status, ExecutionStatus::Ok) << outcome->reason;
    ASSERT_GT(outcome->counts.read, 0) << "each run makes progress";
    read += outcome->counts.read;
    ++runs;
    for (const std::string& note : outcome->notes) narrowed += note.find("QUERY_TIMEOUT") != std::string::npos;
  }
  EXPECT_EQ(read, 300) << "every change once";
  EXPECT_GE(narrowed, 2);
}
