// Customer store: source deletions (mark / remove) and products shared by several records.
#include <gtest/gtest.h>

#include "store_test_support.h"

using namespace sfsync;
using namespace sfsync::testing_store;

namespace {

MappedRecord deletion(const std::string& record, int64_t ts, SourceDeletion::Policy policy,
                      const std::string& sync = "contacts") {
  return sfsync::testing_store::record(SourceDeletion{src(record, ts, sync), policy});
}

std::vector<MappedRecord> seed() {
  return {record(profile(src("003A", 1), {email("ann@x.com"), uuid("SF_Contact_003A")}, {attr("n", Value::integer(1))})),
          record(event(src("006A", 1, "cases"), {email("ann@x.com")}, "case_opened")),
          record(ObjectUpsert{src("001A", 1, "accounts"), "account", "A", {attr("name", Value::string("Acme"))}}),
          record(RelationshipUpsert{src("003A", 1, "rel"), {email("ann@x.com")}, "account", "A", {}})};
}

}  // namespace

TEST(StoreDeletion, MarkFlagsProductsAndKeepsEventsAndIdentifiers) {
  TempStore store;
  write_page(*store, seed());
  ApplyStats s = write_page(*store, {deletion("003A", 50, SourceDeletion::Policy::Mark),
                                     deletion("001A", 50, SourceDeletion::Policy::Mark, "accounts"),
                                     deletion("003A", 50, SourceDeletion::Policy::Mark, "rel")});
  EXPECT_EQ(s.deletions, 3);
  StoreCounts c = counts(*store);
  EXPECT_EQ(c.profiles, 0);
  EXPECT_EQ(c.deleted_profiles, 1);
  EXPECT_EQ(c.objects, 0);
  EXPECT_EQ(c.relationships, 0);
  EXPECT_EQ(c.events, 1);
  ProfileView ann = find(*store, email("ann@x.com"));  // identifiers stay with the marked profile
  ASSERT_TRUE(ann.deleted_ms.has_value());
  EXPECT_EQ(*ann.deleted_ms, 50);
  EXPECT_EQ(ann.recent_events.size(), 1u);
  ASSERT_EQ(ann.relationships.size(), 1u);
  EXPECT_TRUE(ann.relationships[0].deleted_ms.has_value());

  // Re-applying the deletion page is harmless; the record coming back revives the same profile.
  std::string after_delete = dump(*store);
  write_page(*store, {deletion("003A", 50, SourceDeletion::Policy::Mark)});
  EXPECT_EQ(dump(*store), after_delete);
  write_page(*store, {record(profile(src("003A", 60), {email("ann@x.com")}))});
  ProfileView back = find(*store, email("ann@x.com"));
  EXPECT_EQ(back.id, ann.id);
  EXPECT_FALSE(back.deleted_ms.has_value());
}

TEST(StoreDeletion, RemoveDeletesRowsButKeepsEvents) {
  TempStore store;
  write_page(*store, seed());
  write_page(*store, {deletion("003A", 50, SourceDeletion::Policy::Remove),
                      deletion("001A", 50, SourceDeletion::Policy::Remove, "accounts")});
  StoreCounts c = counts(*store);
  EXPECT_EQ(c.profiles + c.deleted_profiles, 0);
  EXPECT_EQ(c.identifiers, 0);
  EXPECT_EQ(c.objects, 0);
  EXPECT_EQ(c.relationships, 0) << "a removed person takes their relationships along";
  EXPECT_EQ(c.events, 1);
  auto gone = store->find_profile(email("ann@x.com"), 1);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(gone->has_value());
}

TEST(StoreDeletion, ProfileClaimedByAnotherRecordSurvives) {
  TempStore store;
  // The same person as a Contact and as a Lead.
  write_page(*store, {record(profile(src("003A", 1), {email("ann@x.com"), uuid("SF_Contact_003A")}))});
  write_page(*store, {record(profile(src("00QA", 1, "leads"), {email("ann@x.com"), uuid("SF_Lead_00QA")}))}, "cp", true, "leads");
  write_page(*store, {deletion("003A", 5, SourceDeletion::Policy::Remove)});
  ProfileView ann = find(*store, email("ann@x.com"));
  EXPECT_FALSE(ann.deleted_ms.has_value());
  EXPECT_EQ(ann.identifiers.size(), 3u) << "identifiers are not dropped from a living profile";
  // Once the Lead goes too, nobody claims the person.
  write_page(*store, {deletion("00QA", 6, SourceDeletion::Policy::Mark, "leads")}, "cp", true, "leads");
  EXPECT_TRUE(find(*store, email("ann@x.com")).deleted_ms.has_value());
}

TEST(StoreDeletion, DeletionOfAnUnknownRecordDoesNothing) {
  TempStore store;
  write_page(*store, seed());
  std::string before = dump(*store);
  ApplyStats s = write_page(*store, {deletion("nope", 5, SourceDeletion::Policy::Remove)});
  EXPECT_EQ(s.deletions, 0);
  EXPECT_EQ(dump(*store), before);
}

TEST(StoreDeletion, LinkedRecordIdsListOneSyncsRecordsInARange) {
  TempStore store;
  write_page(*store, seed());  // 003A from contacts; 006A (an event: no link), 001A, 003A from other syncs
  write_page(*store, {record(profile(src("003C", 1), {email("cy@x.com")})),
                      record(profile(src("003B", 1), {email("bo@x.com")})),
                      record(profile(src("003D", 1), {email("di@x.com")}))});
  auto ids = [&](const std::string& after, const std::string& upto, int limit) {
    auto r = store->linked_record_ids("contacts", after, upto, limit);
    EXPECT_TRUE(r.ok());
    return r ? r.value() : std::vector<std::string>{};
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids("", "", 100), (V{"003A", "003B", "003C", "003D"}));
  EXPECT_EQ(ids("003A", "003C", 100), (V{"003B", "003C"}));  // (after, upto]
  EXPECT_EQ(ids("003B", "", 100), (V{"003C", "003D"}));      // to the end
  EXPECT_EQ(ids("", "", 2), (V{"003A", "003B"}));
  EXPECT_EQ(ids("003D", "", 100), V{});
  auto other = store->linked_record_ids("accounts", "", "", 100);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*other, V{"001A"});
  write_page(*store, {deletion("003B", 5, SourceDeletion::Policy::Mark)});
  EXPECT_EQ(ids("", "", 100), (V{"003A", "003C", "003D"})) << "a deleted record has no link left";
}

// A tracked full pass: the store keeps the ids each page read (in the page's transaction), lists
// the linked records it did not read, and a sweep's deletion of a record the pass did read after
// all (its page was still on the way when the sweep looked) is void.
TEST(StoreDeletion, AFullPassListsTheLinkedRecordsItDidNotRead) {
  TempStore store;
  std::vector<MappedRecord> people;
  for (const char* id : {"K1", "K2", "K3", "K4"})
    people.push_back(record(profile(src(id, 1), {email(std::string(id) + "@x.com")})));
  write_page(*store, people);
  ASSERT_TRUE(store->begin_full_pass("contacts").ok());
  EXPECT_EQ(store->unseen_linked_ids("contacts", "", 10).value(), (std::vector<std::string>{"K1", "K2", "K3", "K4"}));

  std::vector<std::string> read{"K1", "K3"};
  ApplyOptions options;
  options.seen_record_ids = &read;
  ASSERT_TRUE(store->apply_page("contacts", 1, {people[0], people[2]}, Checkpoint{"cp"}, options).ok());
  EXPECT_EQ(store->unseen_linked_ids("contacts", "", 10).value(), (std::vector<std::string>{"K2", "K4"}));
  EXPECT_EQ(store->unseen_linked_ids("contacts", "K2", 10).value(), (std::vector<std::string>{"K4"}));
  EXPECT_EQ(store->unseen_linked_ids("contacts", "", 1).value(), (std::vector<std::string>{"K2"}));
  EXPECT_TRUE(store->unseen_linked_ids("other_sync", "", 10).value().empty());

  auto swept = [](const std::string& id) {
    SourceDeletion d{src(id, 9), SourceDeletion::Policy::Mark, /*unless_read_in_pass=*/true};
    return record(d);
  };
  ApplyStats s = write_page(*store, {swept("K1"), swept("K2")});
  EXPECT_EQ(s.deletions, 1) << "K1 was read by the pass: its deletion is void";
  EXPECT_FALSE(find(*store, email("K1@x.com")).deleted_ms.has_value());
  EXPECT_TRUE(find(*store, email("K2@x.com")).deleted_ms.has_value());

  ASSERT_TRUE(store->begin_full_pass("contacts").ok());  // a new pass forgets what the last one read
  EXPECT_EQ(store->unseen_linked_ids("contacts", "", 10).value(), (std::vector<std::string>{"K1", "K3", "K4"}));
}
