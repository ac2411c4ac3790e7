// Customer store: the first-load identifier buffer (identifier_buffer.h). After a page of mostly new
// people, new identifiers wait in `pending_identifiers` and move into `identifiers` in key order;
// nothing about the people may differ from a store that never buffered.
#include <gtest/gtest.h>

#include "config/config.h"
#include "store_test_support.h"

using namespace sfsync;
using namespace sfsync::testing_store;

namespace {

// A store that buffers from its first profile on (by default only stores past 1M profiles do).
SqliteStore::Options buffering() {
  SqliteStore::Options o;
  o.identifier_buffer_above_profiles = 0;
  return o;
}

// Mostly new people: the page after this one buffers its new identifiers.
std::vector<MappedRecord> new_people(const std::string& prefix, int n) {
  std::vector<MappedRecord> page;
  for (int i = 0; i < n; ++i) {
    const std::string k = prefix + std::to_string(i);
    page.push_back(record(profile(src(k, 10), {email(k + "@x.com"), uuid("u-" + k)})));
  }
  return page;
}

// The config key and the store option are one setting; config.h cannot include the store, so the
// default is written twice and must not drift.
TEST(IdentifierBuffer, ConfigKeyDefaultIsTheStoreDefault) {
  EXPECT_EQ(StoreConfig{}.identifier_buffer_above_profiles, SqliteStoreOptions{}.identifier_buffer_above_profiles);
}

int64_t pending(TempStore& store) { return count_rows(store.path(), "SELECT count(*) FROM pending_identifiers"); }

void finish_run(CustomerStore& store) {
  auto id = store.begin_execution("contacts", ExecutionKind::Pull);
  ASSERT_TRUE(id);
  ASSERT_TRUE(store.finish_execution(*id, ExecutionStatus::Ok, "", ExecutionCounts{}, "{}"));
}

// Ends the run (which moves pending identifiers into place) and checks what it left.
void expect_after_run(CustomerStore& store, int64_t profiles, int64_t identifiers) {
  finish_run(store);
  EXPECT_EQ(counts(store).profiles, profiles);
  EXPECT_EQ(counts(store).identifiers, identifiers);
}

}  // namespace

TEST(StoreIdentifierBuffer, FirstLoadBuffersNewIdentifiersUntilTheRunEnds) {
  TempStore store(buffering());
  write_page(*store, new_people("a", 20));
  EXPECT_EQ(pending(store), 0) << "the first page of a run inserts directly";
  write_page(*store, new_people("b", 20));
  EXPECT_EQ(pending(store), 40) << "the next one buffers: 20 people, 2 identifiers each";
  EXPECT_EQ(count_rows(store.path(), "SELECT count(*) FROM identifiers"), 40);

  // Buffered identifiers are found, by the resolver and by readers.
  ApplyStats s = write_page(*store, {record(profile(src("again", 20), {email("b3@x.com"), uuid("extra")}))});
  EXPECT_EQ(s.profiles_created, 0);
  ProfileView b3 = find(*store, uuid("extra"));
  EXPECT_EQ(b3.identifiers.size(), 3u);
  EXPECT_EQ(find(*store, uuid("u-b3")).id, b3.id);
  EXPECT_EQ(counts(*store).identifiers, 81);
  EXPECT_EQ(counts(*store).profiles, 40);

  finish_run(*store);
  EXPECT_EQ(pending(store), 0) << "a finished run leaves every identifier in `identifiers`";
  EXPECT_EQ(count_rows(store.path(), "SELECT count(*) FROM identifiers"), 81);
  EXPECT_EQ(find(*store, email("b3@x.com")).id, b3.id);
}

// Three ways to write new identifiers (NewIdentifiers), one result.
TEST(StoreIdentifierBuffer, BufferedAndInsertFirstStoresEqualLookUpFirstStore) {
  std::vector<MappedRecord> later = {
      record(profile(src("j", 30), {email("a1@x.com"), email("b2@x.com")})),  // joins two people: a merge
      record(profile(src("d", 30), {uuid("dup"), email("b5@x.com"), uuid("dup")})),
      record(event(src("e", 30, "cases"), {uuid("u-b2")}, "seen")),
  };
  TempStore buffered(buffering()), insert_first, direct;
  for (TempStore* store : {&buffered, &insert_first}) {
    write_page(**store, new_people("a", 20));
    write_page(**store, new_people("b", 20));  // buffered, or inserted first
    write_page(**store, later);
  }
  ASSERT_GT(pending(buffered), 0);
  ASSERT_EQ(pending(insert_first), 0) << "a small store does not buffer";

  for (const char* p : {"a", "b"}) {
    write_page(*direct, new_people(p, 20));
    write_page(*direct, new_people(p, 20));  // all found: the next page does not buffer
  }
  write_page(*direct, later);
  ASSERT_EQ(pending(direct), 0);

  EXPECT_EQ(dump(*buffered), dump(*direct));
  EXPECT_EQ(dump(*insert_first), dump(*direct));
  finish_run(*buffered);
  EXPECT_EQ(dump(*buffered), dump(*direct));
  EXPECT_EQ(counts(*buffered).merges, 1);
  EXPECT_EQ(find(*buffered, email("b2@x.com")).identifiers.size(), 4u) << "a1's two and b2's two";
}

TEST(StoreIdentifierBuffer, RemovedProfileTakesItsBufferedIdentifiers) {
  TempStore store(buffering());
  write_page(*store, new_people("a", 20));
  write_page(*store, new_people("b", 20));
  write_page(*store, {record(SourceDeletion{src("b7", 40), SourceDeletion::Policy::Remove})});
  EXPECT_EQ(pending(store), 38);
  auto gone = store->find_profile(email("b7@x.com"), 1);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(gone->has_value());
  // The person comes back as a new profile; the flush meets no stale row.
  ApplyStats s = write_page(*store, {record(profile(src("b7", 50), {email("b7@x.com")}))});
  EXPECT_EQ(s.profiles_created, 1);
  finish_run(*store);
  EXPECT_EQ(count_rows(store.path(), "SELECT count(*) FROM identifiers WHERE profile_id NOT IN (SELECT id FROM profiles)"), 0);
  EXPECT_EQ(counts(*store).profiles, 40);
}

// A second writer (another process, or the next run after a crash) must see the first one's
// pending identifiers, and the first must notice that its rows were moved.
TEST(StoreIdentifierBuffer, AnotherWriterMovesPendingRowsBeforeWriting) {
  TempStore first(buffering());
  write_page(*first, new_people("a", 20));
  write_page(*first, new_people("b", 20));
  ASSERT_EQ(pending(first), 40);

  auto second = SqliteStore::open(first.path(), buffering());
  ASSERT_TRUE(second);
  ApplyStats s = write_page(**second, {record(profile(src("other", 60, "leads"), {email("b1@x.com")}))});
  EXPECT_EQ(s.profiles_created, 0) << "the lead is the contact b1";
  EXPECT_EQ(pending(first), 0);

  s = write_page(*first, {record(profile(src("b1", 70), {email("b1@x.com"), uuid("u-b1")})),
                          record(profile(src("new", 70), {email("new@x.com")}))});
  EXPECT_EQ(s.profiles_created, 1);
  expect_after_run(*first, 41, 81);
}

TEST(StoreIdentifierBuffer, RolledBackPageLeavesNoBufferedIdentifierBehind) {
  TempStore store(buffering());
  write_page(*store, new_people("a", 20));
  std::vector<MappedRecord> page = new_people("b", 20);
  page.push_back(record(profile(src("bad", 10), {Identifier{"email", ""}})));  // an invalid mutation
  auto failed = store->apply_page("contacts", 1, page, Checkpoint{"cp"}, ApplyOptions{});
  ASSERT_FALSE(failed);
  EXPECT_EQ(pending(store), 0);

  page.pop_back();
  ApplyStats s = write_page(*store, page);
  EXPECT_EQ(s.profiles_created, 20);
  expect_after_run(*store, 40, 80);
}

TEST(StoreIdentifierBuffer, VersionOneStoreIsUpgraded) {
  TempStore store(buffering());
  write_page(*store, new_people("a", 5));
  {  // what an older sfsync left: no pending table, version 1
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(store.path().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "DROP TABLE pending_identifiers; DROP TABLE full_pass_seen; DROP TABLE watched_values; "
                               "DELETE FROM schema_version WHERE version >= 2",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  store.reopen();
  EXPECT_EQ(count_rows(store.path(), "SELECT max(version) FROM schema_version"), 4);
  EXPECT_EQ(count_rows(store.path(), "SELECT count(*) FROM watched_values"), 0);
  EXPECT_EQ(count_rows(store.path(), "SELECT count(*) FROM full_pass_seen"), 0);
  EXPECT_EQ(pending(store), 0);
  EXPECT_EQ(find(*store, email("a1@x.com")).identifiers.size(), 2u);
}
