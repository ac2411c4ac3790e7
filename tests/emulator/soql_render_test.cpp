// RecordRenderer: the exact JSON of records, nested parents, compound addresses and value formats.
#include <gtest/gtest.h>

#include "emulator/query/record_renderer.h"
#include "emulator/soql/compiler.h"
#include "soql_test_support.h"

using soql_test::id;

namespace {

class SoqlRender : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.exec("INSERT INTO sobj_User (Id, Name, IsDeleted) VALUES ('" + id("005", 1) + "', 'Ursula', 0)");
    db_.exec("INSERT INTO sobj_Account (Id, Name, OwnerId, NumberOfEmployees, AnnualRevenue, IsDeleted) VALUES ('" +
             id("001", 1) + "', 'Acme \"Inc\"', '" + id("005", 1) + "', 12, 300, 0)");
    db_.exec("INSERT INTO sobj_Contact (Id, LastName, AccountId, Birthdate, HasOptedOutOfEmail, Score__c, "
             "Interests__c, CreatedDate, MailingCity, MailingLatitude, IsDeleted) VALUES ('" + id("003", 1) +
             "', 'Smith', '" + id("001", 1) + "', '1990-05-01', 1, 2.5, 'four;six', 1704164645000, 'Paris', 48.85, 0)");
    db_.exec("INSERT INTO sobj_Contact (Id, LastName, IsDeleted) VALUES ('" + id("003", 2) + "', 'Jones', 0)");
  }

  // Each matching record rendered, in row order.
  std::vector<std::string> render(const std::string& soql) {
    auto c = emu::soql::compile_soql(soql, catalog_, {});
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    if (!c.ok()) return {};
    emu::query::RecordRenderer renderer(c->root, "63.0");
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db_.db(), c->sql.c_str(), -1, &stmt, nullptr);
    for (size_t i = 0; i < c->params.size(); ++i) {
      auto* text = std::get_if<std::string>(&c->params[i]);
      if (text) sqlite3_bind_text(stmt, static_cast<int>(i + 1), text->c_str(), -1, SQLITE_TRANSIENT);
    }
    std::vector<std::string> out;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      out.emplace_back();
      renderer.append_record(stmt, out.back());
    }
    sqlite3_finalize(stmt);
    return out;
  }

  emu::Catalog catalog_ = soql_test::make_catalog();
  soql_test::Db db_{catalog_};
};

std::string attributes(const std::string& type, const std::string& record_id) {
  return "{\"attributes\":{\"type\":\"" + type + "\",\"url\":\"/services/data/v63.0/sobjects/" + type + "/" +
         record_id + "\"}";
}

}  // namespace

TEST_F(SoqlRender, ValueFormatsInSelectOrderWithDescribeCase) {
  auto rows = render("SELECT lastname, BIRTHDATE, HasOptedOutOfEmail, Score__c, Interests__c, CreatedDate, Email, "
                     "Level__c FROM Contact WHERE LastName = 'Smith'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], attributes("Contact", id("003", 1)) +
                         ",\"LastName\":\"Smith\",\"Birthdate\":\"1990-05-01\",\"HasOptedOutOfEmail\":true,"
                         "\"Score__c\":2.5,\"Interests__c\":\"four;six\",\"CreatedDate\":\"2024-01-02T03:04:05.000+0000\","
                         "\"Email\":null,\"Level__c\":null}");
}

TEST_F(SoqlRender, ParentsNestWithAttributesOrNull) {
  auto rows = render("SELECT Id, Account.Name, Account.Owner.Name, Account.AnnualRevenue, Account.NumberOfEmployees "
                     "FROM Contact ORDER BY LastName DESC");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], attributes("Contact", id("003", 1)) + ",\"Id\":\"" + id("003", 1) + "\",\"Account\":" +
                         attributes("Account", id("001", 1)) + ",\"Name\":\"Acme \\\"Inc\\\"\",\"Owner\":" +
                         attributes("User", id("005", 1)) +
                         ",\"Name\":\"Ursula\"},\"AnnualRevenue\":300.0,\"NumberOfEmployees\":12}}");
  EXPECT_EQ(rows[1], attributes("Contact", id("003", 2)) + ",\"Id\":\"" + id("003", 2) + "\",\"Account\":null}");
}

TEST_F(SoqlRender, CompoundAddressOrNull) {
  auto rows = render("SELECT MailingAddress FROM Contact ORDER BY LastName DESC");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], attributes("Contact", id("003", 1)) +
                         ",\"MailingAddress\":{\"city\":\"Paris\",\"country\":null,\"geocodeAccuracy\":null,"
                         "\"latitude\":48.85,\"longitude\":null,\"postalCode\":null,\"state\":null,\"street\":null}}");
  EXPECT_EQ(rows[1], attributes("Contact", id("003", 2)) + ",\"MailingAddress\":null}");
}
