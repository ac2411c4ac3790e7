// validate_against_describe: unknown fields name themselves and the three nearest real names.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "sources/salesforce/describe_catalog.h"
#include "config/describe_check.h"
#include "config/suggest.h"
#include "config/sync_fields.h"
#include "config_test_support.h"

using namespace sfsync;
using namespace sfsync::testing;

namespace {

std::shared_ptr<StaticFieldCatalog> account_catalog() {
  auto a = std::make_shared<StaticFieldCatalog>("Account");
  a->add_field("Id", "id").add_field("Name", "string").add_field("Industry", "picklist");
  return a;
}

StaticFieldCatalog contact_catalog() {
  StaticFieldCatalog c("Contact");
  c.add_field("Id", "id").add_field("Email", "email").add_field("Phone", "phone").add_field("MobilePhone", "phone")
      .add_field("FirstName", "string").add_field("LastName", "string").add_field("AccountId", "reference")
      .add_field("CreatedDate", "datetime").add_field("Birthdate", "date").add_field("LeadSource", "picklist");
  c.add_relationship("Account", account_catalog()).add_relationship("Owner", nullptr);
  return c;
}

SyncConfig load_one(const std::string& extra, const std::string& ids =
                                                  "    identifiers:\n      - {type: email, field: Email}\n") {
  auto r = parse(contacts_sync(extra, ids));
  EXPECT_TRUE(r.ok()) << r.error().message;
  return r.ok() ? r->syncs[0] : SyncConfig{};
}

std::string describe_error(const std::string& extra, const std::string& ids =
                                                         "    identifiers:\n      - {type: email, field: Email}\n") {
  auto r = validate_against_describe(load_one(extra, ids), contact_catalog());
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.error().message;
}

}  // namespace

TEST(DescribeCheck, AcceptsKnownFieldsAndParentPaths) {
  SyncConfig s = load_one("    fields: [FirstName, Account.Name, Owner.Email]\n"
                          "    attributes: [{field: Account.Industry, name: industry}]\n"
                          "    event: {name: seen, timestamp: {field: CreatedDate}}\n",
                          "    identifiers:\n      - {type: sf_id, template: \"SF_Contact_{{Contact.Id}}\"}\n");
  auto r = validate_against_describe(s, contact_catalog());
  EXPECT_TRUE(r.ok()) << r.error().message;
}

TEST(DescribeCheck, UnknownFieldNamesTheThreeNearest) {
  std::string yaml = contacts_sync("    attributes:\n      - {field: Emial, name: e}\n");
  std::string err = describe_error("    attributes:\n      - {field: Emial, name: e}\n");
  EXPECT_EQ(err, at_line(yaml, "field: Emial") +
                     "sync \"contacts\": attributes[0].field: unknown field \"Emial\" on Contact "
                     "(nearest: \"Email\", \"Id\", \"Phone\")");
}

TEST(DescribeCheck, TemplateFieldsAreChecked) {
  std::string err = describe_error("", "    identifiers:\n      - {type: sf_id, template: \"SF_Contact_{{Idd}}\"}\n");
  EXPECT_NE(err.find("identifiers[0].template \"SF_Contact_{{Idd}}\": unknown field \"Idd\" on Contact"),
            std::string::npos)
      << err;
}

TEST(DescribeCheck, ParentPathsGoThroughRelationships) {
  std::string err = describe_error("    fields: [Acount.Name]\n");
  EXPECT_NE(err.find("unknown relationship \"Acount\" on Contact (nearest: \"Account\""), std::string::npos) << err;
  std::string parent_field = describe_error("    fields: [Account.Nme]\n");
  EXPECT_NE(parent_field.find("unknown field \"Nme\" on Account (nearest: \"Name\""), std::string::npos) << parent_field;
}

TEST(DescribeCheck, FilterAndEventFields) {
  std::string rule = describe_error("    filter:\n      rules: [{field: LeadSorce, op: eq, value: Web}]\n");
  EXPECT_NE(rule.find("filter.rules[0]: unknown field \"LeadSorce\""), std::string::npos) << rule;
  std::string ts = describe_error("    event: {name: seen, timestamp: {field: LeadSource}}\n");
  EXPECT_NE(ts.find("an event timestamp needs a date or datetime field"), std::string::npos) << ts;
}

TEST(DescribeCheck, FilterValuesMustFitTheFieldType) {
  auto rules = [](const std::string& rule) { return "    filter:\n      rules: [" + rule + "]\n"; };
  EXPECT_TRUE(validate_against_describe(load_one(rules("{field: CreatedDate, op: gte, value: LAST_N_DAYS:30}")),
                                        contact_catalog()).ok());
  EXPECT_TRUE(validate_against_describe(load_one(rules("{field: Birthdate, op: lt, value: \"2000-01-01\"}")),
                                        contact_catalog()).ok());
  std::string date = describe_error(rules("{field: Birthdate, op: lt, value: \"01/02/2000\"}"));
  EXPECT_NE(date.find("filter.rules[0]: value \"01/02/2000\" does not fit the date field Birthdate"), std::string::npos)
      << date;
  std::string like = describe_error(rules("{field: CreatedDate, op: like, value: \"2024%\"}"));
  EXPECT_NE(like.find("op like needs a text field; CreatedDate is datetime"), std::string::npos) << like;
}

TEST(DescribeCheck, DataExtensionNeedsItsModifiedColumn) {
  auto r = parse(with_syncs("  - name: subs\n    connection: mc\n    source: {data_extension_key: Subscribers_DE}\n"
                            "    identifiers: [{type: email, field: EmailAddress}]\n"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  StaticFieldCatalog de("Subscribers_DE");
  de.add_field("EmailAddress", "email").add_field("LastChanged", "datetime");
  auto check = validate_against_describe(r->syncs[0], de);
  ASSERT_FALSE(check.ok());
  EXPECT_NE(check.error().message.find("Data Extension \"Subscribers_DE\" has no column \"ModifiedDate\""),
            std::string::npos)
      << check.error().message;
  de.add_field("ModifiedDate", "datetime");
  EXPECT_TRUE(validate_against_describe(r->syncs[0], de).ok());
}

TEST(SyncFields, ReferencedFieldsAreAddedToTheSelectList) {
  SyncConfig s = load_one("    fields: [FirstName, email]\n    attributes: [{field: Account.Name, name: company}]\n",
                          "    identifiers:\n      - {type: email, field: Email}\n"
                          "      - {type: sf_id, template: \"SF_{{Contact.Id}}_{{Id}}\"}\n");
  EXPECT_EQ(referenced_fields(s), (std::vector<std::string>{"Email", "Id", "Account.Name"}));
  EXPECT_EQ(select_fields(s), (std::vector<std::string>{"FirstName", "email", "Id", "Account.Name"}));
  EXPECT_EQ(soql_select_fields("SELECT Id, Account.Name FROM Contact"),
            (std::vector<std::string>{"Id", "Account.Name"}));
  EXPECT_FALSE(soql_select_fields("SELECT COUNT(Id) FROM Contact").has_value());
  EXPECT_EQ(soql_select_fields("select Id,Email\nfrom Contact where Name = 'a from b'"),
            (std::vector<std::string>{"Id", "Email"}));
}

TEST(SyncFields, FromObjectSkipsSubQueriesAndQuotes) {
  EXPECT_EQ(soql_from_object("SELECT Id, (SELECT Id FROM Contacts) FROM Account"), "Account");
  EXPECT_EQ(soql_from_object("  select Id from Lead where Company = 'from x'"), "Lead");
  EXPECT_EQ(soql_from_object("SELECT Id, Fromage__c FROM Cheese__c"), "Cheese__c");
  EXPECT_EQ(soql_from_object("SELECT Id"), "");
  EXPECT_EQ(soql_from_object("DELETE FROM Contact"), "");
  EXPECT_FALSE(soql_select_fields("SELECT Id, (SELECT Id FROM Contacts) FROM Account").has_value());
}

TEST(Suggest, EditDistanceCountsSwapsAsOneEdit) {
  EXPECT_EQ(edit_distance("Contcat", "Contact"), 1u);
  EXPECT_EQ(edit_distance("EMAIL", "email"), 0u);
  EXPECT_EQ(edit_distance("identifers", "identifiers"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(closest_names("Emial", {"Phone", "Email", "Name"}, 1), (std::vector<std::string>{"Email"}));
  EXPECT_EQ(closest_names("Emial", {"Phone", "Email"}, 3, 2), (std::vector<std::string>{"Email"}));  // max distance
  EXPECT_EQ(quoted_list({"a", "b"}), "\"a\", \"b\"");
}

TEST(DescribeCheck, WorksOverTheEnginesDescribeResult) {
  std::ifstream in(std::string(SFSYNC_SOURCE_DIR) + "/tests/fixtures/salesforce/sf-describe-sobject-trimmed.json");
  std::stringstream body;
  body << in.rdbuf();
  auto info = parse_describe(body.str());
  ASSERT_TRUE(info.ok()) << info.error().message;
  // Whizbang, a custom-looking object with two relationships; only User (behind Owner) is described.
  Describer describer = [](const std::string& object) -> Result<ObjectInfo> {
    if (object != "User") return make_error("unknown_object", object);
    ObjectInfo user;
    user.name = "User";
    FieldInfo email;
    email.name = "Email";
    email.type = "email";
    user.fields.push_back(email);
    return user;
  };
  DescribeCatalog catalog(info.value(), describer);
  auto sync = [](const std::string& attrs) {
    auto r = parse(with_syncs("  - name: w\n    connection: crm\n    source: {object: Whizbang}\n"
                              "    identifiers: [{type: email, field: Email_Field}]\n    attributes: [" + attrs + "]\n"));
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r->syncs[0];
  };
  EXPECT_TRUE(validate_against_describe(sync("{field: Currency_Field, name: amount}, {field: Owner.Email, name: o},"
                                             " {field: ParentWhizbang__r.Name, name: parent}"),
                                        catalog).ok());
  auto bad = validate_against_describe(sync("{field: Curency_Field, name: amount}"), catalog);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("unknown field \"Curency_Field\" on Whizbang (nearest: \"Currency_Field\""),
            std::string::npos)
      << bad.error().message;
  auto owner_typo = validate_against_describe(sync("{field: Owner.Emial, name: o}"), catalog);
  ASSERT_FALSE(owner_typo.ok());
  EXPECT_NE(owner_typo.error().message.find("unknown field \"Emial\" on User"), std::string::npos);
  EXPECT_EQ(catalog.relationship_names(), (std::vector<std::string>{"Owner", "ParentWhizbang__r"}));
}
