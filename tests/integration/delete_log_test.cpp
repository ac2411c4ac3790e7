// Incremental runs and Salesforce's delete log (getDeleted): records hard deleted or purged between
// two runs, which queryAll no longer shows, are found; nothing is deleted twice or wrongly.
#include "integration/pull_run_support.h"

namespace pull_test {
namespace {

class DeleteLogTest : public PullRunTest {
 protected:
  // The sync's Contacts the store links after a first run, ascending.
  std::vector<std::string> first_run(const std::string& sync) {
    auto first = run(sync, "contacts");
    EXPECT_TRUE(first.ok() && first->status == ExecutionStatus::Ok);
    auto linked = store_->linked_record_ids("contacts", "", "", 1000);
    EXPECT_TRUE(linked.ok());
    return linked.ok() ? *linked : std::vector<std::string>{};
  }
  bool linked(const std::string& id) {
    auto ids = store_->linked_among("contacts", {id});
    return ids.ok() && !ids->empty();
  }
  // Deletes a Contact as of two minutes ago: Salesforce's log answers in whole minutes up to the
  // run's bound (a second before the run), so a delete after the bound's minute began is the next
  // run's.
  void remove(const std::string& id, bool purge) {
    std::string url = emulator_->url();
    ASSERT_EQ(http("DELETE", url + "/__admin/records/Contact/" + id).status, 200);
    deleted_at_ = deletion_time();
    stamp(id, deleted_at_);
    if (purge) {
      ASSERT_EQ(http("POST", url + "/__admin/records/Contact/" + id + "/purge").status, 200);
    }
  }
  void stamp(const std::string& id, int64_t stamp_ms) {
    std::string body = R"({"object":"Contact","stamp":)" + std::to_string(stamp_ms) + R"(,"ids":[")" + id + "\"]}";
    ASSERT_EQ(http("POST", emulator_->url() + "/__admin/stamp", body, {"Content-Type: application/json"}).status, 200);
  }
  static int64_t last_minute() { return now_ms() / 60'000 * 60'000 - 60'000; }
  static int64_t deletion_time() { return last_minute() - 60'000; }
  int64_t deleted_at_ = 0;  // the stamp of the last remove()
  int64_t get_deleted_calls() {
    std::string body = http("GET", emulator_->url() + "/__admin/counters").body;
    size_t at = body.find("\"getDeleted\":");
    return at == std::string::npos ? 0 : std::stoll(body.substr(at + 13));
  }
  // How many Contacts made the profile (a duplicate of the same person shares it, and keeps it live).
  static int contacts_in(const ProfileView& p) {
    return static_cast<int>(std::count_if(p.identifiers.begin(), p.identifiers.end(),
                                          [](const Identifier& i) { return i.type == "sf_id"; }));
  }
  Cursor stored_cursor() {
    return Cursor::parse(store_->read_sync_state("contacts").value()->checkpoint).value_or(Cursor{});
  }
};

// A record deleted and purged (a hard delete, an emptied recycle bin) is invisible to queryAll:
// only the delete log tells the next incremental run, which then applies on_delete.
TEST_F(DeleteLogTest, AHardDeleteBetweenRunsIsFound) {
  std::vector<std::string> ids = first_run(kContactSync);
  ASSERT_EQ(ids.size(), 500u);
  const std::string hard = ids[10], kept = ids[11];
  remove(hard, /*purge=*/true);

  auto second = run(kContactSync, "contacts");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->status, ExecutionStatus::Ok) << second->reason;
  EXPECT_FALSE(linked(hard)) << "the purged record's deletion was applied";
  EXPECT_TRUE(linked(kept));
  auto profile = store_->find_profile({"sf_id", "SF_Contact_" + hard}, 0);
  ASSERT_TRUE(profile.ok() && profile->has_value());
  if (contacts_in(**profile) == 1) {
    EXPECT_TRUE((*profile)->deleted_ms.has_value());
  }
  EXPECT_EQ(get_deleted_calls(), 1);
  auto stored = store_->get_execution(second->execution_id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_NE((*stored)->detail_json.find(R"("deletions":)" + std::to_string(second->applied.deletions)),
            std::string::npos) << (*stored)->detail_json;
  // The log was read to a whole minute at most this run's bound: the next run starts there.
  Cursor cursor = stored_cursor();
  EXPECT_GT(cursor.deleted_to_ms, deleted_at_);
  EXPECT_EQ(cursor.deleted_to_ms % 60'000, 0);

  // Nothing new in the log: no lookups, and the store stays as it is.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto third = run(kContactSync, "contacts");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->applied.deletions, 0);
}

// A soft delete is in the recycle bin (queryAll's IsDeleted row) and in the log: applied once,
// with one delete event, whichever comes first.
TEST_F(DeleteLogTest, ADeleteSeenByBothTheLogAndQueryAllCountsOnce) {
  std::string sync = std::string(kContactSync) + "    delete_event: contact_deleted\n";
  std::vector<std::string> ids = first_run(sync);
  ASSERT_GE(ids.size(), 30u);
  const std::string soft = ids[20];
  int64_t events_before = store_->counts()->events;
  remove(soft, /*purge=*/false);

  auto second = run(sync, "contacts");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->status, ExecutionStatus::Ok) << second->reason;
  EXPECT_FALSE(linked(soft));
  EXPECT_EQ(store_->counts()->events, events_before + 1) << "one delete event";
  auto profile = store_->find_profile({"sf_id", "SF_Contact_" + soft}, 1);
  ASSERT_TRUE(profile.ok() && profile->has_value());
  ASSERT_EQ(contacts_in(**profile), 1) << "pick a Contact without a duplicate";
  EXPECT_TRUE((*profile)->deleted_ms.has_value()) << "the delete event does not bring the profile back";
  ASSERT_EQ((*profile)->recent_events.size(), 1u);
  EXPECT_EQ((*profile)->recent_events[0].name, "contact_deleted");
  EXPECT_LE(second->applied.deletions, 1);
}

// A purged record comes back from Salesforce as its Id alone: its delete event still reaches the
// profile it made (through the record's link), stamped with the log's deletion time, and the
// profile stays marked deleted.
TEST_F(DeleteLogTest, APurgedRecordsDeleteEventReachesItsProfile) {
  std::string sync = std::string(kContactSync) + "    delete_event: contact_deleted\n";
  std::vector<std::string> ids = first_run(sync);
  ASSERT_GE(ids.size(), 60u);
  std::string hard;
  for (size_t i = 50; i < ids.size() && hard.empty(); ++i) {  // a Contact without a duplicate
    auto p = store_->find_profile({"sf_id", "SF_Contact_" + ids[i]}, 0);
    if (p.ok() && p->has_value() && contacts_in(**p) == 1) hard = ids[i];
  }
  ASSERT_FALSE(hard.empty());
  remove(hard, /*purge=*/true);

  auto second = run(sync, "contacts");
  ASSERT_TRUE(second.ok()) << second.error().message;
  auto profile = store_->find_profile({"sf_id", "SF_Contact_" + hard}, 5);
  ASSERT_TRUE(profile.ok() && profile->has_value());
  EXPECT_TRUE((*profile)->deleted_ms.has_value());
  ASSERT_EQ((*profile)->recent_events.size(), 1u);
  EXPECT_EQ((*profile)->recent_events[0].name, "contact_deleted");
  EXPECT_EQ((*profile)->recent_events[0].timestamp_ms, deleted_at_) << "the delete log's deletedDate";
}

// The log lists a delete that was undone (undelete): queryAll says the record is live, so it stays —
// even when its stamp is behind the cursor and no query reads it again.
TEST_F(DeleteLogTest, AnUndeletedRecordIsLeftAlone) {
  std::vector<std::string> ids = first_run(kContactSync);
  ASSERT_GE(ids.size(), 40u);
  const std::string undone = ids[30];
  remove(undone, /*purge=*/false);
  ASSERT_EQ(http("POST", emulator_->url() + "/__admin/records/Contact/" + undone + "/undelete").status, 200);
  stamp(undone, now_ms() - 86'400'000);  // its live version is old: the incremental query skips it

  auto second = run(kContactSync, "contacts");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_TRUE(linked(undone));
  auto profile = store_->find_profile({"sf_id", "SF_Contact_" + undone}, 0);
  ASSERT_TRUE(profile.ok() && profile->has_value());
  EXPECT_FALSE((*profile)->deleted_ms.has_value());
  EXPECT_EQ(get_deleted_calls(), 1);
}

// A run stopped anywhere in its delete log's pages or after them (the API limit after k calls)
// and run again leaves the store as one uninterrupted run does: every deletion applied once.
TEST_F(DeleteLogTest, ARunStoppedAmongTheLogsPagesResumesToTheSameStore) {
  const std::string sync = std::string(kContactSync) + "    options: {batch_size: 200}\n";
  std::vector<std::unique_ptr<SqliteStore>> stores;
  for (int k = 0; k <= 8; ++k) {
    std::string name = "run";
    name.append(std::to_string(k));  // (GCC 12's -Wrestrict misreads "k" + std::to_string(k))
    stores.push_back(extra_store(name));
    ASSERT_TRUE(stores.back() && run_into(*stores.back(), sync, "contacts", false).ok());
  }
  auto ids = stores[0]->linked_record_ids("contacts", "", "", 1000);
  ASSERT_TRUE(ids.ok() && ids->size() == 500u);
  for (size_t i = 0; i < 250; ++i) remove((*ids)[2 * i], /*purge=*/true);  // two pages of deletions
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));

  auto clean = run_into(*stores[0], sync, "contacts", false);
  ASSERT_TRUE(clean.ok() && clean->status == ExecutionStatus::Ok);
  const std::string expected = stores[0]->canonical_dump().value();
  EXPECT_EQ(stores[0]->linked_record_ids("contacts", "", "", 1000)->size(), 250u);
  expect_stopped_runs_resume(stores, sync, /*full=*/false, expected);
}

// A log Salesforce trimmed early (too many deletes) no longer reaches back to where the run looks
// from: the run says what it cannot know and how to find it.
TEST_F(DeleteLogTest, ATrimmedLogIsReportedWithTheFix) {
  first_run(kContactSync);
  std::string faults = R"({"delete_log_trimmed_before_ms":)" + std::to_string(last_minute()) + "}";
  ASSERT_EQ(http("POST", emulator_->url() + "/__admin/faults", faults, {"Content-Type: application/json"}).status, 200);
  auto second = run(kContactSync, "contacts");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->status, ExecutionStatus::Ok);
  bool said = false;
  for (const std::string& note : second->notes)
    said = said || (note.find("Salesforce did not list the deleted Contact records (INVALID_REPLICATION_DATE") !=
                        std::string::npos &&
                    note.find("sfsync sync contacts --full") != std::string::npos);
  EXPECT_TRUE(said) << "no note about the trimmed log";
  // Kept with the run, for `sfsync runs --json` and the daemon's API: a daemon's notes are not lost.
  auto stored = store_->get_execution(second->execution_id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_NE((*stored)->detail_json.find("Salesforce did not list the deleted Contact records"), std::string::npos)
      << (*stored)->detail_json;
}

// A custom SOQL sync that sees deletions (it selects IsDeleted) gets the log's too, from its
// {lastSyncTime}; one that does not select IsDeleted sees no deletions and reads no log.
TEST_F(DeleteLogTest, ACustomSoqlSyncThatSeesDeletionsFindsHardDeletes) {
  auto sync = [](const std::string& select) { return soql_contact_sync("contacts", select); };
  const std::string with_deleted = sync("Id, LastName, IsDeleted");
  std::vector<std::string> ids = first_run(with_deleted);
  ASSERT_EQ(ids.size(), 500u);
  remove(ids[7], /*purge=*/true);
  auto second = run(with_deleted, "contacts");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->status, ExecutionStatus::Ok) << second->reason;
  EXPECT_FALSE(linked(ids[7]));
  EXPECT_EQ(get_deleted_calls(), 1);

  remove(ids[8], /*purge=*/true);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(run(sync("Id, LastName"), "contacts").ok());
  EXPECT_EQ(get_deleted_calls(), 1) << "a query without IsDeleted reads no log";
  EXPECT_TRUE(linked(ids[8]));
}

// on_delete: ignore keeps nothing to delete, and an events-only sync links no record: no log read.
TEST_F(DeleteLogTest, IgnoredDeletionsCostNoCall) {
  ASSERT_TRUE(run(kCaseEvents, "case_events").ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(run(kCaseEvents, "case_events").ok());
  EXPECT_EQ(get_deleted_calls(), 0) << "events only";

  std::string sync = kContactSync;
  sync.replace(sync.find("on_delete: mark"), 15, "on_delete: ignore");
  std::vector<std::string> ids = first_run(sync);
  remove(ids.at(5), /*purge=*/true);
  ASSERT_TRUE(run(sync, "contacts").ok());
  EXPECT_EQ(get_deleted_calls(), 0);
  EXPECT_TRUE(linked(ids.at(5)));
}

}  // namespace
}  // namespace pull_test
