// QueryCursor paging on a real OrgStore, and the locator registry's expiry and per-user cap.
#include <gtest/gtest.h>

#include "emulator/org/standard_objects.h"
#include "emulator/query/cursor_registry.h"
#include "emulator/query/query_cursor.h"
#include "emulator/soql/compiler.h"

using emu::query::CursorRegistry;
using emu::query::QueryCursor;

namespace {

class SoqlCursor : public ::testing::Test {
 protected:
  void SetUp() override {
    emu::add_standard_objects(catalog_);
    auto store = emu::OrgStore::open("", catalog_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store.value());
    const emu::ObjectSchema& contact = *catalog_.find("Contact");
    for (int i = 0; i < 25; ++i) {
      char name[8];
      std::snprintf(name, sizeof name, "N%02d", i);
      ASSERT_TRUE(store_->insert(contact, {{contact.field("LastName"), std::string(name)}}, 1704164645000).ok());
    }
  }

  std::shared_ptr<QueryCursor> open(const std::string& soql) {
    auto compiled = emu::soql::compile_soql(soql, catalog_, {});
    EXPECT_TRUE(compiled.ok());
    auto cursor = QueryCursor::open(*store_, std::move(compiled.value()));
    EXPECT_TRUE(cursor.ok());
    return std::move(cursor.value());
  }

  // LastNames of the page, concatenated.
  static std::string names(QueryCursor& cursor, int64_t offset, int64_t count) {
    std::string json;
    cursor.append_records(offset, count, "63.0", json);
    std::string out;
    for (size_t at = json.find("\"LastName\":\""); at != std::string::npos; at = json.find("\"LastName\":\"", at + 1)) {
      out += json.substr(at + 12, 3);
    }
    return out;
  }

  emu::Catalog catalog_;
  std::unique_ptr<emu::OrgStore> store_;
};

}  // namespace

TEST_F(SoqlCursor, PagesMoveForwardAndRetriesGoBack) {
  auto cursor = open("SELECT LastName FROM Contact ORDER BY LastName");
  EXPECT_EQ(cursor->total_size(), 25);
  EXPECT_EQ(names(*cursor, 0, 2), "N00N01");
  EXPECT_EQ(names(*cursor, 2, 2), "N02N03");
  EXPECT_EQ(names(*cursor, 2, 2), "N02N03");  // the same page again
  EXPECT_EQ(names(*cursor, 10, 3), "N10N11N12");
  EXPECT_EQ(names(*cursor, 23, 5), "N23N24");
  EXPECT_EQ(names(*cursor, 25, 5), "");
  EXPECT_EQ(names(*cursor, 0, 1), "N00");
}

TEST_F(SoqlCursor, CountShapesUseTheCountQuery) {
  EXPECT_EQ(open("SELECT COUNT() FROM Contact WHERE LastName LIKE 'N1%'")->total_size(), 10);
  EXPECT_EQ(open("SELECT COUNT() FROM Contact LIMIT 3")->total_size(), 3);
  EXPECT_EQ(open("SELECT COUNT(Email) FROM Contact")->aggregate_count(), 0);
  EXPECT_EQ(open("SELECT COUNT(Id) FROM Contact")->aggregate_count(), 25);
}

TEST_F(SoqlCursor, RegistryExpiresIdleLocators) {
  int64_t now = 0;
  CursorRegistry registry({10, 15 * 60 * 1000}, [&] { return now; });
  std::string locator = registry.add("005A", open("SELECT Id FROM Contact"));
  EXPECT_EQ(locator.substr(0, 3), "01g");
  EXPECT_EQ(locator.size(), 18u);
  now = 14 * 60 * 1000;
  EXPECT_NE(registry.find(locator), nullptr);  // refreshes the idle time
  now += 14 * 60 * 1000;
  EXPECT_NE(registry.find(locator), nullptr);
  now += 15 * 60 * 1000;
  EXPECT_EQ(registry.find(locator), nullptr);
  EXPECT_EQ(registry.find("01gUnknown"), nullptr);
}

TEST_F(SoqlCursor, RegistryDropsAUsersOldestCursorFinishedFirst) {
  int64_t now = 0;
  CursorRegistry registry({2, 15 * 60 * 1000}, [&] { return now; });
  std::string a = registry.add("005A", open("SELECT Id FROM Contact"));
  now = 1;
  auto finished = open("SELECT Id FROM Contact");
  std::string b = registry.add("005A", finished);
  std::string other = registry.add("005B", open("SELECT Id FROM Contact"));
  finished->set_finished();
  now = 2;
  std::string c = registry.add("005A", open("SELECT Id FROM Contact"));
  EXPECT_NE(registry.find(a), nullptr);
  EXPECT_EQ(registry.find(b), nullptr) << "the finished cursor goes first";
  EXPECT_NE(registry.find(c), nullptr);
  now = 3;
  std::string d = registry.add("005A", open("SELECT Id FROM Contact"));
  EXPECT_EQ(registry.find(a), nullptr) << "then the least recently used";
  EXPECT_NE(registry.find(d), nullptr);
  EXPECT_NE(registry.find(other), nullptr) << "other users keep theirs";
  registry.clear();
  EXPECT_EQ(registry.size(), 0u);
}

TEST_F(SoqlCursor, LargeCountsSwitchFromTheIndexProbeToATableScan) {
  const emu::ObjectSchema& contact = *catalog_.find("Contact");
  ASSERT_TRUE(store_->transaction([&]() -> sfsync::Result<void> {
    for (int i = 0; i < emu::soql::kCountProbeRows + 100; ++i) {
      auto id = store_->insert(contact, {{contact.field("LastName"), std::string("Bulk")}}, 1704164646000 + i);
      if (!id.ok()) return id.error();
    }
    return {};
  }).ok());
  EXPECT_EQ(open("SELECT Id FROM Contact")->total_size(), emu::soql::kCountProbeRows + 125);
  EXPECT_EQ(open("SELECT Id FROM Contact WHERE LastName = 'Bulk'")->total_size(), emu::soql::kCountProbeRows + 100);
  EXPECT_EQ(open("SELECT Id FROM Contact WHERE SystemModstamp > 2024-01-02T03:04:06.000Z ORDER BY SystemModstamp, Id")
                ->total_size(),
            emu::soql::kCountProbeRows + 99);
  EXPECT_EQ(open("SELECT Id FROM Contact WHERE LastName LIKE 'N%'")->total_size(), 25);
}
