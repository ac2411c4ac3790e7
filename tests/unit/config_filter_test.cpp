// filter rules -> SOQL WHERE, values written by field type.
#include <gtest/gtest.h>

#include <memory>

#include "config/filter_soql.h"
#include "config_test_support.h"

using namespace sfsync;
using namespace sfsync::testing;

namespace {

Filter filter_of(const std::string& rules) {
  auto r = parse(contacts_sync("    filter:\n      rules:\n" + rules));
  EXPECT_TRUE(r.ok()) << r.error().message;
  return r.ok() ? r->syncs[0].filter : Filter{};
}

StaticFieldCatalog catalog() {
  auto account = std::make_shared<StaticFieldCatalog>("Account");
  account->add_field("AnnualRevenue", "currency");
  StaticFieldCatalog c("Contact");
  c.add_field("Email", "email").add_field("LeadSource", "picklist").add_field("HasOptedOutOfEmail", "boolean")
      .add_field("Birthdate", "date").add_field("CreatedDate", "datetime").add_field("Name", "string");
  c.add_relationship("Account", account);
  return c;
}

}  // namespace

TEST(FilterSoql, RulesBecomeTypedConditions) {
  Filter f = filter_of("        - {field: Email, op: not_null}\n"
                       "        - {field: LeadSource, op: in, value: [Web, \"Partner's\"]}\n"
                       "        - {field: HasOptedOutOfEmail, op: eq, value: \"false\"}\n"
                       "        - {field: Account.AnnualRevenue, op: gte, value: 1000000}\n"
                       "        - {field: Birthdate, op: lt, value: \"2000-01-01\"}\n"
                       "        - {field: CreatedDate, op: gte, value: \"2024-01-01T00:00:00+01:00\"}\n"
                       "        - {field: CreatedDate, op: lt, value: LAST_N_DAYS:7}\n"
                       "        - {field: Name, op: like, value: \"Jo%\"}\n"
                       "        - {field: Email, op: is_null}\n");
  StaticFieldCatalog c = catalog();
  EXPECT_EQ(filter_where_clause(f, &c),
            "Email != null AND LeadSource IN ('Web', 'Partner\\'s') AND HasOptedOutOfEmail = false AND "
            "Account.AnnualRevenue >= 1000000 AND Birthdate < 2000-01-01 AND "
            "CreatedDate >= 2023-12-31T23:00:00.000Z AND CreatedDate < LAST_N_DAYS:7 AND Name LIKE 'Jo%' AND "
            "Email = null");
}

TEST(FilterSoql, UnknownTypesAreQuotedAndRawWhereIsKept) {
  Filter f = filter_of("        - {field: Custom__c, op: neq, value: \"42\"}\n");
  EXPECT_EQ(filter_where_clause(f, nullptr), "Custom__c != '42'");
  Filter raw;
  raw.where = "Email != null";
  EXPECT_EQ(filter_where_clause(raw, nullptr), "Email != null");
  EXPECT_EQ(filter_where_clause(Filter{}, nullptr), "");
}
