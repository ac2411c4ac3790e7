// The seeded generator: deterministic, linked, dirty like real data, timestamps that collide.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "emulator/org/custom_objects.h"
#include "emulator/org/fake_data.h"
#include "emulator/org/fixture_loader.h"
#include "emulator/org/insert_pipeline.h"
#include "emulator/org/row_inserter.h"
#include "emulator/org/sfid.h"
#include "emulator/org/generator.h"
#include "emulator/org/standard_objects.h"

namespace emu {
namespace {

constexpr int64_t kNow = 1764000000000;  // 2025-11-24T16:00:00Z
constexpr int64_t kTwoYearsMs = 731LL * 86400 * 1000;

struct Org {
  Catalog catalog;
  std::unique_ptr<OrgStore> store;

  explicit Org(const std::string& yaml = "") {
    add_standard_objects(catalog);
    if (!yaml.empty()) {
      EXPECT_TRUE(add_custom_objects_from_yaml_text(catalog, yaml).ok());
    }
    auto s = OrgStore::open("", catalog);
    EXPECT_TRUE(s.ok()) << s.error().message;
    store = std::move(s.value());
  }
  sqlite3* db() { return store->writer_db(); }

  // All rows of a query, each row's columns joined with '|'.
  std::vector<std::string> rows(const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db(), sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql << sqlite3_errmsg(db());
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::string line;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const unsigned char* t = sqlite3_column_text(stmt, c);
        line += (t ? reinterpret_cast<const char*>(t) : "<null>");
        line += '|';
      }
      out.push_back(line);
    }
    sqlite3_finalize(stmt);
    return out;
  }
  int64_t scalar(const std::string& sql) {
    auto r = rows(sql);
    return r.empty() ? -1 : std::stoll(r[0]);
  }
};

const std::map<std::string, int64_t> kCounts = {
    {"User", 5},          {"Account", 200}, {"Contact", 2000}, {"Lead", 500},  {"Campaign", 10},
    {"Opportunity", 300}, {"Case", 200},    {"task", 400},     {"Event", 100}, {"CampaignMember", 300}};

TEST(Generator, SameSeedGivesSameRows) {
  Org a, b, c;
  ASSERT_TRUE(generate_org(*a.store, kCounts, 42, kNow).ok());
  ASSERT_TRUE(generate_org(*b.store, kCounts, 42, kNow).ok());
  ASSERT_TRUE(generate_org(*c.store, kCounts, 43, kNow).ok());
  for (const char* table : {"Contact", "Account", "Lead", "Opportunity", "Case", "Task", "Event", "CampaignMember"}) {
    std::string sql = std::string("SELECT * FROM \"sobj_") + table + "\" ORDER BY Id";
    auto rows_a = a.rows(sql);
    EXPECT_EQ(rows_a, b.rows(sql)) << table;
    EXPECT_NE(rows_a, c.rows(sql)) << table;
    EXPECT_FALSE(rows_a.empty()) << table;
  }
  EXPECT_EQ(a.scalar("SELECT count(*) FROM sobj_Contact"), 2000);
  EXPECT_EQ(a.scalar("SELECT count(*) FROM sobj_Task"), 400);
}

TEST(Generator, EmailsAndPhonesAreDirtyLikeRealData) {
  Org org;
  ASSERT_TRUE(generate_org(*org.store, {{"Account", 100}, {"Contact", 3000}}, 7, kNow).ok());
  int nulls = 0, invalid = 0, valid = 0;
  for (const auto& r : org.rows("SELECT Email FROM sobj_Contact")) {
    std::string e = r.substr(0, r.size() - 1);
    if (e == "<null>") ++nulls;
    else if (fake::looks_like_valid_email(e)) ++valid;
    else ++invalid;
  }
  EXPECT_GT(nulls, 150);   // ~10%
  EXPECT_LT(nulls, 450);
  EXPECT_GT(invalid, 30);  // ~3%
  EXPECT_LT(invalid, 200);
  EXPECT_GT(valid, 2300);
  // Some people were entered twice, sometimes with their email in another case.
  EXPECT_GT(org.scalar("SELECT count(*) FROM (SELECT lower(Email) FROM sobj_Contact WHERE Email IS NOT NULL "
                       "GROUP BY lower(Email), Name HAVING count(*) > 1)"),
            10);
  EXPECT_GT(org.scalar("SELECT count(*) FROM sobj_Contact a JOIN sobj_Contact b ON a.Email = b.Email "
                       "AND a.Id < b.Id AND CAST(a.Email AS BLOB) <> CAST(b.Email AS BLOB)"),
            0);

  // Distinct people do not share a mailbox: an address two contacts of different names share is
  // rare (a free-mail handle is unique to its owner; only work addresses can meet by chance).
  const int64_t with_email = org.scalar("SELECT count(*) FROM sobj_Contact WHERE Email IS NOT NULL");
  const int64_t shared_by_strangers = org.scalar(
      "SELECT count(*) FROM sobj_Contact c WHERE Email IS NOT NULL AND EXISTS (SELECT 1 FROM sobj_Contact d "
      "WHERE lower(d.Email) = lower(c.Email) AND d.Name IS NOT c.Name)");
  EXPECT_LT(shared_by_strangers * 100, with_email) << shared_by_strangers << " of " << with_email;

  std::map<std::string, int> by_country;
  int phone_nulls = 0;
  for (const auto& r : org.rows("SELECT Phone FROM sobj_Contact")) {
    std::string p = r.substr(0, r.size() - 1);
    if (p == "<null>") { ++phone_nulls; continue; }
    for (const char* code : {"+1 ", "+44", "+49", "+33", "+91", "+55", "+81", "("})
      if (p.rfind(code, 0) == 0) ++by_country[code];
  }
  EXPECT_GT(phone_nulls, 0);
  EXPECT_GE(by_country.size(), 7u);
  EXPECT_GT(org.scalar("SELECT count(*) FROM sobj_Contact WHERE Phone LIKE '0%'"), 0);  // national formats
}

TEST(Generator, RecordsAreLinked) {
  Org org;
  ASSERT_TRUE(generate_org(*org.store, kCounts, 3, kNow).ok());
  // Every reference points at a generated record; most contacts have an account.
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Contact c WHERE AccountId IS NOT NULL AND NOT EXISTS "
                       "(SELECT 1 FROM sobj_Account a WHERE a.Id = c.AccountId)"),
            0);
  EXPECT_GT(org.scalar("SELECT count(*) FROM sobj_Contact WHERE AccountId IS NOT NULL"), 1500);
  EXPECT_GT(org.scalar("SELECT count(*) FROM sobj_Contact WHERE ReportsToId IS NOT NULL"), 50);
  // A contact reports to an earlier contact of the same account.
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Contact c JOIN sobj_Contact boss ON boss.Id = c.ReportsToId "
                       "WHERE boss.AccountId IS NOT c.AccountId OR boss.Id >= c.Id"),
            0);
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Opportunity o WHERE NOT EXISTS "
                       "(SELECT 1 FROM sobj_Account a WHERE a.Id = o.AccountId) AND AccountId IS NOT NULL"),
            0);
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Task t WHERE WhoId IS NOT NULL AND NOT EXISTS "
                       "(SELECT 1 FROM sobj_Contact c WHERE c.Id = t.WhoId) AND NOT EXISTS "
                       "(SELECT 1 FROM sobj_Lead l WHERE l.Id = t.WhoId)"),
            0);
  EXPECT_GT(org.scalar("SELECT count(*) FROM sobj_Task WHERE WhatId LIKE '006%'"), 0);
  EXPECT_EQ(org.scalar("SELECT count(*) FROM (SELECT CampaignId, ContactId, LeadId FROM sobj_CampaignMember "
                       "GROUP BY 1, 2, 3 HAVING count(*) > 1)"),
            0);
  // Owners are the default user or generated users.
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Contact WHERE OwnerId NOT LIKE '005%'"), 0);
  EXPECT_GT(org.scalar("SELECT count(DISTINCT OwnerId) FROM sobj_Contact"), 2);
  // Closed opportunities are consistent with their stage.
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Opportunity WHERE IsWon = 1 AND StageName <> 'Closed Won'"), 0);
  EXPECT_GT(org.scalar("SELECT count(*) FROM sobj_Opportunity WHERE IsClosed = 1"), 0);
}

TEST(Generator, StampsSpreadOverTwoYearsAndCollide) {
  Org org;
  ASSERT_TRUE(generate_org(*org.store, {{"Contact", 3000}}, 11, kNow).ok());
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Contact WHERE SystemModstamp < CreatedDate OR SystemModstamp > " +
                       std::to_string(kNow) + " OR CreatedDate < " + std::to_string(kNow - kTwoYearsMs)),
            0);
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Contact WHERE SystemModstamp % 1000 <> 0"), 0);
  // Created over the whole history, the newest at least a day before now.
  EXPECT_LT(org.scalar("SELECT min(CreatedDate) FROM sobj_Contact"), kNow - kTwoYearsMs + 30LL * 86400 * 1000);
  EXPECT_LE(org.scalar("SELECT max(CreatedDate) FROM sobj_Contact"), kNow - 86400 * 1000);
  EXPECT_GT(org.scalar("SELECT max(CreatedDate) FROM sobj_Contact"), kNow - 30LL * 86400 * 1000);
  EXPECT_GT(org.scalar("SELECT max(n) FROM (SELECT count(*) n FROM sobj_Contact GROUP BY SystemModstamp)"), 20);
  EXPECT_GT(org.scalar("SELECT count(*) FROM sobj_Contact WHERE SystemModstamp > " +
                       std::to_string(kNow - 30LL * 86400 * 1000)),
            0);
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Contact WHERE LastModifiedDate <> SystemModstamp"), 0);
  // Ids sort by creation order.
  auto by_id = org.rows("SELECT CreatedDate FROM sobj_Contact ORDER BY Id");
  auto by_date = org.rows("SELECT CreatedDate FROM sobj_Contact ORDER BY CreatedDate, Id");
  EXPECT_EQ(by_id, by_date);
}

TEST(Generator, IdsContinueTheStoreCounter) {
  Org org;
  const ObjectSchema& contact = *org.catalog.find("Contact");
  std::string before = org.store->new_id(contact);
  ASSERT_TRUE(generate_org(*org.store, {{"Contact", 50}}, 1, kNow).ok());
  ASSERT_TRUE(generate_org(*org.store, {{"Contact", 50}}, 2, kNow).ok());
  std::string after = org.store->new_id(contact);
  auto ids = org.rows("SELECT Id FROM sobj_Contact ORDER BY Id");
  ASSERT_EQ(ids.size(), 100u);
  EXPECT_LT(before + "|", ids.front());
  EXPECT_GT(after + "|", ids.back());
  EXPECT_EQ(org.scalar("SELECT count(DISTINCT Id) FROM sobj_Contact"), 100);
  // The default user's id is never handed to a generated user.
  ASSERT_TRUE(generate_org(*org.store, {{"User", 3}}, 1, kNow).ok());
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_User"), 3);
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_User WHERE Id = '" + org.store->default_user_id() + "'"), 0);
}

TEST(Generator, RequiredFieldsAreFilled) {
  Org org;
  ASSERT_TRUE(generate_org(*org.store, kCounts, 5, kNow).ok());
  for (const auto& [name, n] : kCounts) {
    const ObjectSchema& o = *org.catalog.find(name);
    for (const auto& f : o.fields) {
      if (!f.stored() || f.nillable || !f.createable) continue;
      EXPECT_EQ(org.scalar("SELECT count(*) FROM " + o.table() + " WHERE " + f.column() + " IS NULL"), 0)
          << o.name << "." << f.name;
    }
  }
}

// Generated values fit their field's Describe: lengths, picklist values, number scales.
TEST(Generator, ValuesFitTheirFields) {
  Org org;
  auto counts = kCounts;
  for (const char* more : {"Product2", "Pricebook2", "Asset", "Contract", "Order", "Quote", "ServiceAppointment"})
    counts[more] = 30;
  ASSERT_TRUE(generate_org(*org.store, counts, 21, kNow).ok());
  for (const auto& [name, n] : counts) {
    const ObjectSchema& o = *org.catalog.find(name);
    for (const auto& f : o.fields) {
      if (!f.stored()) continue;
      std::string where = " FROM " + o.table() + " WHERE " + f.column() + " IS NOT NULL AND ";
      if (is_text_type(f.type) && f.length > 0 && f.type != FieldType::Id && f.type != FieldType::Reference) {
        EXPECT_EQ(org.scalar("SELECT count(*)" + where + "length(" + f.column() + ") > " + std::to_string(f.length)), 0)
            << o.name << "." << f.name;
      }
      if (f.type == FieldType::Picklist && !f.picklist_values.empty()) {
        std::string list;
        for (const auto& v : f.picklist_values) list += (list.empty() ? "'" : ",'") + v.value + "'";
        EXPECT_EQ(org.scalar("SELECT count(*)" + where + f.column() + " NOT IN (" + list + ")"), 0)
            << o.name << "." << f.name;
      }
      if (f.type == FieldType::Currency || f.type == FieldType::Percent) {
        std::string scaled = f.column() + " * " + std::to_string(static_cast<int64_t>(std::pow(10, f.scale)));
        EXPECT_EQ(org.scalar("SELECT count(*)" + where + "abs(" + scaled + " - round(" + scaled + ")) > 0.000001"), 0)
            << o.name << "." << f.name;
      }
    }
  }
}

TEST(Generator, OtherAndCustomObjectsGetValuesFromMetadata) {
  Org org(R"(
custom_objects:
  - name: Invoice__c
    fields:
      - {name: Amount__c, type: currency}
      - {name: Contact__c, type: reference, reference_to: Contact}
      - {name: Code__c, type: string, length: 20, external_id: true, unique: true}
      - {name: Tier__c, type: picklist, values: [Gold, Silver], required: true}
)");
  ASSERT_TRUE(generate_org(*org.store, {{"Contact", 20}, {"Product2", 15}, {"Invoice__c", 30}, {"Quote", 0}}, 9, kNow).ok());
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Product2 WHERE Name IS NOT NULL"), 15);
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Invoice__c WHERE Tier__c IN ('Gold', 'Silver')"), 30);
  EXPECT_EQ(org.scalar("SELECT count(DISTINCT Code__c) FROM sobj_Invoice__c"), 30);
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Invoice__c WHERE Id NOT LIKE 'a00%'"), 0);
  EXPECT_GT(org.scalar("SELECT count(*) FROM sobj_Invoice__c i JOIN sobj_Contact c ON c.Id = i.Contact__c"), 0);
}

TEST(RowInserter, UnsetFieldsOfALaterRowAreNull) {
  Org org;
  const ObjectSchema& account = *org.catalog.find("Account");
  auto ins = RowInserter::open(org.db(), account);
  ASSERT_TRUE(ins.ok());
  RowInserter& inserter = *ins.value();
  const int id = inserter.slot("Id"), name = inserter.slot("Name"), phone = inserter.slot("Phone"),
            employees = inserter.slot("NumberOfEmployees");
  EXPECT_EQ(inserter.slot("BillingAddress"), -1);  // compound fields have no column
  Row row = inserter.new_row();
  row.set(id, make_sfid("001", 1));
  row.set(name, std::string("First"));
  row.set(phone, std::string("+1 415 555 0100"));
  row.set(employees, int64_t{5});
  ASSERT_TRUE(inserter.insert(row).ok());
  EXPECT_FALSE(row.is_set(name));  // insert clears the row
  row.set(id, make_sfid("001", 2));
  row.set(name, std::string("Second"));
  row.set(phone, FieldValue{});
  ASSERT_TRUE(inserter.insert(row).ok());
  EXPECT_EQ(org.rows("SELECT Name, Phone, NumberOfEmployees FROM sobj_Account ORDER BY Id"),
            (std::vector<std::string>{"First|+1 415 555 0100|5|", "Second|<null>|<null>|"}));
}

TEST(InsertPipeline, InsertsInOrderAndReportsTheFirstError) {
  Org org;
  const ObjectSchema& account = *org.catalog.find("Account");
  auto ins = RowInserter::open(org.db(), account);
  ASSERT_TRUE(ins.ok());
  RowInserter& inserter = *ins.value();
  const int id = inserter.slot("Id"), name = inserter.slot("Name");
  {
    InsertPipeline pipeline(inserter);
    Row row = inserter.new_row();
    for (int i = 1; i <= 1500; ++i) {  // several chunks and a partial one
      row.set(id, make_sfid("001", static_cast<uint64_t>(i)));
      row.set(name, "Account " + std::to_string(i));
      pipeline.push(row);
      EXPECT_FALSE(row.is_set(id));
    }
    ASSERT_TRUE(pipeline.finish().ok());
  }
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Account"), 1500);
  EXPECT_EQ(org.rows("SELECT Name FROM sobj_Account ORDER BY Id DESC LIMIT 1"),
            std::vector<std::string>{"Account 1500|"});

  InsertPipeline pipeline(inserter);
  Row row = inserter.new_row();
  row.set(id, make_sfid("001", 1));  // duplicate Id: the UNIQUE constraint fails
  pipeline.push(row);
  auto r = pipeline.finish();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("Account"), std::string::npos) << r.error().message;
}

TEST(Generator, RejectsUnknownObjectsAndNegativeCounts) {
  Org org;
  auto r = generate_org(*org.store, {{"Contat", 5}}, 1, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("Contat"), std::string::npos);
  EXPECT_FALSE(generate_org(*org.store, {{"Contact", -1}}, 1, kNow).ok());
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Contact"), 0);
}

// A fresh directory of fixture files, removed by the destructor.
struct FixtureDir {
  std::filesystem::path path;
  FixtureDir() {
    path = std::filesystem::temp_directory_path() /
           ("sfsync-fixtures-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(path);
  }
  ~FixtureDir() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) { std::ofstream(path / name) << text; }
  static int& counter() { static int n = 0; return n; }
};

TEST(Fixtures, LoadRecordsWithIdsTypesAndAddresses) {
  Org org;
  FixtureDir dir;
  const std::string account_id = make_sfid("001", 500);
  dir.write("Account.json", R"([{"attributes": {"type": "Account"}, "Id": ")" + account_id +
                                R"(", "Name": "Acme", "AnnualRevenue": 1500000, "NumberOfEmployees": 20}])");
  dir.write("contact.json", R"({"totalSize": 2, "done": true, "records": [
    {"LastName": "Lovelace", "FirstName": "Ada", "AccountId": ")" + account_id.substr(0, 15) + R"(",
     "Email": "ada@example.com", "Birthdate": "1815-12-10", "HasOptedOutOfEmail": true,
     "EmailBouncedDate": "2024-01-02T03:04:05.000+0000", "CreatedDate": "2023-06-01T00:00:00.000Z",
     "MailingAddress": {"street": "12 St James's Square", "city": "London", "country": "GB", "latitude": 51.5}},
    {"LastName": "Hopper", "Email": null, "Account": {"attributes": {"type": "Account"}, "Name": "Acme"},
     "Cases": {"totalSize": 0, "done": true, "records": []}}]})");
  ASSERT_TRUE(load_fixtures(*org.store, dir.path.string(), kNow).ok());
  EXPECT_EQ(org.rows("SELECT Name, AnnualRevenue, NumberOfEmployees FROM sobj_Account WHERE Id = '" + account_id + "'"),
            std::vector<std::string>{"Acme|1500000.0|20|"});
  EXPECT_EQ(org.rows("SELECT AccountId, Birthdate, HasOptedOutOfEmail, EmailBouncedDate, CreatedDate, MailingCity, "
                     "MailingLatitude FROM sobj_Contact WHERE LastName = 'Lovelace'"),
            std::vector<std::string>{account_id + "|1815-12-10|1|1704164645000|1685577600000|London|51.5|"});
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Contact WHERE LastName = 'Hopper' AND Email IS NULL AND "
                       "SystemModstamp = " + std::to_string(kNow)),
            1);
  // New ids continue after the fixture's.
  EXPECT_GT(org.store->new_id(*org.catalog.find("Account")), account_id);
}

TEST(Fixtures, BadFixtureNamesTheProblemAndLoadsNothing) {
  Org org;
  FixtureDir dir;
  dir.write("Account.json", R"([{"Name": "Fine"}])");
  dir.write("Contact.json", R"([{"LastName": "A"}, {"LastName": "B", "Emial": "x@y.z"}])");
  auto r = load_fixtures(*org.store, dir.path.string(), kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_fixture");
  EXPECT_NE(r.error().message.find("record 1"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("Emial"), std::string::npos) << r.error().message;
  EXPECT_EQ(org.scalar("SELECT count(*) FROM sobj_Account"), 0);

  FixtureDir other;
  other.write("Nope__c.json", "[]");
  EXPECT_FALSE(load_fixtures(*org.store, other.path.string(), kNow).ok());
  FixtureDir bad_date;
  bad_date.write("Contact.json", R"([{"LastName": "A", "Birthdate": "12/10/1815"}])");
  auto d = load_fixtures(*org.store, bad_date.path.string(), kNow);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("Birthdate"), std::string::npos) << d.error().message;
  EXPECT_FALSE(load_fixtures(*org.store, "/nonexistent/fixtures", kNow).ok());
}

}  // namespace
}  // namespace emu
