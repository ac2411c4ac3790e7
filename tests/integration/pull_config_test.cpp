// What a sync's configuration changes about its runs: a changed filter or mapping, fast_fail,
// custom SOQL that selects IsDeleted.
#include "pull_run_support.h"

using namespace pull_test;

// A checkpoint holds only for the filter and mapping that made it: a wider filter brings the
// records it used to leave out, a new attribute reaches the records already read — and the run
// says why it reads everything again. Renaming nothing else (the schedule, say) keeps it.
TEST_F(PullRunTest, AChangedFilterOrMappingReadsEveryRecordAgain) {
  const std::string base = std::string(kContactSync);
  const std::string narrow = base + "    filter: {where: \"MailingCountry = 'US'\"}\n";
  auto first = run(narrow, "contacts");
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_GT(first->counts.read, 0);
  ASSERT_LT(first->counts.read, 500);

  auto same = run(narrow + "    options: {schedule: \"0 * * * *\"}\n", "contacts");
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->counts.read, 0) << "a schedule is not what the records are";
  EXPECT_TRUE(same->notes.empty());

  auto widened = run(base, "contacts");
  ASSERT_TRUE(widened.ok()) << widened.error().message;
  EXPECT_EQ(widened->counts.read, 500);
  ASSERT_FALSE(widened->notes.empty());
  EXPECT_NE(widened->notes[0].find("changed since its last run"), std::string::npos) << widened->notes[0];
  EXPECT_EQ(store_->linked_record_ids("contacts", "", "", 1000)->size(), 500u);

  std::string with_title = base;
  with_title.replace(with_title.find("      - {field: LastName, name: last_name}\n"), 0,
                     "      - {field: FirstName, name: first_name}\n");
  auto remapped = run(with_title, "contacts");
  ASSERT_TRUE(remapped.ok());
  EXPECT_EQ(remapped->counts.read, 500);
  std::string id = store_->linked_record_ids("contacts", "", "", 1)->front();
  auto profile = store_->find_profile({"sf_id", "SF_Contact_" + id}, 0);
  ASSERT_TRUE(profile.ok() && profile->has_value());
  bool has_first_name = false;
  for (const StoredAttribute& a : (*profile)->attributes) has_first_name = has_first_name || a.name == "first_name";
  EXPECT_TRUE(has_first_name) << "a profile read before the new attribute has it now";
  auto again = run(with_title, "contacts");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->counts.read, 0);
}

// Stores written before the mapping was part of the fingerprint keep their checkpoint.
TEST_F(PullRunTest, AStoreFromBeforeMappingFingerprintsKeepsItsCheckpoint) {
  ASSERT_TRUE(run(kContactSync, "contacts").ok());
  std::string checkpoint = store_->read_sync_state("contacts").value()->checkpoint;
  ASSERT_TRUE(store_->apply_page("contacts", 0, {}, Checkpoint{checkpoint}, ApplyOptions{false, "object:Contact"}).ok());
  auto next = run(kContactSync, "contacts");
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->counts.read, 0);
  EXPECT_TRUE(next->notes.empty());
}

// `fast_fail`: the first record the mapping skips (a Case without a contact names nobody) stops
// the run before its page lands; its issue is the run's record error, and without the option the
// same run goes on and ends partial.
TEST_F(PullRunTest, FastFailStopsAtTheFirstSkippedRecordWithoutWritingItsPage) {
  ASSERT_TRUE(run(kContactSync, "contacts").ok());
  std::string strict = std::string(kCaseEvents) + "    options: {fast_fail: true, batch_size: 200}\n";
  auto stopped = run(strict, "case_events");
  ASSERT_TRUE(stopped.ok()) << stopped.error().message;
  EXPECT_EQ(stopped->status, ExecutionStatus::Failed);
  EXPECT_EQ(stopped->error_code, "fast_fail");
  EXPECT_NE(stopped->reason.find("no_valid_identifier"), std::string::npos) << stopped->reason;
  EXPECT_EQ(stopped->counts.skipped, 0);
  auto errors = store_->execution_errors(stopped->execution_id, 10);
  ASSERT_TRUE(errors.ok());
  EXPECT_EQ(errors->size(), 1u);
  EXPECT_FALSE(store_->read_sync_state("case_events").value().has_value()) << "the page was not written";

  auto lenient = run(kCaseEvents, "case_events");
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->status, ExecutionStatus::Partial) << lenient->reason;
  EXPECT_GT(lenient->counts.skipped, 0);
  EXPECT_EQ(lenient->counts.read, 200);
}

// A custom SOQL sync whose SELECT list has IsDeleted runs as queryAll: a deleted record comes back
// flagged and reaches on_delete. Without IsDeleted it could not be told from a live one, so the
// query stays a plain one and deletions are not seen.
TEST_F(PullRunTest, ACustomSoqlSelectingIsDeletedSeesDeletions) {
  auto soql_sync = [](const std::string& select) { return soql_contact_sync("soql_contacts", select); };
  const std::string with_flag = soql_sync("Id, LastName, IsDeleted");
  ASSERT_TRUE(run(with_flag, "soql_contacts").ok());
  const std::string plain = soql_sync("Id, LastName");
  auto other = extra_store("plain");
  ASSERT_TRUE(run_into(*other, plain, "soql_contacts", false).ok());

  std::string id = store_->linked_record_ids("soql_contacts", "", "", 1)->front();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_EQ(http("DELETE", emulator_->url() + "/__admin/records/Contact/" + id).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));

  auto seen = run(with_flag, "soql_contacts");
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  EXPECT_EQ(seen->applied.deletions, 1);
  auto profile = store_->find_profile({"sf_id", "SF_Contact_" + id}, 0);
  ASSERT_TRUE(profile.ok() && profile->has_value());
  EXPECT_TRUE((*profile)->deleted_ms.has_value());

  auto unseen = run_into(*other, plain, "soql_contacts", false);
  ASSERT_TRUE(unseen.ok());
  EXPECT_EQ(unseen->applied.deletions, 0);
  EXPECT_EQ(unseen->counts.read, 0) << "a plain query does not return the deleted record at all";
}

// A Bulk query job that never finishes does not hold the run (and the daemon) for good: after
// `bulk_job_timeout_seconds` the job is aborted and the run fails with its cursor kept; the next
// run starts a new job.
TEST_F(PullRunTest, AStuckBulkQueryJobIsAbortedAfterItsTimeout) {
  const std::string sync = std::string(kContactSync) + "    options: {api: bulk, bulk_job_timeout_seconds: 1}\n";
  ASSERT_EQ(http("POST", emulator_->url() + "/__admin/faults", R"({"bulk_query_stuck":true})",
                 {"Content-Type: application/json"}).status, 200);
  auto stuck = run(sync, "contacts");
  ASSERT_TRUE(stuck.ok()) << stuck.error().message;
  EXPECT_EQ(stuck->status, ExecutionStatus::Failed);
  EXPECT_EQ(stuck->error_code, "bulk_timeout");
  EXPECT_NE(stuck->reason.find("aborted it"), std::string::npos) << stuck->reason;
  EXPECT_EQ(store_->counts()->profiles, 0);

  clear_faults();
  auto next = run(sync, "contacts");
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->status, ExecutionStatus::Ok) << next->reason;
  EXPECT_EQ(next->counts.read, 500);
}

// Bulk API 2.0 cannot select a compound field: such a sync reads through REST and says why,
// instead of failing every run.
TEST_F(PullRunTest, ABulkSyncWithACompoundFieldReadsThroughRest) {
  std::string sync = std::string(kContactSync) + "    options: {api: bulk}\n";
  sync.replace(sync.find("MailingCountry]"), 15, "MailingCountry, MailingAddress]");
  auto outcome = run(sync, "contacts");
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->status, ExecutionStatus::Ok) << outcome->reason;
  EXPECT_EQ(outcome->counts.read, 500);
  EXPECT_EQ(outcome->api.calls, 3) << "describe, getUpdated, one REST page";
}

// event.when_changed: a Case saved without a new Status makes no event, a new Status one; the
// first run sends one per case (the first version seen counts as a change).
TEST_F(PullRunTest, WhenChangedSendsAnEventOnlyWhenTheFieldMoves) {
  ASSERT_TRUE(run(kContactSync, "contacts").ok());
  std::string sync = kCaseEvents;
  sync.replace(sync.find("      name: case_updated\n"), 0, "      when_changed: Status\n");
  auto first = run(sync, "case_events");
  ASSERT_TRUE(first.ok()) << first.error().message;
  int64_t events = store_->counts()->events;
  EXPECT_GT(events, 0);
  EXPECT_EQ(first->applied.events_inserted, events);

  std::string case_id;  // a case that made an event: through its contact's profile
  auto linked = store_->linked_record_ids("contacts", "", "", 500);
  ASSERT_TRUE(linked.ok());
  const std::vector<std::string>& contacts = *linked;
  for (const std::string& contact : contacts) {
    auto profile = store_->find_profile({"sf_id", "SF_Contact_" + contact}, 1);
    if (profile.ok() && profile->has_value() && !(*profile)->recent_events.empty()) {
      case_id = (*profile)->recent_events.front().source_record;
      break;
    }
  }
  ASSERT_EQ(case_id.size(), 18u);
  // The case edited in a later second, then the run that reads the edit.
  auto edited = edit_then_run("Case", case_id, R"({"Subject":"Edited"})", sync, "case_events");
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(edited->counts.read, 1);
  EXPECT_EQ(edited->applied.events_inserted, 0);
  EXPECT_EQ(edited->applied.events_unchanged, 1);
  auto moved = edit_then_run("Case", case_id, R"({"Status":"Escalated"})", sync, "case_events");
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->counts.read, 1);
  EXPECT_EQ(moved->applied.events_inserted, 1);
  EXPECT_EQ(store_->counts()->events, events + 1);
}

// event.changed_to: only a move of Status to Closed is an event — not the first version seen of a
// new case, not a move to Escalated; a case saved again while Closed makes no second one.
TEST_F(PullRunTest, ChangedToSendsAnEventOnlyOnAMoveToTheValue) {
  ASSERT_TRUE(run(kContactSync, "contacts").ok());
  std::string sync = kCaseEvents;
  sync.replace(sync.find("      name: case_updated\n"), 0, "      when_changed: Status\n      changed_to: Closed\n");
  ASSERT_TRUE(run(sync, "case_events").ok());
  const std::string contact = store_->linked_record_ids("contacts", "", "", 1)->front();
  auto created = http("POST", emulator_->url() + "/__admin/records/Case",
                      R"({"Subject":"Printer","Status":"New","ContactId":")" + contact + "\"}",
                      {"Content-Type: application/json"});
  ASSERT_EQ(created.status, 200) << created.body;
  const std::string case_id = created.body.substr(created.body.find(":\"") + 2, 18);
  auto run_after = [&](const std::string& change) {
    auto outcome = edit_then_run("Case", case_id, change, sync, "case_events");
    EXPECT_TRUE(outcome.ok());
    return outcome.ok() ? outcome->applied.events_inserted : -1;
  };
  EXPECT_EQ(run_after(""), 0) << "a new case, not Closed";
  EXPECT_EQ(run_after(R"({"Status":"Escalated"})"), 0);
  EXPECT_EQ(run_after(R"({"Status":"Closed"})"), 1);
  EXPECT_EQ(run_after(R"({"Subject":"Printer again"})"), 0) << "still Closed: no move";
  auto profile = store_->find_profile({"sf_id", "SF_Contact_" + contact}, 5);
  ASSERT_TRUE(profile.ok() && profile->has_value());
  int closed = 0;
  for (const StoredEvent& e : (*profile)->recent_events) closed += e.source_record == case_id ? 1 : 0;
  EXPECT_EQ(closed, 1);
}
