// Model sources (CSV reader, SQLite paging, PostgreSQL, the customer store) and the Bulk error
// text parser, without Salesforce where none is needed.
#include <sstream>

#include "push_fixture.h"
#include "support/temporary_postgres.h"
#include "runner/pull_run.h"
#include "sinks/salesforce/bulk_writer.h"
#include "common/csv_reader.h"
#include "sources/models/model_source.h"

using namespace push_test;

namespace {

std::vector<std::vector<std::string>> read_all_csv(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in, ',');
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> cells;
  for (;;) {
    auto more = reader.next(cells);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    out.push_back(cells);
  }
  return out;
}

class PushModelTest : public PushFixture {};

}  // namespace

TEST(PushCsvReader, Rfc4180QuotingLineEndsAndBom) {
  auto rows = read_all_csv("\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n,,\nlast,row,no-eol");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x, y", "say \"hi\"", "two\r\nlines"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(rows[3], (std::vector<std::string>{"last", "row", "no-eol"}));
}

TEST(PushCsvReader, UnterminatedQuoteIsAnError) {
  std::istringstream in("a\n\"open");
  CsvReader reader(in, ',');
  std::vector<std::string> cells;
  ASSERT_TRUE(reader.next(cells).ok());
  auto second = reader.next(cells);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message.find("line 2"), std::string::npos);
}

TEST(PushBulkError, SplitsCodeMessageAndFields) {
  auto r = parse_bulk_error("REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --");
  EXPECT_EQ(r.error_code, "REQUIRED_FIELD_MISSING");
  EXPECT_EQ(r.message, "Required fields are missing: [LastName]");
  EXPECT_EQ(r.fields, std::vector<std::string>{"LastName"});
  auto e = parse_bulk_error("INVALID_EMAIL_ADDRESS:Email: invalid email address: bad:Email --");
  EXPECT_EQ(e.error_code, "INVALID_EMAIL_ADDRESS");
  EXPECT_EQ(e.message, "Email: invalid email address: bad");
  auto none = parse_bulk_error("ENTITY_IS_DELETED:entity is deleted:--");
  EXPECT_EQ(none.message, "entity is deleted");
  EXPECT_TRUE(none.fields.empty());
}

TEST_F(PushModelTest, SqliteModelStreamsInPages) {
  add_customers(0, 25);
  auto model = open_sqlite_model(model_path(), "SELECT customer_key, score, NULL AS blank FROM customers");
  ASSERT_TRUE(model.ok()) << model.error().message;
  EXPECT_EQ((*model)->columns(), (std::vector<std::string>{"customer_key", "score", "blank"}));
  size_t rows = 0, pages = 0;
  for (;;) {
    auto page = (*model)->next(10);
    ASSERT_TRUE(page.ok());
    EXPECT_LE(page->records.size(), 10u);
    rows += page->records.size();
    ++pages;
    if (!page->records.empty()) {
      EXPECT_TRUE(page->records[0].fields[2].second.is_null());
    }
    if (page->last) break;
  }
  EXPECT_EQ(rows, 25u);
  EXPECT_EQ(pages, 3u);
}

// Against a throwaway PostgreSQL server started for the test (or SFSYNC_TEST_POSTGRES_URL).
TEST(PushPostgresModel, StreamsRowsAndNamesBadSql) {
  std::unique_ptr<testing_support::TemporaryPostgres> server;
  std::string url_text;
  if (const char* given = std::getenv("SFSYNC_TEST_POSTGRES_URL")) {
    url_text = given;
  } else {
    server = std::make_unique<testing_support::TemporaryPostgres>();
    if (!server->ok()) GTEST_SKIP() << server->why_not();
    url_text = server->url();
  }
  const char* url = url_text.c_str();
  auto model = open_postgres_model(url, "SELECT g AS n, 'name ' || g AS name, g % 2 = 0 AS even, NULL::text AS nothing "
                                        "FROM generate_series(1, 2500) g");
  ASSERT_TRUE(model.ok()) << model.error().message;
  EXPECT_EQ((*model)->columns(), (std::vector<std::string>{"n", "name", "even", "nothing"}));
  int64_t rows = 0, last_n = 0;
  for (;;) {
    auto page = (*model)->next(1000);
    ASSERT_TRUE(page.ok()) << page.error().message;
    for (const auto& r : page->records) {
      ++rows;
      last_n = r.fields[0].second.i;
      EXPECT_EQ(r.fields[0].second.type, ValueType::Int);
      EXPECT_TRUE(r.fields[3].second.is_null());
    }
    if (page->last) break;
  }
  EXPECT_EQ(rows, 2500);
  EXPECT_EQ(last_n, 2500);
  auto bad = open_postgres_model(url, "SELEC 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "bad_input");
  EXPECT_NE(bad.error().message.find("syntax error"), std::string::npos) << bad.error().message;
  EXPECT_EQ(bad.error().message.find('\n'), std::string::npos);
}

// The customer store as a model: profiles pulled from Salesforce, a computed value pushed back.
TEST_F(PushModelTest, StoreModelPushesProfilesBackToContacts) {
  std::string syncs =
      "  - name: pull_contacts\n    connection: crm\n    source: {object: Contact}\n    fields: [LastName]\n"
      "    identifiers:\n      - {type: sf_contact_id, template: \"SF_Contact_{{Id}}\"}\n"
      "    attributes:\n      - {field: LastName, name: last_name}\n"
      "  - name: back\n    kind: push\n    connection: crm\n"
      "    model: {connection: store, sql: \"SELECT substr(i.value, 12) AS contact_id, 'Store VIP' AS title "
      "FROM identifiers i WHERE i.type = 'sf_contact_id' ORDER BY i.value LIMIT 3\"}\n"
      "    destination:\n      object: Contact\n      mode: update\n"
      "      mapping:\n        - {column: contact_id, field: Id}\n        - {column: title, field: Title}\n";
  auto config = parse_config(config_yaml(syncs), "test.yaml");
  ASSERT_TRUE(config.ok()) << config.error().message;
  auto client = make_salesforce_client(*config->find_connection("crm"), store_.get());
  ASSERT_TRUE(client.ok());
  auto pulled = run_salesforce_pull(*config->find_sync("pull_contacts"), **client, *store_, PullRequest{});
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  auto pushed = push(syncs, "back");
  ASSERT_TRUE(pushed.ok()) << pushed.error().message;
  EXPECT_EQ(pushed->updated, 3) << pushed->reason;
  EXPECT_EQ(query("SELECT Id FROM Contact WHERE Title = 'Store VIP'").size(), 3u);
}
