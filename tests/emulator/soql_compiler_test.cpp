// SOQL compiler: Salesforce's error codes and messages, and the SQL's behaviour on real rows.
#include <gtest/gtest.h>

#include <algorithm>

#include "emulator/org/standard_objects.h"
#include "emulator/soql/compiler.h"
#include "soql_test_support.h"

using namespace emu::soql;
using soql_test::id;

namespace {

constexpr int64_t kDay = 86400000;
constexpr int64_t kNow = 19797LL * kDay + 36000000;  // 2024-03-15T10:00:00Z

class SoqlCompiler : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.exec("INSERT INTO sobj_User (Id, Name, ManagerId, IsDeleted) VALUES ('" + id("005", 1) + "', 'Ursula', '" +
             id("005", 2) + "', 0), ('" + id("005", 2) + "', 'Boss', NULL, 0)");
    db_.exec("INSERT INTO sobj_Group (Id, Name, IsDeleted) VALUES ('" + id("00G", 1) + "', 'Queue', 0)");
    db_.exec("INSERT INTO sobj_Account (Id, Name, Industry, OwnerId, IsDeleted) VALUES ('" + id("001", 1) +
             "', 'Acme', 'Tech', '" + id("005", 1) + "', 0), ('" + id("001", 2) + "', 'Globex', NULL, '" +
             id("005", 2) + "', 0)");
    insert_contact(1, "'Ann'", "'Smith'", "'ann@x.com'", "'" + id("001", 1) + "'", "'" + id("005", 1) + "'",
                   "'1990-05-01'", 0, "1.5", "'golf;tennis'", 0, kNow - kDay);
    insert_contact(2, "'Bob'", "'Jones'", "NULL", "NULL", "'" + id("00G", 1) + "'", "NULL", 1, "NULL", "'chess'", 0,
                   kNow - 40 * kDay);
    insert_contact(3, "'Cy'", "'smith_50%'", "'cy@y.org'", "'" + id("001", 2) + "'", "'" + id("005", 2) + "'",
                   "'1985-01-31'", 0, "-2", "NULL", 0, kNow - 400 * kDay);
    insert_contact(4, "'Del'", "'Deleted'", "NULL", "NULL", "NULL", "NULL", 0, "NULL", "NULL", 1, kNow);
  }

  void insert_contact(int n, const std::string& first, const std::string& last, const std::string& email,
                      const std::string& account, const std::string& owner, const std::string& birthdate, int opted_out,
                      const std::string& score, const std::string& interests, int deleted, int64_t created) {
    db_.exec("INSERT INTO sobj_Contact (Id, FirstName, LastName, Email, AccountId, OwnerId, Birthdate, "
             "HasOptedOutOfEmail, Score__c, Interests__c, IsDeleted, CreatedDate) VALUES ('" + id("003", n) + "', " +
             first + ", " + last + ", " + email + ", " + account + ", " + owner + ", " + birthdate + ", " +
             std::to_string(opted_out) + ", " + score + ", " + interests + ", " + std::to_string(deleted) + ", " +
             std::to_string(created) + ")");
  }

  sfsync::Error error(const std::string& soql) {
    auto c = compile_soql(soql, catalog_, {false, kNow});
    EXPECT_FALSE(c.ok()) << soql;
    return c.ok() ? sfsync::Error{} : c.error();
  }

  // Contact numbers (id("003", n)) matched by `where`, sorted unless the query orders them.
  std::vector<int> contacts(const std::string& where, bool all_rows = false, const std::string& tail = "") {
    std::string soql = "SELECT Id FROM Contact" + (where.empty() ? "" : " WHERE " + where) + tail;
    auto c = compile_soql(soql, catalog_, {all_rows, kNow});
    EXPECT_TRUE(c.ok()) << soql << ": " << (c.ok() ? "" : c.error().message);
    if (!c.ok()) return {};
    std::vector<int> out;
    for (const auto& row : db_.run(c->sql, c->params)) {
      for (int n = 1; n <= 4; ++n) {
        if (row[0] == id("003", n)) out.push_back(n);
      }
    }
    if (tail.find("ORDER BY") == std::string::npos) std::sort(out.begin(), out.end());
    int64_t total = std::stoll(db_.run(c->count_sql, c->params)[0][0]);
    EXPECT_EQ(total, static_cast<int64_t>(out.size())) << "count_sql disagrees for " << soql;
    return out;
  }

  emu::Catalog catalog_ = soql_test::make_catalog();
  soql_test::Db db_{catalog_};
};

using V = std::vector<int>;

}  // namespace

TEST_F(SoqlCompiler, InvalidFieldMessageMatchesSalesforce) {
  sfsync::Error e = error("SELECT Id,Invalid__x FROM Contact LIMIT 1");
  EXPECT_EQ(e.code, "INVALID_FIELD");
  EXPECT_EQ(e.message,
            "\nSELECT Id,Invalid__x FROM Contact LIMIT 1\n          ^\nERROR at Row:1:Column:11\nNo such column "
            "'Invalid__x' on entity 'Contact'. If you are attempting to use a custom field, be sure to append the "
            "'__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate "
            "names.");
  EXPECT_NE(error("SELECT Account.Nme FROM Contact").message.find("No such column 'Nme' on entity 'Account'"),
            std::string::npos);
  EXPECT_EQ(error("SELECT Id FROM Contact WHERE Foo__c = 1").code, "INVALID_FIELD");
  EXPECT_EQ(error("SELECT Id FROM Contact ORDER BY Foo__c").code, "INVALID_FIELD");
}

TEST_F(SoqlCompiler, InvalidTypeMessageMatchesSalesforce) {
  sfsync::Error e = error("SELECT Id FROM Accountz LIMIT 2");
  EXPECT_EQ(e.code, "INVALID_TYPE");
  EXPECT_EQ(e.message,
            "\nSELECT Id FROM Accountz LIMIT 2\n               ^\nERROR at Row:1:Column:16\nsObject type 'Accountz' "
            "is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the "
            "entity name. Please reference your WSDL or the describe call for the appropriate names.");
}

TEST_F(SoqlCompiler, UnknownRelationship) {
  sfsync::Error e = error("SELECT Id, Foo.Name FROM Contact");
  EXPECT_EQ(e.code, "INVALID_FIELD");
  EXPECT_EQ(e.message,
            "\nSELECT Id, Foo.Name FROM Contact\n           ^\nERROR at Row:1:Column:12\nDidn't understand "
            "relationship 'Foo' in field path. If you are attempting to use a custom relationship, be sure to append "
            "the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the "
            "appropriate names.");
  // A lookup field name is not its relationship name.
  EXPECT_EQ(error("SELECT AccountId.Name FROM Contact").code, "INVALID_FIELD");
  EXPECT_EQ(error("SELECT Parent__c.Name FROM Contact").code, "INVALID_FIELD");
}

TEST_F(SoqlCompiler, FieldsFunctionNeedsLimit200) {
  sfsync::Error e = error("SELECT FIELDS(ALL) FROM Contact");
  EXPECT_EQ(e.code, "MALFORMED_QUERY");
  EXPECT_NE(e.message.find("The SOQL FIELDS function must have a LIMIT of at most 200"), std::string::npos);
  EXPECT_EQ(error("SELECT FIELDS(CUSTOM) FROM Contact LIMIT 201").code, "MALFORMED_QUERY");
  EXPECT_TRUE(compile_soql("SELECT FIELDS(ALL) FROM Contact LIMIT 200", catalog_, {}).ok());
  auto standard = compile_soql("SELECT FIELDS(STANDARD) FROM Contact", catalog_, {});
  ASSERT_TRUE(standard.ok());
  for (const auto& item : standard->root.items) EXPECT_EQ(item.key.find("__c"), std::string::npos) << item.key;
  auto custom = compile_soql("SELECT FIELDS(CUSTOM) FROM Contact LIMIT 5", catalog_, {});
  ASSERT_TRUE(custom.ok());
  ASSERT_EQ(custom->root.items.size(), 4u);
  EXPECT_EQ(custom->root.items[0].key, "Score__c");
}

TEST_F(SoqlCompiler, OffsetAboveTwoThousand) {
  sfsync::Error e = error("SELECT Id FROM Contact LIMIT 10 OFFSET 2001");
  EXPECT_EQ(e.code, "NUMBER_OUTSIDE_VALID_RANGE");
  EXPECT_NE(e.message.find("Maximum SOQL offset allowed is 2000"), std::string::npos);
}

TEST_F(SoqlCompiler, CountMustStandAlone) {
  EXPECT_EQ(error("SELECT COUNT(), Id FROM Contact").code, "MALFORMED_QUERY");
  EXPECT_EQ(error("SELECT Id, Id FROM Contact").code, "MALFORMED_QUERY");
}

TEST_F(SoqlCompiler, FilterValueTypesFollowTheField) {
  auto message = [&](const std::string& where) { return error("SELECT Id FROM Contact WHERE " + where).message; };
  EXPECT_NE(message("CreatedDate > '2024-01-01'")
                .find("value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be "
                      "enclosed in quotes"),
            std::string::npos);
  EXPECT_NE(message("CreatedDate > 2024-01-01").find("must be of type dateTime"), std::string::npos);
  EXPECT_NE(message("Birthdate = 2024-01-02T00:00:00Z")
                .find("value of filter criterion for field 'Birthdate' must be of type date and should not be "
                      "enclosed in quotes"),
            std::string::npos);
  EXPECT_NE(message("LastName = 5").find("must be of type string and should be enclosed in quotes"), std::string::npos);
  EXPECT_NE(message("HasOptedOutOfEmail = 'true'").find("must be of type boolean"), std::string::npos);
  EXPECT_NE(message("Score__c = '1'").find("must be of type double"), std::string::npos);
  EXPECT_EQ(error("SELECT Id FROM Contact WHERE CreatedDate > '2024-01-01'").code, "INVALID_FIELD");
  sfsync::Error bad_id = error("SELECT Id FROM Contact WHERE Id = 'abc'");
  EXPECT_EQ(bad_id.code, "INVALID_QUERY_FILTER_OPERATOR");
  EXPECT_NE(bad_id.message.find("invalid ID field: abc"), std::string::npos);
  EXPECT_EQ(error("SELECT Id FROM Contact WHERE LastName INCLUDES ('a')").code, "INVALID_QUERY_FILTER_OPERATOR");
}

TEST_F(SoqlCompiler, QueryHidesDeletedRowsAndQueryAllShowsThem) {
  EXPECT_EQ(contacts(""), (V{1, 2, 3}));
  EXPECT_EQ(contacts("", true), (V{1, 2, 3, 4}));
  EXPECT_EQ(contacts("IsDeleted = true", true), (V{4}));
}

TEST_F(SoqlCompiler, TextComparesIgnoreCase) {
  EXPECT_EQ(contacts("LastName = 'SMITH'"), (V{1}));
  EXPECT_EQ(contacts("LastName IN ('jones', 'SMITH')"), (V{1, 2}));
  EXPECT_EQ(contacts("LastName > 'k'"), (V{1, 3}));
}

TEST_F(SoqlCompiler, NotEqualsAndNotInMatchNulls) {
  EXPECT_EQ(contacts("Email != 'ann@x.com'"), (V{2, 3}));
  EXPECT_EQ(contacts("Email NOT IN ('ann@x.com')"), (V{2, 3}));
  EXPECT_EQ(contacts("Email = null"), (V{2}));
  EXPECT_EQ(contacts("Email != null"), (V{1, 3}));
  EXPECT_EQ(contacts("NOT Email = 'ann@x.com'"), (V{2, 3}));
  EXPECT_EQ(contacts("NOT (Email = 'ann@x.com' OR Score__c > 0)"), (V{2, 3}));
}

TEST_F(SoqlCompiler, AndOrNotWithParentheses) {
  EXPECT_EQ(contacts("(LastName = 'Smith' OR LastName = 'Jones') AND HasOptedOutOfEmail = true"), (V{2}));
  EXPECT_EQ(contacts("LastName = 'Smith' OR (LastName = 'Jones' AND HasOptedOutOfEmail = false)"), (V{1}));
  EXPECT_EQ(contacts("Email != null AND (NOT LastName LIKE 'smith%')"), V{});
}

TEST_F(SoqlCompiler, LikeWildcardsAndEscapes) {
  EXPECT_EQ(contacts("LastName LIKE 'SMI%'"), (V{1, 3}));
  EXPECT_EQ(contacts("LastName LIKE 'J_nes'"), (V{2}));
  EXPECT_EQ(contacts("LastName LIKE 'smith\\_50\\%'"), (V{3}));
  EXPECT_EQ(contacts("LastName LIKE 'smith\\_5'"), V{});
}

TEST_F(SoqlCompiler, IncludesExcludesOnMultiPicklists) {
  EXPECT_EQ(contacts("Interests__c INCLUDES ('TENNIS')"), (V{1}));
  EXPECT_EQ(contacts("Interests__c INCLUDES ('golf;tennis')"), (V{1}));
  EXPECT_EQ(contacts("Interests__c INCLUDES ('golf;chess')"), V{});
  EXPECT_EQ(contacts("Interests__c INCLUDES ('chess', 'golf')"), (V{1, 2}));
  EXPECT_EQ(contacts("Interests__c INCLUDES ('ten')"), V{});
  EXPECT_EQ(contacts("Interests__c EXCLUDES ('golf')"), (V{2, 3}));
}

TEST_F(SoqlCompiler, NumbersBooleansDatesAndIds) {
  EXPECT_EQ(contacts("Score__c > 0"), (V{1}));
  EXPECT_EQ(contacts("Score__c < 0"), (V{3}));
  EXPECT_EQ(contacts("Score__c >= 1.5"), (V{1}));
  EXPECT_EQ(contacts("HasOptedOutOfEmail = false"), (V{1, 3}));
  EXPECT_EQ(contacts("Birthdate < 1990-01-01"), (V{3}));
  EXPECT_EQ(contacts("CreatedDate > 2024-03-01T00:00:00Z"), (V{1}));
  EXPECT_EQ(contacts("CreatedDate < 2024-03-01T00:00:00.000+0000"), (V{2, 3}));
  std::string id15 = id("003", 2).substr(0, 15);
  EXPECT_EQ(contacts("Id = '" + id15 + "'"), (V{2}));
  EXPECT_EQ(contacts("Id IN ('" + id("003", 1) + "', '" + id15 + "')"), (V{1, 2}));
  EXPECT_EQ(contacts("AccountId = '" + id("001", 1) + "'"), (V{1}));
}

TEST_F(SoqlCompiler, KeysetConditionsBecomeRowValues) {
  db_.exec("UPDATE sobj_Contact SET CreatedDate = 1000 WHERE Id IN ('" + id("003", 1) + "', '" + id("003", 2) + "')");
  std::string after1 = "'" + id("003", 1) + "'";
  std::string at = "1970-01-01T00:00:01.000Z";
  EXPECT_EQ(contacts("(CreatedDate > " + at + " OR (CreatedDate = " + at + " AND Id > " + after1 + "))", false,
                     " ORDER BY CreatedDate, Id"),
            (V{2, 3}));  // 2: same stamp, later Id; 3: later stamp
  auto c = compile_soql("SELECT Id FROM Contact WHERE CreatedDate > " + at + " OR (CreatedDate = " + at +
                            " AND Id >= " + after1 + ")",
                        catalog_, {});
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c->sql.find("(t0.\"CreatedDate\", t0.\"Id\") >= (?1, ?2)"), std::string::npos) << c->sql;
  EXPECT_EQ(contacts("NOT (CreatedDate < " + at + " OR (CreatedDate = " + at + " AND Id < " + after1 + "))"),
            (V{1, 2, 3}));
}

TEST_F(SoqlCompiler, RelativeDateLiteralsUseNow) {
  EXPECT_EQ(contacts("CreatedDate = TODAY"), V{});
  EXPECT_EQ(contacts("CreatedDate = YESTERDAY"), (V{1}));
  EXPECT_EQ(contacts("CreatedDate = LAST_N_DAYS:30"), (V{1}));
  EXPECT_EQ(contacts("CreatedDate = LAST_N_DAYS:45"), (V{1, 2}));
  EXPECT_EQ(contacts("CreatedDate < LAST_N_DAYS:45"), (V{3}));
  EXPECT_EQ(contacts("CreatedDate != THIS_YEAR"), (V{3}));
  EXPECT_EQ(contacts("CreatedDate = LAST_YEAR"), (V{3}));
  EXPECT_EQ(contacts("Birthdate < THIS_YEAR"), (V{1, 3}));
}

TEST_F(SoqlCompiler, ParentPathsFilterThroughJoins) {
  EXPECT_EQ(contacts("Account.Name = 'Acme'"), (V{1}));
  EXPECT_EQ(contacts("Account.Industry = null"), (V{2, 3}));
  EXPECT_EQ(contacts("Account.Owner.Manager.Name = 'Boss'"), (V{1}));
  // Polymorphic Owner (Group, User): resolved on User.
  EXPECT_EQ(contacts("Owner.Name = 'Ursula'"), (V{1}));
  // A deleted parent reads as an empty lookup for query, not for queryAll.
  db_.exec("UPDATE sobj_Account SET IsDeleted = 1 WHERE Name = 'Acme'");
  EXPECT_EQ(contacts("Account.Name = null"), (V{1, 2}));
  EXPECT_EQ(contacts("Account.Name = 'Acme'", true), (V{1}));
}

TEST_F(SoqlCompiler, ObjectNameOrAliasMayLeadAPath) {
  auto c = compile_soql("SELECT c.LastName, Contact.Email, c.Account.Name FROM Contact c WHERE c.LastName = 'Smith'",
                        catalog_, {});
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->root.items[0].key, "LastName");
  EXPECT_EQ(c->root.items[1].key, "Email");
  EXPECT_EQ(c->root.items[2].key, "Account");
  EXPECT_EQ(db_.run(c->sql, c->params).size(), 1u);
  EXPECT_EQ(error("SELECT x.LastName FROM Contact c").code, "INVALID_FIELD");
}

TEST_F(SoqlCompiler, OrderByNullsLimitOffset) {
  EXPECT_EQ(contacts("", false, " ORDER BY Email"), (V{2, 1, 3}));                 // ASC: nulls first
  EXPECT_EQ(contacts("", false, " ORDER BY Email DESC"), (V{3, 1, 2}));            // DESC: nulls last
  EXPECT_EQ(contacts("", false, " ORDER BY Email ASC NULLS LAST"), (V{1, 3, 2}));
  EXPECT_EQ(contacts("", false, " ORDER BY Email DESC NULLS FIRST"), (V{2, 3, 1}));
  EXPECT_EQ(contacts("", false, " ORDER BY Account.Name DESC, LastName"), (V{3, 1, 2}));
  EXPECT_EQ(contacts("", false, " ORDER BY LastName LIMIT 2"), (V{2, 1}));
  EXPECT_EQ(contacts("", false, " ORDER BY LastName LIMIT 2 OFFSET 1"), (V{1, 3}));
  EXPECT_EQ(contacts("", false, " ORDER BY LastName OFFSET 2"), (V{3}));
}

TEST_F(SoqlCompiler, PlanNestsParentsInSelectOrder) {
  auto c = compile_soql("SELECT Account.Name, LastName, Account.Owner.Name, Account.Industry, MailingAddress FROM Contact",
                        catalog_, {});
  ASSERT_TRUE(c.ok()) << c.error().message;
  const RenderNode& root = c->root;
  EXPECT_EQ(root.id_column, 0);
  ASSERT_EQ(root.items.size(), 3u);
  EXPECT_EQ(root.items[0].kind, RenderItem::Kind::Parent);
  EXPECT_EQ(root.items[0].key, "Account");
  const RenderNode& account = *root.items[0].parent;
  EXPECT_EQ(account.object->name, "Account");
  ASSERT_EQ(account.items.size(), 3u);
  EXPECT_EQ(account.items[0].key, "Name");
  EXPECT_EQ(account.items[1].key, "Owner");
  EXPECT_EQ(account.items[1].parent->object->name, "User");
  EXPECT_EQ(account.items[2].key, "Industry");
  EXPECT_EQ(root.items[1].key, "LastName");
  EXPECT_EQ(root.items[2].kind, RenderItem::Kind::Compound);
  std::vector<std::string> keys;
  for (const auto& p : root.items[2].parts) keys.push_back(p.json_key);
  EXPECT_EQ(keys, (std::vector<std::string>{"city", "country", "geocodeAccuracy", "latitude", "longitude",
                                             "postalCode", "state", "street"}));
}

TEST(SoqlCompilerStandardCatalog, CompilesAgainstTheStandardObjects) {
  emu::Catalog catalog;
  emu::add_standard_objects(catalog);
  auto c = compile_soql("SELECT Id, Name, Account.Name, Owner.Name, MailingAddress, ReportsTo.Account.Owner.Name, "
                        "CreatedBy.Name FROM Contact WHERE Owner.IsActive = true AND Account.BillingCountry != null "
                        "ORDER BY CreatedDate DESC LIMIT 10",
                        catalog, {});
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->root.items[3].key, "Owner");
  EXPECT_EQ(c->root.items[3].parent->object->name, "User");  // OwnerId references Group and User
  EXPECT_EQ(c->root.items[4].parts.size(), 8u);
  auto children = compile_soql("SELECT Id, (SELECT LastName FROM Contacts WHERE Email != null) FROM Account", catalog, {});
  ASSERT_TRUE(children.ok()) << children.error().message;
  ASSERT_EQ(children->root.items.size(), 1u);
  ASSERT_EQ(children->root.children.size(), 1u);
  EXPECT_EQ(children->root.children[0].key, "Contacts");
  EXPECT_EQ(children->root.children[0].position, 1u);
  EXPECT_EQ(children->root.children[0].query->object->name, "Contact");
  auto unknown = compile_soql("SELECT Id, (SELECT Id FROM Contactz) FROM Account", catalog, {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "INVALID_TYPE");
  EXPECT_EQ(unknown.error().message,
            "\nSELECT Id, (SELECT Id FROM Contactz) FROM Account\n                           ^\nERROR at Row:1:Column:28\n"
            "Didn't understand relationship 'Contactz' in FROM part of query call. If you are attempting to use a "
            "custom relationship, be sure to append the '__r' after the custom relationship name. Please reference "
            "your WSDL or the describe call for the appropriate names.");
  auto bad_field = compile_soql("SELECT Id, (SELECT Nope FROM Contacts) FROM Account", catalog, {});
  ASSERT_FALSE(bad_field.ok());
  EXPECT_NE(bad_field.error().message.find("No such column 'Nope' on entity 'Contact'"), std::string::npos);
  auto long_text = compile_soql("SELECT Id FROM Contact WHERE Description = 'x'", catalog, {});
  ASSERT_FALSE(long_text.ok());
  EXPECT_EQ(long_text.error().code, "INVALID_FIELD");
  EXPECT_NE(long_text.error().message.find("field 'Description' can not be filtered in a query call"), std::string::npos);
  auto lead = compile_soql("SELECT Address, Owner.Name FROM Lead", catalog, {});
  ASSERT_TRUE(lead.ok()) << lead.error().message;
  EXPECT_EQ(lead->root.items[0].parts[7].json_key, "street");
}
