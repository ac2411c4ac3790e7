// Pull runs end to end: emulator (real HTTP) → engine → SQLite customer store.
#include "pull_run_support.h"

using namespace pull_test;

TEST_F(PullRunTest, FirstRunLandsEveryContactAsAProfile) {
  auto outcome = run(kContactSync, "contacts");
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_NE(outcome->status, ExecutionStatus::Failed) << outcome->reason;
  EXPECT_EQ(outcome->counts.read, 500);
  auto counts = store_->counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_GT(counts->profiles, 400);  // duplicates in the org merge by email
  EXPECT_LE(counts->profiles, 500);
  // Describe, the getUpdated probe of how far changes are settled, one page of 500 (the login is
  // not a data call).
  EXPECT_EQ(outcome->api.calls, 3);
}

TEST_F(PullRunTest, IncrementalRunLandsChangesExactlyOnce) {
  ASSERT_TRUE(run(kContactSync, "contacts").ok());
  auto before = store_->canonical_dump();
  ASSERT_TRUE(before.ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // stamps have whole seconds
  std::string url = emulator_->url();
  auto created = http("POST", url + "/__admin/records/Contact", R"({"LastName":"Newcomer","Email":"new@example.org"})",
                      {"Content-Type: application/json"});
  ASSERT_EQ(created.status, 200);
  std::string new_id = created.body.substr(7, 18);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));

  auto second = run(kContactSync, "contacts");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->counts.read, 1);
  auto profile = store_->find_profile({"email", "new@example.org"}, 5);
  ASSERT_TRUE(profile.ok() && profile->has_value());

  ASSERT_EQ(http("DELETE", url + "/__admin/records/Contact/" + new_id).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto third = run(kContactSync, "contacts");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->counts.read, 1);
  auto deleted = store_->find_profile({"email", "new@example.org"}, 5);
  ASSERT_TRUE(deleted.ok() && deleted->has_value());
  EXPECT_TRUE((*deleted)->deleted_ms.has_value());

  auto fourth = run(kContactSync, "contacts");
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->counts.read, 0);
}

TEST_F(PullRunTest, FullResyncDoesNotDoubleEvents) {
  ASSERT_TRUE(run(kContactSync, "contacts").ok());
  auto first = run(kCaseEvents, "case_events");
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto counts = store_->counts();
  int64_t events = counts->events;
  EXPECT_GT(events, 0);
  std::string dump = store_->canonical_dump().value();
  auto again = run(kCaseEvents, "case_events", /*full=*/true);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->counts.read, first->counts.read);
  EXPECT_EQ(store_->counts()->events, events);
  EXPECT_EQ(store_->canonical_dump().value(), dump);
}

TEST_F(PullRunTest, UnknownFieldIsABadConfigNamingTheField) {
  std::string sync = kContactSync;
  sync.replace(sync.find("MailingCountry"), 14, "MailingCountri");
  auto outcome = run(sync, "contacts");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, "bad_config");
  EXPECT_NE(outcome.error().message.find("MailingCountri"), std::string::npos) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find("MailingCountry"), std::string::npos) << outcome.error().message;
  EXPECT_EQ(store_->counts()->profiles, 0);
  EXPECT_TRUE(store_->list_executions("", 10)->empty());
}

TEST_F(PullRunTest, UnknownObjectSuggestsTheClosest) {
  std::string sync = kContactSync;
  sync.replace(sync.find("{object: Contact}"), 17, "{object: Contactz}");
  auto outcome = run(sync, "contacts");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, "bad_config");
  const std::string& m = outcome.error().message;
  EXPECT_TRUE(m.find("closest: Contact") != std::string::npos || m.find("did you mean \"Contact\"") != std::string::npos)
      << m;
  EXPECT_NE(outcome.error().message.find("Contactz"), std::string::npos) << outcome.error().message;
}

TEST_F(PullRunTest, ApiLimitFailsTheRunAndKeepsState) {
  ASSERT_EQ(http("POST", emulator_->url() + "/__admin/faults", R"({"limit_after_calls":1})",
                 {"Content-Type: application/json"}).status, 200);
  auto outcome = run(kContactSync, "contacts");
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->status, ExecutionStatus::Failed);
  EXPECT_EQ(outcome->error_code, "api_limit");
  auto runs = store_->list_executions("contacts", 5);
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].status, ExecutionStatus::Failed);
}

TEST_F(PullRunTest, InterruptedRunsAreClosedAsFailed) {
  auto dead = store_->begin_execution("contacts", ExecutionKind::Pull);  // a run whose process died
  ASSERT_TRUE(dead.ok());
  auto closed = close_interrupted_runs(*store_, "contacts");
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(*closed, 1);
  auto run = store_->get_execution(*dead);
  ASSERT_TRUE(run.ok() && run->has_value());
  EXPECT_EQ((*run)->status, ExecutionStatus::Failed);
  EXPECT_NE((*run)->reason.find("interrupted"), std::string::npos);
  EXPECT_EQ(close_interrupted_runs(*store_, "contacts").value(), 0);
}

// A full read finds what was deleted after the recycle bin let go of it (purged, or deleted more
// than ~15 days ago): queryAll by Id confirms each before anything is marked. A record that only
// left the sync's filter is not deleted, and a second full read makes no lookup at all.
TEST_F(PullRunTest, FullReadMarksRecordsDeletedOrPurgedSinceTheLastRun) {
  std::string sync = std::string(kContactSync) + "    filter: {where: \"LastName != 'Filtered Out'\"}\n";
  ASSERT_TRUE(run(sync, "contacts").ok());
  auto linked = store_->linked_record_ids("contacts", "", "", 500);
  ASSERT_TRUE(linked.ok());
  ASSERT_EQ(linked->size(), 500u);
  const std::string purged = (*linked)[10], recycled = (*linked)[200], filtered = (*linked)[300],
                    last = linked->back();  // the last page's range runs to the end
  std::string url = emulator_->url();
  auto profile_of = [&](const std::string& id) { return store_->find_profile({"sf_id", "SF_Contact_" + id}, 0); };
  for (const std::string& id : {purged, recycled, last})
    ASSERT_EQ(http("DELETE", url + "/__admin/records/Contact/" + id).status, 200);
  for (const std::string& id : {purged, last}) ASSERT_EQ(http("POST", url + "/__admin/records/Contact/" + id + "/purge").status, 200);
  ASSERT_EQ(http("PATCH", url + "/__admin/records/Contact/" + filtered, R"({"LastName":"Filtered Out"})",
                 {"Content-Type: application/json"}).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));

  auto full = run(sync, "contacts", /*full=*/true);
  ASSERT_TRUE(full.ok()) << full.error().message;
  EXPECT_NE(full->status, ExecutionStatus::Failed) << full->reason;
  // A deletion releases the record's claim on its profile (marked deleted unless another record,
  // a duplicate of the same person, still claims it).
  auto still_linked = [&](const std::string& id) {
    auto ids = store_->linked_record_ids("contacts", "", "", 1000);
    return std::find(ids->begin(), ids->end(), id) != ids->end();
  };
  for (const std::string& id : {purged, recycled, last}) EXPECT_FALSE(still_linked(id)) << id << " was deleted";
  EXPECT_TRUE(still_linked(filtered)) << "a record that left the filter is not a deletion";
  auto kept = profile_of(filtered);
  ASSERT_TRUE(kept.ok() && kept->has_value());
  EXPECT_FALSE((*kept)->deleted_ms.has_value());
  EXPECT_EQ(store_->linked_record_ids("contacts", "", "", 1000)->size(), 497u);
  EXPECT_EQ(full->counts.read, 496 + 3) << "the live records in the filter, and the three deletions";
  // Describe, the getUpdated probe, the one page of 496 live records (the filtered one is not
  // read), and one queryAll lookup per page range holding missing records: a single page, so one.
  EXPECT_EQ(full->api.calls, 4);

  auto again = run(sync, "contacts", /*full=*/true);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->api.calls, 4) << "the filtered-out record is looked up again, the deleted ones are not";
  EXPECT_EQ(store_->linked_record_ids("contacts", "", "", 1000)->size(), 497u);
}

// Half the org deleted between two full reads: every deletion lands, in batches of their own
// (a lookup per hundred missing Ids), and the live records are untouched.
TEST_F(PullRunTest, FullReadAfterAMassDeletion) {
  std::string sync = std::string(kContactSync) + "    options: {batch_size: 200}\n";
  ASSERT_TRUE(run(sync, "contacts").ok());
  auto linked = store_->linked_record_ids("contacts", "", "", 500);
  ASSERT_EQ(linked->size(), 500u);
  std::string url = emulator_->url();
  for (size_t i = 0; i < linked->size(); i += 2)
    ASSERT_EQ(http("DELETE", url + "/__admin/records/Contact/" + (*linked)[i]).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));

  auto full = run(sync, "contacts", /*full=*/true);
  ASSERT_TRUE(full.ok()) << full.error().message;
  EXPECT_NE(full->status, ExecutionStatus::Failed) << full->reason;
  EXPECT_EQ(full->counts.read, 250 + 250);
  auto left = store_->linked_record_ids("contacts", "", "", 1000);
  ASSERT_EQ(left->size(), 250u);
  for (size_t i = 0; i < left->size(); ++i) EXPECT_EQ((*left)[i], (*linked)[2 * i + 1]);
  // Describe, the getUpdated probe, two query pages, and one lookup per hundred missing Ids of each
  // page's range.
  EXPECT_GE(full->api.calls, 2 + 2 + 3);
  EXPECT_LE(full->api.calls, 2 + 2 + 4);
}

// An incremental run whose cursor is older than the recycle bin's ~15 days says that deletions may
// have been missed, and how to find them; a fresh cursor says nothing.
TEST_F(PullRunTest, ACursorOlderThanTheRecycleBinIsNoted) {
  ASSERT_TRUE(run(kContactSync, "contacts").ok());
  int64_t in_twenty_days = sfsync::now_ms() + 20LL * 24 * 3600 * 1000;
  auto late = run(kContactSync, "contacts", false, in_twenty_days);
  ASSERT_TRUE(late.ok()) << late.error().message;
  ASSERT_EQ(late->notes.size(), 1u);
  EXPECT_NE(late->notes[0].find("more than 15 days ago"), std::string::npos) << late->notes[0];
  EXPECT_NE(late->notes[0].find("sfsync sync contacts --full"), std::string::npos) << late->notes[0];
  auto now = run(kContactSync, "contacts");
  ASSERT_TRUE(now.ok());
  EXPECT_TRUE(now->notes.empty());
}

// What counts is when the changes were last read, not the stamp of the last record changed: an
// object nobody touched for 20 days but synced every 10 hears nothing about the recycle bin.
TEST_F(PullRunTest, AnIdleObjectReadRegularlyIsNotNotedStale) {
  ASSERT_TRUE(run(kContactSync, "contacts").ok());
  const int64_t day = 24LL * 3600 * 1000, now = sfsync::now_ms();
  auto ten = run(kContactSync, "contacts", false, now + 10 * day);
  ASSERT_TRUE(ten.ok()) << ten.error().message;
  EXPECT_TRUE(ten->notes.empty());
  auto twenty = run(kContactSync, "contacts", false, now + 20 * day);
  ASSERT_TRUE(twenty.ok()) << twenty.error().message;
  EXPECT_TRUE(twenty->notes.empty()) << twenty->notes[0];
}

// A full read with deletions stopped at every point of its calls (an API limit here; a crash
// leaves the same committed pages) and run again ends with the store of an uninterrupted one:
// deletion batches carry the checkpoint from before their range, so the rerun redoes the range.
TEST_F(PullRunTest, FullReadWithDeletionsStoppedAnywhereEndsLikeAnUninterruptedOne) {
  std::string sync = std::string(kContactSync) + "    options: {batch_size: 200}\n";
  std::string url = emulator_->url();
  std::vector<std::unique_ptr<SqliteStore>> stores;
  for (int k = 0; k <= 8; ++k) {  // 0: the reference, read without a stop
    stores.push_back(extra_store(std::to_string(k)));
    ASSERT_TRUE(run_into(*stores.back(), sync, "contacts", false).ok());
  }
  // Three in four deleted: the read's one page of 125 comes after two batches of deletions.
  auto linked = stores[0]->linked_record_ids("contacts", "", "", 500);
  for (size_t i = 0; i < linked->size(); ++i) {
    if (i % 4 == 0) continue;
    ASSERT_EQ(http("DELETE", url + "/__admin/records/Contact/" + (*linked)[i]).status, 200);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(run_into(*stores[0], sync, "contacts", true).ok());
  std::string expected = stores[0]->canonical_dump().value();

  expect_stopped_runs_resume(stores, sync, /*full=*/true, expected);
}

namespace {

// Every value type a read must carry the same way through REST JSON and Bulk CSV: strings, dates,
// booleans, a parent's field, currency, integers, datetimes — and nulls.
const char* kTypedSyncs =
    "  - name: contacts\n"
    "    connection: crm\n"
    "    source: {object: Contact}\n"
    "    identifiers:\n"
    "      - {type: sf_id, template: \"SF_Contact_{{Id}}\"}\n"
    "      - {type: email, field: Email}\n"
    "    attributes:\n"
    "      - {field: LastName, name: last_name}\n"
    "      - {field: Birthdate, name: birthday}\n"
    "      - {field: HasOptedOutOfEmail, name: opted_out}\n"
    "      - {field: Account.Name, name: company}\n"
    "      - {field: Title, name: title}\n"
    "    options: {api: API}\n"
    "  - name: accounts\n"
    "    connection: crm\n"
    "    source: {object: Account}\n"
    "    target: object\n"
    "    object: {type: account, id_template: \"SF_Account_{{Id}}\"}\n"
    "    attributes:\n"
    "      - {field: Name, name: name}\n"
    "      - {field: AnnualRevenue, name: revenue}\n"
    "      - {field: NumberOfEmployees, name: employees}\n"
    "      - {field: CreatedDate, name: created}\n"
    "    options: {api: API}\n";

std::string typed_syncs(const std::string& api) {
  std::string s = kTypedSyncs;
  for (size_t at = s.find("API"); at != std::string::npos; at = s.find("API", at)) s.replace(at, 3, api);
  return s;
}

}  // namespace

std::string first_line_that_differs(const std::string& a, const std::string& b) {
  std::istringstream x(a), y(b);
  std::string l, r;
  while (true) {
    bool more_l = static_cast<bool>(std::getline(x, l)), more_r = static_cast<bool>(std::getline(y, r));
    if (!more_l && !more_r) return "(none)";
    if (l != r || more_l != more_r) return "\n  " + l + "\n  " + r;
  }
}

// `api: bulk` reads through Bulk API 2.0 query jobs (CSV) and lands exactly what REST (JSON) lands.
TEST_F(PullRunTest, BulkReadLandsWhatARestReadLands) {
  for (const char* name : {"contacts", "accounts"}) ASSERT_TRUE(run(typed_syncs("rest"), name).ok()) << name;
  std::string rest = store_->canonical_dump().value();

  auto bulk_store = extra_store("bulk");
  ASSERT_TRUE(bulk_store);
  std::string url = emulator_->url();
  for (const char* name : {"contacts", "accounts"}) {
    auto outcome = run_into(*bulk_store, typed_syncs("bulk"), name, false);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    EXPECT_EQ(outcome->status, ExecutionStatus::Ok) << outcome->reason;
  }
  std::string counters = http("GET", url + "/__admin/counters").body;
  EXPECT_NE(counters.find("\"bulk_query_create\":2"), std::string::npos) << counters;
  std::string bulk = bulk_store->canonical_dump().value();
  EXPECT_TRUE(bulk == rest) << "first difference: " << first_line_that_differs(bulk, rest);

  // An incremental run after it stays on REST (Bulk is for whole-object reads).
  auto again = run_into(*bulk_store, typed_syncs("bulk"), "contacts", false);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(http("GET", url + "/__admin/counters").body.find("\"bulk_query_create\":2"), std::string::npos);
}

// A Bulk read stopped at any call (job creation, a status poll, a result set) and run again ends
// with the store of an uninterrupted read: the rerun starts a new job from the stored cursor.
TEST_F(PullRunTest, BulkReadStoppedAnywhereResumes) {
  emu::EmulatorOptions o;
  o.seed = 4;
  o.counts = {{"Account", 30}, {"Contact", 2500}};
  emulator_ = std::make_unique<InProcessEmulator>(o);
  std::string sync = typed_syncs("bulk");
  sync.replace(sync.find("{api: bulk}"), 11, "{api: bulk, batch_size: 200}");  // result sets of 1,000 rows
  ASSERT_TRUE(run(sync, "contacts").ok());
  std::string expected = store_->canonical_dump().value();
  {  // three result sets land what REST lands
    auto rest = extra_store("rest");
    ASSERT_TRUE(rest);
    ASSERT_TRUE(run_into(*rest, typed_syncs("rest"), "contacts", false).ok());
    EXPECT_EQ(rest->canonical_dump().value(), expected);
  }
  for (int k = 1; k <= 7; ++k) {
    SCOPED_TRACE("stopped after " + std::to_string(k) + " calls");
    auto store = extra_store("stop" + std::to_string(k));
    ASSERT_TRUE(store);
    stop_after_calls(k);
    auto stopped = run_into(*store, sync, "contacts", false);
    clear_faults();
    ASSERT_TRUE(stopped.ok()) << stopped.error().message;
    auto rerun = run_into(*store, sync, "contacts", false);
    ASSERT_TRUE(rerun.ok()) << rerun.error().message;
    EXPECT_EQ(rerun->status, ExecutionStatus::Ok) << rerun->reason;
    EXPECT_EQ(store->canonical_dump().value(), expected);
  }
}

// A Bulk read survives what a REST read survives: sessions that expire between its calls (a long
// download outlives a token: singer-io#222) and server errors on its job calls.
TEST_F(PullRunTest, BulkReadRenewsSessionsAndRetriesServerErrors) {
  ASSERT_EQ(http("POST", emulator_->url() + "/__admin/faults",
                 R"({"expire_tokens_after_calls":3,"fail_next":2,"fail_next_status":503,"next_path_filter":"jobs/query"})",
                 {"Content-Type: application/json"}).status, 200);
  std::string sync = std::string(kContactSync) + "    options: {api: bulk, batch_size: 200}\n";
  auto outcome = run(sync, "contacts");
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->status, ExecutionStatus::Ok) << outcome->reason;
  EXPECT_EQ(outcome->counts.read, 500);
  EXPECT_GE(outcome->api.session_renewals, 1);
  EXPECT_GE(outcome->api.retries, 1);  // a 503 that meets an expired token is a renewal instead
}

// A connection stops its calls once the org's daily API usage reaches max_api_usage_percent of the
// limit, like an API limit: the run fails with its pages kept, and the next run resumes.
TEST_F(PullRunTest, RunsStopAtTheConnectionsShareOfTheOrgsApiLimit) {
  emu::EmulatorOptions o;
  o.seed = 3;
  o.counts = {{"Account", 5}, {"Contact", 2000}};
  o.daily_api_limit = 20;
  emulator_ = std::make_unique<InProcessEmulator>(o);
  std::string sync = std::string(kContactSync) + "    options: {batch_size: 200}\n";
  auto with_budget = [&](int percent) {
    std::string yaml = config_yaml(emulator_->url(), sync);
    yaml.replace(yaml.find("  crm:\n"), 7, "  crm:\n    max_api_usage_percent: " + std::to_string(percent) + "\n");
    return yaml;
  };
  auto run_yaml = [&](const std::string& yaml) -> Result<PullOutcome> {
    auto config = parse_config(yaml, "test.yaml");
    if (!config) return config.error();
    auto client = make_salesforce_client(*config->find_connection("crm"), store_.get());
    if (!client) return client.error();
    return run_salesforce_pull(*config->find_sync("contacts"), **client, *store_, PullRequest{});
  };
  auto stopped = run_yaml(with_budget(50));
  ASSERT_TRUE(stopped.ok()) << stopped.error().message;
  EXPECT_EQ(stopped->status, ExecutionStatus::Failed);
  EXPECT_EQ(stopped->error_code, "api_limit");
  EXPECT_NE(stopped->reason.find("max_api_usage_percent"), std::string::npos) << stopped->reason;
  EXPECT_LE(stopped->api.org_used, 11) << "calls went on past 50% of 20";
  size_t kept = store_->linked_record_ids("contacts", "", "", 5000)->size();
  EXPECT_GT(kept, 0u);
  EXPECT_LT(kept, 2000u);

  auto resumed = run_yaml(with_budget(100));
  ASSERT_TRUE(resumed.ok()) << resumed.error().message;
  EXPECT_EQ(resumed->status, ExecutionStatus::Ok) << resumed->reason;
  EXPECT_EQ(store_->linked_record_ids("contacts", "", "", 5000)->size(), 2000u);
  EXPECT_EQ(stopped->counts.read + resumed->counts.read, 2000) << "nothing read twice, nothing lost";
}
