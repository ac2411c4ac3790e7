// The fixture of the pull-run integration tests: an in-process emulator (real HTTP) with a small
// org, a fresh SQLite store, and one-call runs of a sync given as YAML.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <thread>

#include <unistd.h>

#include "common/time_util.h"
#include "config/config_loader.h"
#include "runner/connections.h"
#include "runner/interrupted_runs.h"
#include "runner/pull_run.h"
#include "sources/salesforce/cursor.h"
#include "sinks/store/sqlite_store.h"
#include "support/emulator_connection.h"
#include "support/test_http.h"


namespace pull_test {

using namespace sfsync;
using testing_support::http;
using testing_support::InProcessEmulator;

inline std::string config_yaml(const std::string& url, const std::string& syncs) {
  return "store: {path: unused.db}\nconnections:\n" + testing_support::emulator_crm_connection(url) + "syncs:\n" +
         syncs;
}

inline const char* const kContactSync =
    "  - name: contacts\n"
    "    connection: crm\n"
    "    source: {object: Contact}\n"
    "    fields: [FirstName, LastName, Email, Phone, MailingCountry]\n"
    "    identifiers:\n"
    "      - {type: sf_id, template: \"SF_Contact_{{Id}}\"}\n"
    "      - {type: email, field: Email}\n"
    "    attributes:\n"
    "      - {field: LastName, name: last_name}\n"
    "    fixed: {crm_source: salesforce}\n"
    "    on_delete: mark\n";

inline const char* const kCaseEvents =
    "  - name: case_events\n"
    "    connection: crm\n"
    "    source: {object: Case}\n"
    "    target: event\n"
    "    identifiers:\n"
    "      - {type: sf_id, template: \"SF_Contact_{{ContactId}}\"}\n"
    "    event:\n"
    "      name: case_updated\n"
    "      timestamp: {field: LastModifiedDate}\n"
    "      parameters:\n"
    "        - {field: Status, name: status}\n";

// A custom SOQL sync of Contacts named `name`, selecting `select`, with {lastSyncTime}.
inline std::string soql_contact_sync(const std::string& name, const std::string& select) {
  return "  - name: " + name + "\n"
         "    connection: crm\n"
         "    source: {soql: \"SELECT " + select + " FROM Contact WHERE SystemModstamp > {lastSyncTime}\"}\n"
         "    identifiers:\n"
         "      - {type: sf_id, template: \"SF_Contact_{{Id}}\"}\n"
         "    on_delete: mark\n";
}

class PullRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emu::EmulatorOptions o;
    o.seed = 3;
    o.counts = {{"Account", 30}, {"Contact", 500}, {"Case", 200}};
    emulator_ = std::make_unique<InProcessEmulator>(o);
    store_path_ = "/tmp/sfsync-pull-test-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::remove(store_path_.c_str());
    auto store = SqliteStore::open(store_path_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store.value());
  }
  void TearDown() override {
    store_.reset();
    for (const std::string& path : extra_paths_) remove_store_files(path);
    remove_store_files(store_path_);
  }

  static void remove_store_files(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  }
  // A second, empty store beside the test's (removed by TearDown; close it before then).
  std::unique_ptr<SqliteStore> extra_store(const std::string& name) {
    std::string path = store_path_ + "." + name;
    remove_store_files(path);
    extra_paths_.push_back(path);
    auto store = SqliteStore::open(path);
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store ? std::move(store.value()) : nullptr;
  }
  // The emulator answers REQUEST_LIMIT_EXCEEDED after `k` more data calls (until clear_faults()).
  void stop_after_calls(int k) {
    std::string url = emulator_->url();
    std::string body = http("GET", url + "/__admin/counters").body;
    int64_t used = std::stoll(body.substr(body.find("\"api_usage\":") + 12));
    std::string faults = R"({"limit_after_calls":)" + std::to_string(used + k) + "}";
    ASSERT_EQ(http("POST", url + "/__admin/faults", faults, {"Content-Type: application/json"}).status, 200);
  }
  void clear_faults() { ASSERT_EQ(http("DELETE", emulator_->url() + "/__admin/faults").status, 200); }
  // Salesforce reports a long-running transaction open since `ago_ms` ago (until clear_faults());
  // returns when it began.
  int64_t open_transaction(int64_t ago_ms) {
    int64_t since = now_ms() - ago_ms;
    std::string open = R"({"long_transaction_since_ms":)" + std::to_string(since) + "}";
    EXPECT_EQ(http("POST", emulator_->url() + "/__admin/faults", open, {"Content-Type: application/json"}).status, 200);
    return since;
  }

  Result<PullOutcome> run(const std::string& syncs, const std::string& name, bool full = false, int64_t now_ms = 0) {
    return run_into(*store_, syncs, name, full, now_ms);
  }
  Result<PullOutcome> run_into(SqliteStore& store, const std::string& syncs, const std::string& name, bool full,
                               int64_t now_ms = 0) {
    auto config = parse_config(config_yaml(emulator_->url(), syncs), "test.yaml");
    if (!config) return config.error();
    const SyncConfig* sync = config->find_sync(name);
    EXPECT_NE(sync, nullptr);
    auto client = make_salesforce_client(*config->find_connection("crm"), &store);
    if (!client) return client.error();
    PullRequest request;
    request.full = full;
    request.now_ms = now_ms;
    return run_salesforce_pull(*sync, **client, store, request);
  }

  // For each store k >= 1: a run of `sync` (`full` or not) stopped by the API limit after k calls,
  // then a plain run; the store must end equal to `expected` (an uninterrupted run's).
  void expect_stopped_runs_resume(std::vector<std::unique_ptr<SqliteStore>>& stores, const std::string& sync,
                                  bool full, const std::string& expected) {
    for (size_t k = 1; k < stores.size(); ++k) {
      SCOPED_TRACE("stopped after " + std::to_string(k) + " calls");
      stop_after_calls(static_cast<int>(k));
      auto stopped = run_into(*stores[k], sync, "contacts", full);
      clear_faults();
      ASSERT_TRUE(stopped.ok()) << stopped.error().message;
      // Resumed as a plain run: the checkpoint of the stopped read says where it stands.
      auto rerun = run_into(*stores[k], sync, "contacts", false);
      ASSERT_TRUE(rerun.ok()) << rerun.error().message;
      EXPECT_NE(rerun->status, ExecutionStatus::Failed) << rerun->reason;
      EXPECT_EQ(stores[k]->canonical_dump().value(), expected);
    }
  }

  // A change to a record in a later second (empty: none), then the run that reads it.
  Result<PullOutcome> edit_then_run(const std::string& object, const std::string& id, const std::string& change,
                                    const std::string& syncs, const std::string& name) {
    if (!change.empty()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1100));
      EXPECT_EQ(http("PATCH", emulator_->url() + "/__admin/records/" + object + "/" + id, change,
                     {"Content-Type: application/json"}).status, 200);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    return run(syncs, name);
  }

  // The profile's last_name, as the Contact with this Id left it.
  std::string last_name_of(const std::string& id) {
    auto profile = store_->find_profile({"sf_id", "SF_Contact_" + id}, 0);
    if (!profile.ok() || !profile->has_value()) return "";
    for (const StoredAttribute& a : (*profile)->attributes)
      if (a.name == "last_name") return a.value.to_text();
    return "";
  }
  // A change that a transaction open during the last run commits now: saved (stamped) at `stamp_ms`.
  void commit_late(const std::string& id, const std::string& last_name, int64_t stamp_ms) {
    std::string url = emulator_->url();
    ASSERT_EQ(http("PATCH", url + "/__admin/records/Contact/" + id, R"({"LastName":")" + last_name + "\"}",
                   {"Content-Type: application/json"}).status, 200);
    std::string stamp = R"({"object":"Contact","stamp":)" + std::to_string(stamp_ms) + R"(,"ids":[")" + id + "\"]}";
    ASSERT_EQ(http("POST", url + "/__admin/stamp", stamp, {"Content-Type: application/json"}).status, 200);
  }

  std::unique_ptr<InProcessEmulator> emulator_;
  std::string store_path_;
  std::unique_ptr<SqliteStore> store_;
  std::vector<std::string> extra_paths_;
};

}  // namespace pull_test
