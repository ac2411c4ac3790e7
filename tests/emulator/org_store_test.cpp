#include "emulator/org/org_store.h"

#include <gtest/gtest.h>

#include "emulator/server/options.h"
#include "emulator/server/org_setup.h"

using namespace emu;

namespace {

class OrgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EmulatorOptions options;
    ASSERT_TRUE(build_catalog(options, catalog_).ok());
    auto store = OrgStore::open("", catalog_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store.value());
    contact_ = catalog_.find("contact");
    ASSERT_NE(contact_, nullptr);
  }
  std::string insert_contact(const std::string& first, const std::string& last, int64_t stamp) {
    auto id = store_->insert(*contact_, {{contact_->field("FirstName"), first}, {contact_->field("LastName"), last}},
                             stamp);
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : "";
  }
  Catalog catalog_;
  std::unique_ptr<OrgStore> store_;
  const ObjectSchema* contact_ = nullptr;
};

int64_t stamp_of(const StoredRecord& r) { return std::get<int64_t>(*r.get("SystemModstamp")); }

}  // namespace

TEST_F(OrgStoreTest, InsertFillsSystemFieldsAndName) {
  std::string id = insert_contact("Ada", "Lovelace", 1000);
  ASSERT_EQ(id.size(), 18u);
  EXPECT_EQ(id.substr(0, 3), "003");
  auto r = store_->get(*contact_, id);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(std::get<std::string>(*r->get("Name")), "Ada Lovelace");
  EXPECT_EQ(std::get<bool>(*r->get("IsDeleted")), false);
  EXPECT_EQ(stamp_of(*r), 1000);
  EXPECT_EQ(std::get<std::string>(*r->get("OwnerId")), store_->default_user_id());
}

TEST_F(OrgStoreTest, IdsSortByCreationOrder) {
  std::string a = insert_contact("A", "One", 1), b = insert_contact("B", "Two", 1);
  EXPECT_LT(a, b);
}

TEST_F(OrgStoreTest, UpdateMovesStampAndRecomputesName) {
  std::string id = insert_contact("Ada", "Lovelace", 1000);
  ASSERT_TRUE(store_->update(*contact_, id, {{contact_->field("LastName"), std::string("King")}}, 5000).ok());
  auto r = store_->get(*contact_, id);
  EXPECT_EQ(std::get<std::string>(*r->get("Name")), "Ada King");
  EXPECT_EQ(stamp_of(*r), 5000);
  EXPECT_EQ(std::get<int64_t>(*r->get("CreatedDate")), 1000);
}

TEST_F(OrgStoreTest, SoftDeleteKeepsRowForQueryAll) {
  std::string id = insert_contact("Ada", "Lovelace", 1000);
  ASSERT_TRUE(store_->remove(*contact_, id, 2000).ok());
  EXPECT_FALSE(store_->get(*contact_, id).has_value());
  auto deleted = store_->get(*contact_, id, true);
  ASSERT_TRUE(deleted.has_value());
  EXPECT_EQ(std::get<bool>(*deleted->get("IsDeleted")), true);
  EXPECT_EQ(stamp_of(*deleted), 2000);
  auto again = store_->remove(*contact_, id, 3000);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "ENTITY_IS_DELETED");
  EXPECT_TRUE(store_->undelete(*contact_, id, 4000).ok());
  EXPECT_TRUE(store_->get(*contact_, id).has_value());
}

TEST_F(OrgStoreTest, PurgeEmptiesARecycledRecordOnly) {
  std::string id = insert_contact("Ada", "Lovelace", 1000);
  auto live = store_->purge(*contact_, id);  // not in the recycle bin: nothing to empty
  ASSERT_FALSE(live.ok());
  EXPECT_EQ(live.error().code, "NOT_FOUND");
  ASSERT_TRUE(store_->remove(*contact_, id, 2000).ok());
  ASSERT_TRUE(store_->purge(*contact_, id).ok());
  EXPECT_FALSE(store_->get(*contact_, id, true).has_value());  // queryAll no longer sees it
  EXPECT_FALSE(store_->undelete(*contact_, id, 3000).ok());
}

TEST_F(OrgStoreTest, UpdateOfUnknownIdIsNotFound) {
  auto r = store_->update(*contact_, "003000000000000AAA", {}, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "NOT_FOUND");
}

TEST_F(OrgStoreTest, TransactionRollsBackOnError) {
  auto r = store_->transaction([&]() -> sfsync::Result<void> {
    insert_contact("Ada", "Lovelace", 1);
    return sfsync::make_error("X", "abort");
  });
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(store_->count(*contact_), 0);
}

TEST_F(OrgStoreTest, SnapshotDoesNotSeeLaterWrites) {
  insert_contact("Ada", "Lovelace", 1);
  auto snap = store_->snapshot();
  ASSERT_TRUE(snap.ok());
  insert_contact("Grace", "Hopper", 2);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2((*snap)->db(), "SELECT count(*) FROM \"sobj_Contact\"", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(stmt, 0), 1);
  sqlite3_finalize(stmt);
  EXPECT_EQ(store_->count(*contact_), 2);
}

TEST_F(OrgStoreTest, FindIdsByField) {
  std::string id = insert_contact("Ada", "Lovelace", 1);
  auto ids = store_->find_ids(*contact_, *contact_->field("LastName"), std::string("LOVELACE"));
  ASSERT_EQ(ids.size(), 1u);  // text compares case-insensitively, like SOQL
  EXPECT_EQ(ids[0], id);
}

TEST_F(OrgStoreTest, AutoNumbersAndCheckboxesAreFilled) {
  const ObjectSchema* c = catalog_.find("Case");
  ASSERT_NE(c, nullptr);
  auto a = store_->insert(*c, {}, 1), b = store_->insert(*c, {}, 2);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(std::get<std::string>(*store_->get(*c, *a)->get("CaseNumber")), "00001001");
  EXPECT_EQ(std::get<std::string>(*store_->get(*c, *b)->get("CaseNumber")), "00001002");
  std::string id = insert_contact("Ada", "Lovelace", 1);
  EXPECT_EQ(std::get<bool>(*store_->get(*contact_, id)->get("HasOptedOutOfEmail")), false);
}
