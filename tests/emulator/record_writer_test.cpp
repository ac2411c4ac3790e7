// RecordWriter on a real OrgStore, fed the way Bulk ingest feeds it (CSV text).
#include "emulator/org/record_writer.h"

#include <gtest/gtest.h>

#include "emulator/org/standard_objects.h"

namespace emu {
namespace {

class RecordWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    add_standard_objects(catalog);
    auto opened = OrgStore::open("", catalog);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store = std::move(opened.value());
  }
  const ObjectSchema& contact() { return *catalog.find("Contact"); }

  // A Contact row from CSV-like name/value pairs.
  std::unique_ptr<RecordValidator> row(std::vector<std::pair<const char*, const char*>> cells) {
    auto v = std::make_unique<RecordValidator>(contact());
    for (auto [name, text] : cells) EXPECT_FALSE(v->add_text(name, text)) << name;
    return v;
  }

  Catalog catalog;
  std::unique_ptr<OrgStore> store;
};

TEST_F(RecordWriterTest, InsertUpdateDelete) {
  RecordWriter writer(*store);
  auto r = writer.insert(*row({{"LastName", "Ng"}, {"Birthdate", "1990-02-03"}}));
  ASSERT_TRUE(r.ok()) << r.error->message;
  EXPECT_TRUE(r.created);
  auto update = row({{"Title", "CTO"}});
  ASSERT_TRUE(writer.update(r.id.substr(0, 15), *update).ok());
  EXPECT_EQ(std::get<std::string>(*store->get(contact(), r.id)->get("Title")), "CTO");

  ASSERT_TRUE(writer.remove(r.id).ok());
  auto again = writer.remove(r.id);
  ASSERT_TRUE(again.error);
  EXPECT_EQ(again.error->status_code, "ENTITY_IS_DELETED");
  auto after = writer.update(r.id, *row({{"Title", "x"}}));
  ASSERT_TRUE(after.error);
  EXPECT_EQ(after.error->status_code, "ENTITY_IS_DELETED");
  auto missing = writer.remove("003000000000000AAA");
  EXPECT_TRUE(missing.not_found);
  auto bad = writer.remove("nope");
  ASSERT_TRUE(bad.error);
  EXPECT_EQ(bad.error->status_code, "MALFORMED_ID");
}

TEST_F(RecordWriterTest, InsertRejectsMissingRequiredAndDanglingReference) {
  RecordWriter writer(*store);
  auto missing = writer.insert(*row({{"FirstName", "Ann"}}));
  ASSERT_TRUE(missing.error);
  EXPECT_EQ(missing.error->status_code, "REQUIRED_FIELD_MISSING");
  auto dangling = writer.insert(*row({{"LastName", "Ng"}, {"AccountId", "001000000000000AAA"}}));
  ASSERT_TRUE(dangling.error);
  EXPECT_EQ(dangling.error->status_code, "INVALID_CROSS_REFERENCE_KEY");
  EXPECT_EQ(store->count(contact()), 0);
}

TEST_F(RecordWriterTest, UpsertByEmailLikeExternalIdCreatesUpdatesAndReportsMatches) {
  RecordWriter writer(*store);
  const FieldSchema& id = *contact().field("Id");
  // Upsert on Id with no value inserts.
  auto created = writer.upsert(id, FieldValue{}, *row({{"LastName", "Ng"}}));
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(created.created);
  auto updated = writer.upsert(id, FieldValue{created.id}, *row({{"Title", "CTO"}}));
  ASSERT_TRUE(updated.ok()) << updated.error->message;
  EXPECT_FALSE(updated.created);
  EXPECT_EQ(updated.id, created.id);

  const FieldSchema& email = *contact().field("Email");
  ASSERT_TRUE(writer.insert(*row({{"LastName", "A"}, {"Email", "same@example.com"}})).ok());
  ASSERT_TRUE(writer.insert(*row({{"LastName", "B"}, {"Email", "SAME@example.com"}})).ok());
  auto several = writer.upsert(email, FieldValue{std::string("same@example.com")}, *row({{"Title", "x"}}));
  EXPECT_EQ(several.matches.size(), 2u);
  EXPECT_FALSE(several.ok());
}

}  // namespace
}  // namespace emu
