// Parsing what Salesforce really sends (payloads from tests/fixtures/salesforce, copied from the
// reference fixtures) into Records, ObjectInfo and Errors.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "salesforce/describe.h"
#include "salesforce/oauth.h"
#include "salesforce/record_parser.h"
#include "salesforce/salesforce_client.h"

using namespace sfsync;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(SFSYNC_SOURCE_DIR) + "/tests/fixtures/salesforce/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(RecordParser, TypesValuesAndFlattensParents) {
  RecordParser parser({{"date_label", "date"}, {"datetime_label", "datetime"}}, "DateTime_Label");
  std::vector<Record> records;
  ASSERT_TRUE(parser.parse_page(fixture("sf-query-relationship-and-types.json"), records).ok());
  ASSERT_EQ(records.size(), 1u);
  const Record& r = records[0];
  EXPECT_EQ(r.get("Checkbox_Label")->type, ValueType::Bool);
  EXPECT_EQ(r.get("Text_Label")->s, "Hi there!");
  EXPECT_EQ(r.get("Date_Label")->type, ValueType::Date);
  EXPECT_EQ(r.get("Date_Label")->to_text(), "2010-01-01");
  EXPECT_EQ(r.get("DateTime_Label")->to_text(), "2011-07-07T00:37:00.000Z");
  EXPECT_EQ(r.modstamp_ms, r.get("DateTime_Label")->i);
  EXPECT_EQ(r.get("Picklist_Multiselect_Label")->s, "four;six");
  EXPECT_EQ(r.get("ParentWhizbang__r.Name")->s, "Parent Whizbang");
  EXPECT_EQ(r.get("parentwhizbang__r.text_label")->s, "Hello");
  EXPECT_EQ(r.get("Whizbangs__r.records"), nullptr);  // child subquery not flattened
}

TEST(RecordParser, CurrencyKeepsDecimalTextAndNullsStayNull) {
  RecordParser parser({{"amount", "currency"}, {"count__c", "int"}}, "SystemModstamp");
  std::vector<Record> records;
  std::string page =
      R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"Opportunity"},"Id":"006000000000001AAA",)"
      R"("Amount":12345678901234.57,"Count__c":42,"Name":null,"IsDeleted":true,"Account":null,)"
      R"("SystemModstamp":"2024-01-02T03:04:05.000+0000"}]})";
  ASSERT_TRUE(parser.parse_page(page, records).ok());
  const Record& r = records[0];
  EXPECT_EQ(r.get("Amount")->type, ValueType::Decimal);
  EXPECT_EQ(r.get("Amount")->s, "12345678901234.57");
  EXPECT_EQ(r.get("Count__c")->i, 42);
  EXPECT_TRUE(r.get("Name")->is_null());
  EXPECT_TRUE(r.deleted);
  EXPECT_EQ(r.id, "006000000000001AAA");
  EXPECT_EQ(r.modstamp_ms, 1704164645000);
}

TEST(RecordParser, CompoundAddressFlattens) {
  std::string page = R"({"records":[)" + fixture("sf-record-compound-address.json") + "]}";
  RecordParser parser({}, "SystemModstamp");
  std::vector<Record> records;
  ASSERT_TRUE(parser.parse_page(page, records).ok());
  EXPECT_EQ(records[0].get("Address.city")->s, "New York");
  EXPECT_DOUBLE_EQ(records[0].get("Address.latitude")->d, 40.1234);
}

TEST(RecordParser, MalformedPageIsAnError) {
  RecordParser parser({}, "SystemModstamp");
  std::vector<Record> records;
  EXPECT_FALSE(parser.parse_page(R"({"records":[{"Id": }]})", records).ok());
  EXPECT_FALSE(parser.parse_page("not json", records).ok());
}

TEST(SalesforceError, KeepsCodeAndLastLineOfQueryErrors) {
  HttpResponse r;
  r.status = 400;
  r.body = fixture("sf-error-invalid-field-query.json");
  Error e = salesforce_error(r);
  EXPECT_EQ(e.code, "INVALID_FIELD");
  EXPECT_EQ(e.message.rfind("No such column 'Invalid__x' on entity 'Contact'.", 0), 0u);
  EXPECT_EQ(e.message.find('\n'), std::string::npos);
}

TEST(Describe, ParsesFields) {
  auto info = parse_describe(fixture("sf-describe-sobject-trimmed.json"));
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_FALSE(info->fields.empty());
  ASSERT_NE(info->field("id"), nullptr);
  EXPECT_EQ(info->field("Id")->type, "id");
}

TEST(OAuthHelpers, PkceChallengeMatchesRfc7636Example) {
  // RFC 7636 appendix B.
  EXPECT_EQ(pkce_challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  EXPECT_GE(make_pkce_verifier().size(), 43u);
}

TEST(OAuthHelpers, JwtWithoutValidKeyIsAConfigError) {
  SalesforceAuthConfig c;
  c.private_key_pem = "not a key";
  auto jwt = make_jwt_assertion(c, 0);
  ASSERT_FALSE(jwt.ok());
  EXPECT_EQ(jwt.error().code, "bad_config");
}
