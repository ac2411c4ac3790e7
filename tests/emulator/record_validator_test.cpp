// RecordValidator against a small hand-built catalog: conversions and Salesforce's error codes.
#include "emulator/org/record_validator.h"
#include "emulator/org/standard_objects.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace emu {
namespace {

FieldSchema make_field(std::string name, FieldType type, int length = 0) {
  FieldSchema f;
  f.name = std::move(name);
  f.label = f.name;
  f.type = type;
  f.length = length;
  return f;
}

ObjectSchema contact_schema() {
  ObjectSchema o;
  o.name = "Contact";
  o.key_prefix = "003";
  auto id = make_field("Id", FieldType::Id, 18);
  id.label = "Contact ID";
  id.createable = id.updateable = id.nillable = false;
  id.defaulted_on_create = true;
  o.fields.push_back(id);
  auto last = make_field("LastName", FieldType::String, 80);
  last.label = "Last Name";
  last.nillable = false;
  o.fields.push_back(last);
  auto name = make_field("Name", FieldType::String, 121);
  name.createable = name.updateable = false;
  o.fields.push_back(name);
  o.fields.push_back(make_field("Email", FieldType::Email, 80));
  o.fields.push_back(make_field("Birthdate", FieldType::Date));
  o.fields.push_back(make_field("LastCURequestDate", FieldType::DateTime));
  o.fields.push_back(make_field("HasOptedOutOfEmail", FieldType::Boolean));
  o.fields.back().nillable = false;
  o.fields.back().defaulted_on_create = true;
  o.fields.push_back(make_field("Amount__c", FieldType::Currency));
  o.fields.push_back(make_field("Count__c", FieldType::Int));
  auto account = make_field("AccountId", FieldType::Reference, 18);
  account.label = "Account ID";
  account.reference_to = {"Account"};
  o.fields.push_back(account);
  auto origin = make_field("Origin__c", FieldType::String, 20);
  origin.updateable = false;  // createable only
  o.fields.push_back(origin);
  o.fields.push_back(make_field("MailingAddress", FieldType::Address));
  o.fields.back().createable = o.fields.back().updateable = false;
  o.fields.push_back(make_field("MailingCity", FieldType::String, 40));
  o.fields.back().compound_field_name = "MailingAddress";
  return o;
}

class RecordValidatorTest : public ::testing::Test {
 protected:
  ObjectSchema contact = contact_schema();
  simdjson::dom::parser parser;

  // Feeds a JSON record; returns the first error (conversion, then access for `op`).
  std::optional<WriteError> validate(RecordValidator& v, const std::string& json, WriteOp op) {
    body_ = json;
    simdjson::dom::object obj = parser.parse(body_).get_object().value();
    if (auto err = v.add_json_record(obj)) return err;
    return v.check_access(op);
  }
  std::string body_;
};

TEST_F(RecordValidatorTest, ConvertsTypedValues) {
  RecordValidator v(contact);
  auto err = validate(v,
                      R"({"attributes":{"type":"Contact"},"LastName":"Ng","Email":"a.b@example.com",)"
                      R"("Birthdate":"1990-02-03","LastCURequestDate":"2024-01-02T03:04:05.250+02:00",)"
                      R"("HasOptedOutOfEmail":true,"Amount__c":"12.5","Count__c":3,)"
                      R"("AccountId":"001000000000001"})",
                      WriteOp::Insert);
  ASSERT_FALSE(err) << err->message;
  EXPECT_EQ(std::get<std::string>(*v.value_of(*contact.field("LastName"))), "Ng");
  EXPECT_EQ(std::get<std::string>(*v.value_of(*contact.field("Birthdate"))), "1990-02-03");
  EXPECT_EQ(std::get<int64_t>(*v.value_of(*contact.field("LastCURequestDate"))), 1704157445250LL);
  EXPECT_EQ(std::get<bool>(*v.value_of(*contact.field("HasOptedOutOfEmail"))), true);
  EXPECT_DOUBLE_EQ(std::get<double>(*v.value_of(*contact.field("Amount__c"))), 12.5);
  EXPECT_EQ(std::get<int64_t>(*v.value_of(*contact.field("Count__c"))), 3);
  // 15-character ids are stored in their 18-character form.
  EXPECT_EQ(std::get<std::string>(*v.value_of(*contact.field("AccountId"))).size(), 18u);
  EXPECT_EQ(v.values().size(), 8u);
}

TEST_F(RecordValidatorTest, DateTimeFormsAndDateFromDateTime) {
  RecordValidator v(contact);
  ASSERT_FALSE(validate(v, R"({"LastName":"X","LastCURequestDate":"2024-01-02T03:04:05Z",)"
                           R"("Birthdate":"2024-01-02T23:30:00-02:00"})", WriteOp::Insert));
  EXPECT_EQ(std::get<int64_t>(*v.value_of(*contact.field("LastCURequestDate"))), 1704164645000LL);
  EXPECT_EQ(std::get<std::string>(*v.value_of(*contact.field("Birthdate"))), "2024-01-03");
}

TEST_F(RecordValidatorTest, RequiredFieldMissingOnInsert) {
  RecordValidator v(contact);
  auto err = validate(v, R"({"Email":"x@example.com"})", WriteOp::Insert);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "REQUIRED_FIELD_MISSING");
  EXPECT_EQ(err->message, "Required fields are missing: [LastName]");
  EXPECT_EQ(err->fields, std::vector<std::string>{"LastName"});
  EXPECT_FALSE(err->request_level);
}

TEST_F(RecordValidatorTest, RequiredFieldSetToNullOnUpdate) {
  RecordValidator ok(contact);
  EXPECT_FALSE(validate(ok, R"({"Email":"x@example.com"})", WriteOp::Update));
  RecordValidator v(contact);
  auto err = validate(v, R"({"LastName":null})", WriteOp::Update);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "REQUIRED_FIELD_MISSING");
  RecordValidator empty(contact);
  err = validate(empty, R"({"LastName":""})", WriteOp::Update);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "REQUIRED_FIELD_MISSING");
}

TEST_F(RecordValidatorTest, UnknownFieldIsRequestLevelInvalidField) {
  RecordValidator v(contact);
  auto err = validate(v, R"({"LastName":"X","Foo":1})", WriteOp::Insert);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "INVALID_FIELD");
  EXPECT_EQ(err->message, "No such column 'Foo' on sobject of type Contact");
  EXPECT_TRUE(err->request_level);
}

TEST_F(RecordValidatorTest, NonCreateableFieldOnInsert) {
  RecordValidator v(contact);
  auto err = validate(v, R"({"LastName":"X","Name":"Y"})", WriteOp::Insert);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "INVALID_FIELD_FOR_INSERT_UPDATE");
  EXPECT_EQ(err->message,
            "Unable to create/update fields: Name. Please check the security settings of this field "
            "and verify that it is read/write for your profile or permission set.");
  EXPECT_EQ(err->fields, std::vector<std::string>{"Name"});
}

TEST_F(RecordValidatorTest, CreateOnlyFieldOnUpdateIsReadonly) {
  RecordValidator insert(contact);
  EXPECT_FALSE(validate(insert, R"({"LastName":"X","Origin__c":"web"})", WriteOp::Insert));
  RecordValidator update(contact);
  auto err = validate(update, R"({"Origin__c":"web"})", WriteOp::Update);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "INSUFFICIENT_ACCESS_OR_READONLY");
  EXPECT_EQ(err->fields, std::vector<std::string>{"Origin__c"});
}

TEST_F(RecordValidatorTest, CompoundAddressIsNotWritableButComponentsAre) {
  RecordValidator v(contact);
  auto err = validate(v, R"({"LastName":"X","MailingAddress":{"city":"Oslo"}})", WriteOp::Insert);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "INVALID_FIELD_FOR_INSERT_UPDATE");
  EXPECT_EQ(err->fields, std::vector<std::string>{"MailingAddress"});
  RecordValidator ok(contact);
  EXPECT_FALSE(validate(ok, R"({"LastName":"X","MailingCity":"Oslo"})", WriteOp::Insert));
}

TEST_F(RecordValidatorTest, StringTooLong) {
  std::string email = std::string(75, 'a') + "@x.com";  // 81 characters
  RecordValidator v(contact);
  auto err = validate(v, R"({"LastName":"X","Email":")" + email + "\"}", WriteOp::Insert);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "STRING_TOO_LONG");
  EXPECT_EQ(err->message, "Email: data value too large: " + email + " (max length=80)");
  EXPECT_EQ(err->fields, std::vector<std::string>{"Email"});
  // Length counts characters, not UTF-8 bytes.
  RecordValidator utf8(contact);
  std::string city;
  for (int i = 0; i < 40; ++i) city += "\xc3\xa9";
  EXPECT_FALSE(validate(utf8, R"({"LastName":"X","MailingCity":")" + city + "\"}", WriteOp::Insert));
}

TEST_F(RecordValidatorTest, InvalidEmail) {
  for (const char* bad : {"foo", "a@b", "@example.com", "a b@example.com", "a@@example.com"}) {
    RecordValidator v(contact);
    auto err = validate(v, std::string(R"({"LastName":"X","Email":")") + bad + "\"}", WriteOp::Insert);
    ASSERT_TRUE(err) << bad;
    EXPECT_EQ(err->status_code, "INVALID_EMAIL_ADDRESS");
    EXPECT_EQ(err->message, std::string("Email: invalid email address: ") + bad);
  }
}

TEST_F(RecordValidatorTest, WrongJsonTypesAreParserErrors) {
  struct Case { const char* json; const char* needle; };
  for (Case c : {Case{R"({"Birthdate":5})", "instance of date from VALUE_NUMBER_INT value 5"},
                 Case{R"({"Amount__c":"abc"})", "instance of currency from VALUE_STRING value abc"},
                 Case{R"({"HasOptedOutOfEmail":1})", "instance of boolean from VALUE_NUMBER_INT"},
                 Case{R"({"LastName":{"a":1}})", "instance of string from START_OBJECT value {"},
                 Case{R"({"LastCURequestDate":"yesterday"})", "instance of datetime from VALUE_STRING"}}) {
    RecordValidator v(contact);
    auto err = validate(v, c.json, WriteOp::Update);
    ASSERT_TRUE(err) << c.json;
    EXPECT_EQ(err->status_code, "JSON_PARSER_ERROR") << c.json;
    EXPECT_NE(err->message.find(c.needle), std::string::npos) << err->message;
    EXPECT_NE(err->message.find("or request may be missing a required field at [line:1, column:"),
              std::string::npos) << err->message;
    EXPECT_TRUE(err->request_level);
  }
}

TEST_F(RecordValidatorTest, ParserErrorQuotesThePositionOfTheValue) {
  RecordValidator v(contact, R"({"birthdate":5})");
  body_ = R"({"birthdate":5})";
  auto err = v.add_json_record(parser.parse(body_).get_object().value());
  ASSERT_TRUE(err);
  EXPECT_EQ(err->message,
            "Cannot deserialize instance of date from VALUE_NUMBER_INT value 5 or request may be missing a "
            "required field at [line:1, column:15]");
}

TEST_F(RecordValidatorTest, NumbersAndBooleansIntoTextFieldsAreKeptAsText) {
  RecordValidator v(contact);
  ASSERT_FALSE(validate(v, R"({"LastName":12345})", WriteOp::Insert));
  EXPECT_EQ(std::get<std::string>(*v.value_of(*contact.field("LastName"))), "12345");
}

TEST_F(RecordValidatorTest, MalformedReferenceId) {
  RecordValidator v(contact);
  auto err = validate(v, R"({"LastName":"X","AccountId":"xyz"})", WriteOp::Insert);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "MALFORMED_ID");
  EXPECT_EQ(err->message, "Account ID: id value of incorrect type: xyz");
  EXPECT_EQ(err->fields, std::vector<std::string>{"AccountId"});
  EXPECT_FALSE(err->request_level);
}

TEST_F(RecordValidatorTest, IdOnInsertIsRefusedAndTakenOnUpdate) {
  RecordValidator insert(contact);
  auto err = validate(insert, R"({"Id":"003000000000001AAA","LastName":"X"})", WriteOp::Insert);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "INVALID_FIELD_FOR_INSERT_UPDATE");
  RecordValidator update(contact);
  body_ = R"({"Id":"003000000000001","LastName":"X"})";
  ASSERT_FALSE(update.add_json_record(parser.parse(body_).get_object().value()));
  auto id = update.take_id();
  ASSERT_TRUE(id);
  EXPECT_EQ(id->size(), 18u);
  EXPECT_FALSE(update.check_access(WriteOp::Update));
}

TEST_F(RecordValidatorTest, CaseInsensitiveNamesResolveToSchemaFields) {
  RecordValidator v(contact);
  ASSERT_FALSE(validate(v, R"({"lastname":"X","EMAIL":"x@example.com"})", WriteOp::Insert));
  EXPECT_EQ(v.values()[0].field->name, "LastName");
}

TEST_F(RecordValidatorTest, BooleanNullMeansFalse) {
  RecordValidator v(contact);
  ASSERT_FALSE(validate(v, R"({"HasOptedOutOfEmail":null})", WriteOp::Update));
  EXPECT_EQ(std::get<bool>(*v.value_of(*contact.field("HasOptedOutOfEmail"))), false);
}

TEST_F(RecordValidatorTest, CsvTextConversionAndRowLevelTypeErrors) {
  RecordValidator v(contact);
  ASSERT_FALSE(v.add_text("LastName", "Ng"));
  ASSERT_FALSE(v.add_text("Count__c", "42"));
  ASSERT_FALSE(v.add_text("HasOptedOutOfEmail", "TRUE"));
  ASSERT_FALSE(v.add_text("LastCURequestDate", "2024-01-02T03:04:05.000Z"));
  ASSERT_FALSE(v.add_text("Email", "#N/A"));
  EXPECT_EQ(std::get<int64_t>(*v.value_of(*contact.field("Count__c"))), 42);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(*v.value_of(*contact.field("Email"))));
  EXPECT_FALSE(v.check_access(WriteOp::Insert));

  auto err = v.add_text("Birthdate", "abc");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "INVALID_TYPE_ON_FIELD_IN_RECORD");
  EXPECT_EQ(err->message, "Birthdate: value not of required type: abc");
  EXPECT_FALSE(err->request_level);
  err = v.add_text("Email", "nope");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "INVALID_EMAIL_ADDRESS");
  err = v.add_text("Nope__c", "1");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "INVALID_FIELD");
}

TEST_F(RecordValidatorTest, ConvertTextForUpsertKeys) {
  FieldValue out;
  EXPECT_FALSE(convert_text(*contact.field("Count__c"), "7", out));
  EXPECT_EQ(std::get<int64_t>(out), 7);
  auto err = convert_text(*contact.field("Id"), "bad", out);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "MALFORMED_ID");
  EXPECT_EQ(err->message, "Contact ID: id value of incorrect type: bad");
}

}  // namespace
}  // namespace emu

// The real catalog: the required fields of an insert are exactly Salesforce's.

namespace emu {
namespace {

std::vector<std::string> missing_on_empty_insert(const Catalog& catalog, const char* object) {
  RecordValidator v(*catalog.find(object));
  auto err = v.check_access(WriteOp::Insert);
  if (!err) return {};
  EXPECT_EQ(err->status_code, "REQUIRED_FIELD_MISSING");
  return err->fields;
}

TEST(RecordValidatorCatalog, RequiredFieldsOfStandardObjects) {
  Catalog catalog;
  add_standard_objects(catalog);
  using V = std::vector<std::string>;
  EXPECT_EQ(missing_on_empty_insert(catalog, "Contact"), V{"LastName"});
  EXPECT_EQ(missing_on_empty_insert(catalog, "Account"), V{"Name"});
  auto lead = missing_on_empty_insert(catalog, "Lead");
  std::sort(lead.begin(), lead.end());
  EXPECT_EQ(lead, (V{"Company", "LastName"}));
  auto opp = missing_on_empty_insert(catalog, "Opportunity");
  std::sort(opp.begin(), opp.end());
  EXPECT_EQ(opp, (V{"CloseDate", "Name", "StageName"}));
}

TEST(RecordValidatorCatalog, ContactNameAndAddressAreNotWritable) {
  Catalog catalog;
  add_standard_objects(catalog);
  RecordValidator v(*catalog.find("Contact"));
  ASSERT_FALSE(v.add_text("LastName", "Ng"));
  ASSERT_FALSE(v.add_text("Name", "Ng"));
  auto err = v.check_access(WriteOp::Insert);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status_code, "INVALID_FIELD_FOR_INSERT_UPDATE");
  RecordValidator address(*catalog.find("Contact"));
  ASSERT_FALSE(address.add_text("LastName", "Ng"));
  ASSERT_FALSE(address.add_text("MailingCity", "Oslo"));
  EXPECT_FALSE(address.check_access(WriteOp::Insert));
}

}  // namespace
}  // namespace emu
