// Templates: SF_Lead_{{Id}}, SF_Lead_{{Lead.Id}}, {{Account.Name}}; syntax and missing values.
#include <gtest/gtest.h>

#include "mapping/template.h"

using namespace sfsync;

namespace {

Record lead() {
  Record r;
  r.object = "Lead";
  r.id = "00Q000000000001AAA";
  r.set("Id", Value::string("00Q000000000001AAA"));
  r.set("Account.Name", Value::string("Acme"));
  r.set("Email", Value::null());
  r.set("NumberOfEmployees", Value::integer(42));
  return r;
}

std::string render(const char* text, const Record& r = lead()) {
  auto t = Template::compile(text, "Lead");
  EXPECT_TRUE(t.ok()) << t.error().message;
  return t->render(r).value_or("<missing>");
}

}  // namespace

TEST(Template, BothFormsOfTheOwnId) {
  EXPECT_EQ(render("SF_Lead_{{Id}}"), "SF_Lead_00Q000000000001AAA");
  EXPECT_EQ(render("SF_Lead_{{Lead.Id}}"), "SF_Lead_00Q000000000001AAA");
  EXPECT_EQ(render("SF_Lead_{{ lead.id }}"), "SF_Lead_00Q000000000001AAA");  // spaces, case-insensitive
  auto t = Template::compile("SF_Lead_{{Lead.Id}}", "Lead");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->fields(), std::vector<std::string>{"Id"});
}

TEST(Template, ParentPathsAndTypedValues) {
  EXPECT_EQ(render("{{Account.Name}}"), "Acme");
  EXPECT_EQ(render("{{Account.Name}}-{{NumberOfEmployees}}"), "Acme-42");
  auto t = Template::compile("{{Account.Name}}", "Contact");
  EXPECT_EQ(t->fields(), std::vector<std::string>{"Account.Name"});  // not the own object: a parent path
}

TEST(Template, MissingOrNullFieldRendersNothing) {
  EXPECT_EQ(render("E_{{Email}}"), "<missing>");
  EXPECT_EQ(render("X_{{NotThere}}"), "<missing>");
}

TEST(Template, SyntaxErrors) {
  auto unclosed = Template::compile("SF_{{Id", "Lead");
  ASSERT_FALSE(unclosed.ok());
  EXPECT_EQ(unclosed.error().message, "template \"SF_{{Id\": \"{{\" is never closed (write {{Field}})");
  EXPECT_FALSE(Template::compile("SF_{{}}", "Lead").ok());
  EXPECT_FALSE(Template::compile("SF_{{Id-2}}", "Lead").ok());
  auto constant = Template::compile("SF_Lead", "Lead");
  ASSERT_FALSE(constant.ok());
  EXPECT_NE(constant.error().message.find("has no {{Field}} placeholder"), std::string::npos);
}

TEST(Template, FieldPaths) {
  EXPECT_TRUE(is_field_path("Email"));
  EXPECT_TRUE(is_field_path("Owner__r.Email__c"));
  EXPECT_FALSE(is_field_path("Account."));
  EXPECT_FALSE(is_field_path("1Email"));
  EXPECT_FALSE(is_field_path(""));
}
