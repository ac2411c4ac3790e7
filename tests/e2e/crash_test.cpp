// Crash: `sfsync sync` over 200k Contacts (profiles) and their Cases (events), killed with SIGKILL
// at seeded random points and rerun each time, must end with the store a clean sync writes: the
// same profiles, identifiers, events and record links, nothing doubled (canonical_dump).
//
// Kill points: one early (login / describe / first page, by time since start), the others once the
// store shows a chosen amount of progress plus a random jitter of a few ms — so they land inside a
// page transaction, between pages, while mapping, and during the event sync.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "e2e/e2e_env.h"
#include "support/test_http.h"

using namespace e2e;
using testing_support::EmulatorProcess;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kContacts = 200000;

const char* const kSyncs =
    "  - name: contacts\n"
    "    connection: crm\n"
    "    source: {object: Contact}\n"
    "    fields: [Id]\n"
    "    identifiers:\n"
    "      - {type: email, field: Email}\n"
    "      - {type: sf_contact_id, template: \"SF_Contact_{{Id}}\"}\n"
    "    attributes:\n"
    "      - {field: FirstName, name: first_name}\n"
    "      - {field: LastName, name: last_name}\n"
    "      - {field: Title, name: title}\n"
    "      - {field: Department, name: department}\n"
    "      - {field: LeadSource, name: lead_source}\n"
    "      - {field: Birthdate, name: birthday, type: date}\n"
    "      - {field: HasOptedOutOfEmail, name: email_opt_out, type: boolean}\n"
    "      - {field: MailingCity, name: city}\n"
    "      - {field: MailingCountry, name: country}\n"
    "      - {field: Account.Name, name: company}\n"
    "      - {field: CreatedDate, name: customer_since, type: datetime}\n"
    "    fixed: {crm_source: salesforce}\n"
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
    "        - {field: Priority, name: priority}\n"
    "        - {field: Subject, name: subject}\n"
    "    options: {batch_size: 1000}\n";

// Committed progress of a store: the highest profile id plus the highest event id. Both only grow
// while a sync lands new records (cheap to read: two index lookups).
int64_t progress(const std::string& store) {
  return count_rows(store, "SELECT coalesce((SELECT max(id) FROM profiles), 0) + "
                           "coalesce((SELECT max(id) FROM events), 0)");
}

struct KillPoint {
  int64_t after_ms = -1;  // kill this long after the start, or
  int64_t progress = 0;   // once the store shows this much progress,
  int jitter_ms = 0;      // then after this many more ms
};

// Seeded kill plan: one early kill by time, four during the contact sync, two during the events.
std::vector<KillPoint> plan_kills(std::mt19937_64& rng, int64_t profiles, int64_t events) {
  auto uniform = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
  std::vector<KillPoint> plan;
  plan.push_back({uniform(5, 150), 0, 0});
  std::vector<int64_t> targets;
  for (int i = 0; i < 4; ++i) targets.push_back(uniform(profiles / 50, profiles * 95 / 100));
  for (int i = 0; i < 2; ++i) targets.push_back(profiles + uniform(events / 20, events * 9 / 10));
  std::sort(targets.begin(), targets.end());
  for (int64_t t : targets) plan.push_back({-1, t, static_cast<int>(uniform(0, 40))});
  return plan;
}

// Runs `sfsync sync` until the kill point; returns true when the process was killed while running.
bool run_and_kill(const ScratchDir& dir, const std::string& config, const std::string& store, const KillPoint& k) {
  ChildProcess child(kSfsyncBin, with_config(config, {"sync"}), dir.path(), clean_env());
  auto deadline = Clock::now() + std::chrono::seconds(120);
  if (k.after_ms >= 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(k.after_ms));
  } else {
    while (Clock::now() < deadline && !child.poll() && progress(store) < k.progress)
      std::this_thread::sleep_for(std::chrono::milliseconds(3));
    std::this_thread::sleep_for(std::chrono::milliseconds(k.jitter_ms));
  }
  bool killed = child.kill_now();
  if (!killed) ADD_FAILURE() << "sfsync ended before its kill point: " << child.out() << child.err();
  return killed;
}

}  // namespace

TEST(Crash, SyncKilledAtRandomPointsEndsEqualToACleanSync) {
  auto started = Clock::now();
  ScratchDir dir;
  EmulatorProcess emulator(kEmulatorBin, {"--port", "0", "--seed", "17", "--accounts", "4000", "--contacts",
                                          std::to_string(kContacts), "--cases", "30000"});
  std::string connections = password_connection(emulator.url());
  auto seconds = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
  double emulator_ready = seconds();

  // The reference: one clean run into a fresh store.
  std::string clean_store = dir.file("clean.db");
  std::string clean_config = dir.write("clean.yaml", config_yaml(clean_store, connections, kSyncs));
  CliResult clean = run_sfsync(dir, clean_config, {"sync"});
  ASSERT_EQ(clean.code(), 0) << clean.err << clean.out;
  double clean_done = seconds();
  int64_t profiles = count_rows(clean_store, "SELECT max(id) FROM profiles");
  int64_t events = count_rows(clean_store, "SELECT max(id) FROM events");
  ASSERT_GT(profiles, kContacts / 2);
  ASSERT_GT(events, 1000);

  std::string store = dir.file("crashed.db");
  // The crashed runs buffer new identifiers once a third of the people are in (insert-first before):
  // kills land in both ways of writing them.
  std::string buffer_option = "identifier_buffer_above_profiles: " + std::to_string(profiles / 3);
  std::string config = dir.write("crashed.yaml", config_yaml(store, connections, kSyncs, buffer_option));
  std::mt19937_64 rng(20261124);
  int kills = 0, kills_while_buffering = 0;
  for (const KillPoint& k : plan_kills(rng, profiles, events)) {
    SCOPED_TRACE("kill point after_ms=" + std::to_string(k.after_ms) + " progress=" + std::to_string(k.progress) +
                 " jitter=" + std::to_string(k.jitter_ms));
    kills += run_and_kill(dir, config, store, k) ? 1 : 0;
    if (count_rows(store, "SELECT count(*) FROM pending_identifiers") > 0) ++kills_while_buffering;
  }
  EXPECT_GE(kills, 5);
  EXPECT_GE(kills_while_buffering, 1) << "no kill left buffered identifiers behind";
  // What the kills left: runs that never finished, and a store part way through.
  EXPECT_GT(progress(store), 0);
  EXPECT_LT(count_rows(store, "SELECT count(*) FROM events"), count_rows(clean_store, "SELECT count(*) FROM events"));

  CliResult last = run_sfsync(dir, config, {"sync"});
  ASSERT_EQ(last.code(), 0) << last.err << last.out;
  double crashed_done = seconds();

  std::string expected = canonical_dump(clean_store);
  std::string got = canonical_dump(store);
  EXPECT_EQ(line_count(got), line_count(expected));
  EXPECT_TRUE(got == expected) << first_difference(got, expected);
  // Nothing doubled: one event per case version, one link per record.
  EXPECT_EQ(count_rows(store, "SELECT count(*) FROM events"), count_rows(clean_store, "SELECT count(*) FROM events"));
  EXPECT_EQ(count_rows(store, "SELECT count(*) FROM events"),
            count_rows(store, "SELECT count(DISTINCT source_record) FROM events"));
  EXPECT_EQ(count_rows(store, "SELECT count(*) FROM record_links WHERE sync_id = 'contacts'"), kContacts);

  // `sfsync runs` tells the killed runs apart: none is left "running".
  CliResult runs = run_sfsync(dir, config, {"runs", "-n", "100"});
  ASSERT_EQ(runs.code(), 0) << runs.err;
  int interrupted = 0;
  for (const RunRow& row : parse_runs(runs.out)) {
    EXPECT_NE(row.status, "running") << row.id << " " << row.sync;
    if (row.status == "failed" && row.reason.find("interrupted") != std::string::npos) ++interrupted;
  }
  EXPECT_GE(interrupted, kills - 1) << runs.out;  // the early kill may land before the run was recorded

  std::printf("[ timing ] emulator %.1fs, clean sync %.1fs, %d kills + final run %.1fs, total %.1fs\n",
              emulator_ready, clean_done - emulator_ready, kills, crashed_done - clean_done, seconds());
}
