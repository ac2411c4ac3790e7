// Attribute types: Salesforce defaults and explicit conversions.
#include <gtest/gtest.h>

#include "common/time_util.h"
#include "mapping/attribute_types.h"

using namespace sfsync;

namespace {

Value conv(const Value& v, AttributeType t) {
  auto r = convert_value(v, t);
  EXPECT_TRUE(r.ok()) << r.error().message;
  return r.ok() ? r.value() : Value::null();
}

}  // namespace

TEST(AttributeTypes, SalesforceTypesMapByDefault) {
  EXPECT_EQ(default_attribute_type("currency"), AttributeType::Number);
  EXPECT_EQ(default_attribute_type("percent"), AttributeType::Number);
  EXPECT_EQ(default_attribute_type("int"), AttributeType::Number);
  EXPECT_EQ(default_attribute_type("double"), AttributeType::Number);
  EXPECT_EQ(default_attribute_type("boolean"), AttributeType::Boolean);
  EXPECT_EQ(default_attribute_type("date"), AttributeType::Date);
  EXPECT_EQ(default_attribute_type("datetime"), AttributeType::DateTime);
  EXPECT_EQ(default_attribute_type("multipicklist"), AttributeType::String);
  EXPECT_EQ(default_attribute_type("reference"), AttributeType::String);
  EXPECT_EQ(default_attribute_type("somethingNew"), AttributeType::String);
}

TEST(AttributeTypes, AutoKeepsTheSourceValueAndPrecision) {
  Value amount = Value::decimal("1234567890123.45");
  EXPECT_EQ(conv(amount, AttributeType::Auto), amount);
  EXPECT_EQ(conv(amount, AttributeType::Number), amount);  // decimal text is never rounded
  EXPECT_EQ(conv(Value::null(), AttributeType::Number), Value::null());
}

TEST(AttributeTypes, ToNumber) {
  EXPECT_EQ(conv(Value::string("42"), AttributeType::Number), Value::integer(42));
  EXPECT_EQ(conv(Value::string(" -17 "), AttributeType::Number), Value::integer(-17));
  EXPECT_EQ(conv(Value::string("0.1"), AttributeType::Number), Value::decimal("0.1"));
  EXPECT_EQ(conv(Value::string("+3.50"), AttributeType::Number), Value::decimal("3.50"));
  auto bad = convert_value(Value::string("12abc"), AttributeType::Number);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "\"12abc\" (string) is not a valid number");
  EXPECT_FALSE(convert_value(Value::boolean(true), AttributeType::Number).ok());
}

TEST(AttributeTypes, ToBoolean) {
  EXPECT_EQ(conv(Value::string("TRUE"), AttributeType::Boolean), Value::boolean(true));
  EXPECT_EQ(conv(Value::string("no"), AttributeType::Boolean), Value::boolean(false));
  EXPECT_EQ(conv(Value::integer(1), AttributeType::Boolean), Value::boolean(true));
  EXPECT_FALSE(convert_value(Value::integer(2), AttributeType::Boolean).ok());
  EXPECT_FALSE(convert_value(Value::string("maybe"), AttributeType::Boolean).ok());
}

TEST(AttributeTypes, ToDateAndDateTimeInUtc) {
  int64_t ms = *parse_iso_datetime("2024-03-05T23:30:00-05:00");  // 2024-03-06T04:30Z
  EXPECT_EQ(conv(Value::datetime(ms), AttributeType::Date), Value::date(*parse_date("2024-03-06")));
  EXPECT_EQ(conv(Value::string("2024-03-06"), AttributeType::Date), Value::date(*parse_date("2024-03-06")));
  EXPECT_EQ(conv(Value::string("2024-03-05T23:30:00-05:00"), AttributeType::DateTime), Value::datetime(ms));
  EXPECT_EQ(conv(Value::string("2024-03-06T04:30:00"), AttributeType::DateTime), Value::datetime(ms));  // no zone = UTC
  EXPECT_EQ(conv(Value::date(*parse_date("2024-03-06")), AttributeType::DateTime),
            Value::datetime(*parse_iso_datetime("2024-03-06T00:00:00Z")));
  EXPECT_EQ(conv(Value::datetime(-1), AttributeType::Date), Value::date(-1));  // before 1970 rounds down
  EXPECT_FALSE(convert_value(Value::string("yesterday"), AttributeType::Date).ok());
  EXPECT_FALSE(convert_value(Value::integer(5), AttributeType::DateTime).ok());
}

TEST(AttributeTypes, MarketingCloudDates) {
  EXPECT_EQ(conv(Value::string("6/23/2024 12:00:00 AM"), AttributeType::DateTime),
            Value::datetime(*parse_iso_datetime("2024-06-23T00:00:00Z")));
  EXPECT_EQ(conv(Value::string("6/23/2024 1:05:09 PM"), AttributeType::DateTime),
            Value::datetime(*parse_iso_datetime("2024-06-23T13:05:09Z")));
  EXPECT_EQ(conv(Value::string("12/1/2023 12:30:00 PM"), AttributeType::Date), Value::date(*parse_date("2023-12-01")));
  EXPECT_EQ(conv(Value::string("1/2/2024"), AttributeType::Date), Value::date(*parse_date("2024-01-02")));
  EXPECT_FALSE(convert_value(Value::string("13/2/2024"), AttributeType::Date).ok());
  EXPECT_FALSE(convert_value(Value::string("6/23/2024 13:00:00 PM"), AttributeType::DateTime).ok());
  EXPECT_FALSE(convert_value(Value::string("6/23/2024 junk"), AttributeType::DateTime).ok());
}

TEST(AttributeTypes, ToString) {
  EXPECT_EQ(conv(Value::decimal("10.50"), AttributeType::String), Value::string("10.50"));
  EXPECT_EQ(conv(Value::boolean(false), AttributeType::String), Value::string("false"));
  EXPECT_EQ(conv(Value::date(0), AttributeType::String), Value::string("1970-01-01"));
}

TEST(AttributeTypes, Names) {
  EXPECT_EQ(parse_attribute_type("datetime"), AttributeType::DateTime);
  EXPECT_FALSE(parse_attribute_type("auto").has_value());
  EXPECT_EQ(attribute_type_name(AttributeType::Number), "number");
}
