// Unit tests of the Marketing Cloud building blocks: cell values, $filter/$orderBy compilation,
// the Data Extension store and generator, DE config.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "common/time_util.h"
#include "emulator/sfmc/data_extension_store.h"
#include "emulator/sfmc/de_config.h"
#include "emulator/sfmc/de_generator.h"
#include "emulator/sfmc/de_setup.h"
#include "emulator/sfmc/de_value.h"
#include "emulator/sfmc/rowset_filter.h"
#include "emulator/sfmc/rowset_response.h"

namespace {

using emu::DeCell;

// The value of a Result the test expects to be ok.
template <typename T>
T must(sfsync::Result<T> r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return std::move(r).value();
}
using emu::DeField;
using emu::DeFieldType;

const emu::DataExtensionDef& subscribers() {
  static const auto defs = emu::default_data_extensions();
  return defs[0];
}
const DeField& field(const char* name) { return subscribers().fields[size_t(subscribers().field_index(name))]; }

TEST(SfmcValue, FormatsLikeTheRowsetApi) {
  EXPECT_EQ(emu::format_de_value(field("OptIn"), DeCell{int64_t(1)}), "True");
  EXPECT_EQ(emu::format_de_value(field("OptIn"), DeCell{int64_t(0)}), "False");
  EXPECT_EQ(emu::format_de_value(field("Points"), DeCell{int64_t(42)}), "42");
  EXPECT_EQ(emu::format_de_value(field("FirstName"), DeCell{}), "");
  int64_t ms = sfsync::days_from_civil(2024, 6, 23) * 86400000;
  EXPECT_EQ(emu::format_de_value(field("ModifiedDate"), DeCell{ms}), "6/23/2024 12:00:00 AM");
  EXPECT_EQ(emu::format_us_datetime(ms + (13 * 3600 + 5 * 60 + 9) * 1000), "6/23/2024 1:05:09 PM");
  EXPECT_EQ(emu::format_us_datetime(ms + 12 * 3600 * 1000), "6/23/2024 12:00:00 PM");
  DeField decimal{"Score", DeFieldType::Decimal, 18, 2, false, true};
  EXPECT_EQ(emu::format_de_value(decimal, DeCell{12.5}), "12.50");
}

TEST(SfmcValue, ParsesIsoUsAndBooleanInput) {
  int64_t day = sfsync::days_from_civil(2024, 1, 2) * 86400000;
  EXPECT_EQ(std::get<int64_t>(must(emu::parse_de_value(field("ModifiedDate"), "2024-01-02"))), day);
  EXPECT_EQ(std::get<int64_t>(must(emu::parse_de_value(field("ModifiedDate"), "2024-01-02T03:04:05"))),
            day + (3 * 3600 + 4 * 60 + 5) * 1000);
  EXPECT_EQ(std::get<int64_t>(must(emu::parse_de_value(field("ModifiedDate"), "1/2/2024 3:04:05 PM"))),
            day + (15 * 3600 + 4 * 60 + 5) * 1000);
  EXPECT_EQ(std::get<int64_t>(must(emu::parse_de_value(field("ModifiedDate"), "1/2/2024"))), day);
  EXPECT_EQ(std::get<int64_t>(must(emu::parse_de_value(field("OptIn"), "True"))), 1);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(must(emu::parse_de_value(field("Points"), ""))));
  EXPECT_FALSE(emu::parse_de_value(field("Points"), "12a").ok());
  EXPECT_FALSE(emu::parse_de_value(field("ModifiedDate"), "yesterday").ok());
  EXPECT_FALSE(emu::parse_de_value(field("OptIn"), "maybe").ok());
}

TEST(SfmcFilter, CompilesOperatorsBetweenAndOrAndParentheses) {
  auto w = emu::compile_rowset_filter("ModifiedDate gt '2024-01-01T00:00:00'", subscribers());
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(w->sql, "c7 > ?");
  EXPECT_EQ(std::get<int64_t>(w->binds[0]), sfsync::days_from_civil(2024, 1, 1) * 86400000);

  w = emu::compile_rowset_filter(
      "(country EQ 'FR' or Country eq 'DE') AND Points between '10' and '20' and not FirstName like 'E%'",
      subscribers());
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(w->sql, "(c5 = ? OR c5 = ?) AND (c8 BETWEEN ? AND ?) AND NOT c2 LIKE ?");
  EXPECT_EQ(w->binds.size(), 5u);
  EXPECT_EQ(std::get<int64_t>(w->binds[2]), 10);

  w = emu::compile_rowset_filter("EmailAddress eq '' or LastName neq 'O''Brien'", subscribers());
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(w->sql, "c1 IS NULL OR c3 != ?");
  EXPECT_EQ(std::get<std::string>(w->binds[0]), "O'Brien");

  for (const char* op : {"neq", "lt", "lte", "gte"}) {
    EXPECT_TRUE(emu::compile_rowset_filter(std::string("Points ") + op + " 5", subscribers()).ok()) << op;
  }
  EXPECT_TRUE(emu::compile_rowset_filter("", subscribers())->sql.empty());
}

TEST(SfmcFilter, RejectsUnknownFieldsOperatorsAndBadSyntax) {
  for (const char* bad : {"Nope eq 'x'", "Points around '5'", "Points eq 'abc'", "(Points eq 1",
                          "Points eq", "FirstName eq 'unterminated", "Points between 1 or 2", "Points gt ''"}) {
    auto w = emu::compile_rowset_filter(bad, subscribers());
    EXPECT_FALSE(w.ok()) << bad;
    if (!w.ok()) {
      EXPECT_EQ(w.error().code, "bad_filter");
    }
  }
}

TEST(SfmcFilter, CompilesOrderBy) {
  EXPECT_EQ(must(emu::compile_rowset_order("ModifiedDate desc", subscribers())), "c7 DESC");
  EXPECT_EQ(must(emu::compile_rowset_order("lastname, FirstName ASC", subscribers())), "c3 ASC, c2 ASC");
  EXPECT_FALSE(emu::compile_rowset_order("Nope asc", subscribers()).ok());
  EXPECT_FALSE(emu::compile_rowset_order("Points sideways", subscribers()).ok());
}

class SfmcStoreTest : public testing::Test {
 protected:
  void SetUp() override {
    auto opened = emu::DataExtensionStore::open();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store = std::move(*opened);
    auto created = store->create(subscribers());
    ASSERT_TRUE(created.ok());
    de = *created;
  }
  int64_t count(const std::string& filter) {
    return must(store->count(*de, must(emu::compile_rowset_filter(filter, *de))));
  }
  std::unique_ptr<emu::DataExtensionStore> store;
  const emu::DataExtensionDef* de = nullptr;
};

TEST_F(SfmcStoreTest, FindsByKeyCaseInsensitivelyAndById) {
  EXPECT_EQ(store->find("subscribers_de"), de);
  EXPECT_EQ(store->find_by_id(de->id), de);
  EXPECT_EQ(store->find("nope"), nullptr);
  EXPECT_EQ(store->create(subscribers()).error().code, "duplicate");
}

TEST_F(SfmcStoreTest, GeneratedRowsAreDeterministicAndFilterable) {
  ASSERT_TRUE(emu::populate_data_extension(*store, *de, 7, 500).ok());
  EXPECT_EQ(count(""), 500);
  auto page = store->read_page(*de, {}, "", 0, 3);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 3u);
  EXPECT_EQ(std::get<std::string>((*page)[0][0]), "SUB-1000000");
  EXPECT_EQ((*page)[1], emu::generate_de_row(*de, 7, 1));
  EXPECT_NE(emu::generate_de_row(*de, 7, 1), emu::generate_de_row(*de, 8, 1));
  int64_t after_mid_2024 = count("ModifiedDate gt '2024-07-01T00:00:00'");
  EXPECT_GT(after_mid_2024, 50);
  EXPECT_LT(after_mid_2024, 450);
  EXPECT_EQ(count("ModifiedDate gt '2024-07-01T00:00:00' or ModifiedDate lte '2024-07-01T00:00:00'"), 500);
  EXPECT_GT(count("EmailAddress eq ''"), 0);  // some empty emails, like real data
  EXPECT_EQ(count("SubscriberKey eq 'sub-1000001'"), 1);  // text compares case-insensitively
  auto ordered = store->read_page(*de, {}, must(emu::compile_rowset_order("Points desc", *de)), 0, 500);
  ASSERT_TRUE(ordered.ok());
  for (size_t i = 1; i < ordered->size(); ++i) {
    EXPECT_GE(std::get<int64_t>((*ordered)[i - 1][8]), std::get<int64_t>((*ordered)[i][8]));
  }
}

TEST_F(SfmcStoreTest, UpsertMovesModifiedDateAndDeleteRemoves) {
  ASSERT_TRUE(emu::populate_data_extension(*store, *de, 1, 10).ok());
  const int64_t now = sfsync::days_from_civil(2030, 1, 1) * 86400000;
  ASSERT_TRUE(store->upsert_row("Subscribers_DE", {{"subscriberkey", "SUB-1000003"}, {"FirstName", "Zed"}}, now).ok());
  EXPECT_EQ(count(""), 10);
  EXPECT_EQ(count("ModifiedDate gte '2030-01-01' and FirstName eq 'zed'"), 1);
  ASSERT_TRUE(store->upsert_row("Subscribers_DE", {{"SubscriberKey", "NEW-1"}, {"Points", "5"}}, now).ok());
  EXPECT_EQ(count(""), 11);
  EXPECT_EQ(store->upsert_row("Subscribers_DE", {{"Nope", "1"}}, now).error().code, "bad_value");
  EXPECT_EQ(store->upsert_row("Missing_DE", {{"A", "1"}}, now).error().code, "not_found");
  EXPECT_EQ(must(store->delete_row("Subscribers_DE", {{"SubscriberKey", "NEW-1"}})), 1);
  EXPECT_EQ(count(""), 10);
}

TEST(SfmcResponse, RowsetPageShapeMatchesCapturedResponses) {
  emu::RowsetPage page{&subscribers(), "3934bf37-a0a4-4312-94ba-b4b071079146",
                       sfsync::days_from_civil(2021, 7, 11) * 86400000 + 72689590, 1, 1, 5, {}};
  page.rows.push_back(emu::generate_de_row(subscribers(), 1, 0));
  std::string body = emu::render_rowset_page(page);
  EXPECT_EQ(body.rfind("{\"links\":{\"self\":\"/v1/customobjectdata/token/3934bf37-a0a4-4312-94ba-b4b071079146/rowset?$page=1\","
                       "\"next\":\"/v1/customobjectdata/token/3934bf37-a0a4-4312-94ba-b4b071079146/rowset?$page=2\"},"
                       "\"requestToken\":\"3934bf37-a0a4-4312-94ba-b4b071079146\","
                       "\"tokenExpireDateUtc\":\"2021-07-11T20:11:29.59\",",
                       0),
            0u)
      << body;
  EXPECT_NE(body.find("\"pageSize\":1,\"page\":1,\"count\":5,\"top\":0,\"items\":[{\"keys\":{\"subscriberkey\":\"SUB-1000000\"},"
                      "\"values\":{\"emailaddress\":"),
            std::string::npos)
      << body;
  EXPECT_EQ(body.find("SubscriberKey"), std::string::npos);  // names are lower-cased

  page.count = 1;
  EXPECT_EQ(emu::render_rowset_page(page).find("\"next\""), std::string::npos);  // last page: no next link
  page.rows.clear();
  page.count = 0;
  EXPECT_EQ(emu::render_rowset_page(page).find("items"), std::string::npos);  // empty: no items member
  EXPECT_EQ(emu::format_token_expiry(sfsync::days_from_civil(2023, 1, 26) * 86400000 + 50099000), "2023-01-26T13:54:59");
}

TEST(SfmcResponse, FieldsListNamesTypesAndPrimaryKeys) {
  std::string body = emu::render_custom_object_fields(subscribers());
  EXPECT_EQ(body.rfind("{\"id\":\"" + subscribers().id + "\",\"fields\":[{\"name\":\"SubscriberKey\",\"type\":\"Text\","
                       "\"length\":254,\"ordinal\":1,\"isNullable\":false,\"isPrimaryKey\":true", 0), 0u) << body;
  EXPECT_NE(body.find("{\"name\":\"OptIn\",\"type\":\"Boolean\",\"ordinal\":7"), std::string::npos) << body;
}

TEST(SfmcConfig, LoadsDataExtensionsFromYaml) {
  const std::string path = testing::TempDir() + "sfmc_de_config_test.yaml";
  {
    std::ofstream out(path);
    out << "data_extensions:\n"
           "  - key: Orders_DE\n"
           "    rows: 25\n"
           "    fields:\n"
           "      - {name: OrderId, type: Text, length: 50, is_primary_key: true}\n"
           "      - {name: Amount, type: Decimal, scale: 3}\n"
           "      - {name: ModifiedDate, type: date}\n";
  }
  auto defs = emu::load_data_extensions_yaml(path);
  ASSERT_TRUE(defs.ok()) << defs.error().message;
  ASSERT_EQ(defs->size(), 1u);
  const auto& de = (*defs)[0];
  EXPECT_EQ(de.name, "Orders_DE");
  EXPECT_EQ(de.rows_to_generate, 25);
  EXPECT_TRUE(de.fields[0].is_primary_key);
  EXPECT_EQ(de.fields[1].scale, 3);
  EXPECT_EQ(de.fields[2].type, DeFieldType::Date);
  EXPECT_FALSE(de.id.empty());
  {
    std::ofstream out(path);
    out << "data_extensions:\n  - key: Bad\n    fields:\n      - {name: X, type: Blob}\n";
  }
  EXPECT_EQ(emu::load_data_extensions_yaml(path).error().code, "bad_config");
  std::remove(path.c_str());
}

TEST(SfmcSetup, BuildsDemoAndConfiguredDataExtensions) {
  const std::string path = testing::TempDir() + "sfmc_de_setup_test.yaml";
  {
    std::ofstream out(path);
    out << "data_extensions:\n"
           "  - {key: Subscribers_DE, rows: 20}\n"
           "  - key: Orders_DE\n"
           "    rows: 25\n"
           "    fields:\n"
           "      - {name: OrderId, type: Text, is_primary_key: true}\n"
           "      - {name: Total, type: Decimal}\n";
  }
  emu::EmulatorOptions options;
  options.config_path = path;
  auto store = emu::build_data_extension_store(options);
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto rows = [&](const char* key) { return must((*store)->count(*(*store)->find(key), {})); };
  EXPECT_EQ(rows("Subscribers_DE"), 20);
  EXPECT_EQ(rows("Preferences_DE"), 300);
  EXPECT_EQ(rows("Orders_DE"), 25);
  {
    std::ofstream out(path);
    out << "data_extensions:\n  - {key: Unknown_DE, rows: 5}\n";
  }
  EXPECT_EQ(emu::build_data_extension_store(options).error().code, "bad_config");
  std::remove(path.c_str());
}

}  // namespace
