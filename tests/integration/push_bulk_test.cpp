// The Bulk API 2.0 path (change sets above bulk_threshold) gives the same org state and the same
// per-row outcomes as sObject Collections.
#include "push_fixture.h"

using namespace push_test;

namespace {

class PushBulkTest : public PushFixture {
 protected:
  std::string org_state() {
    std::string out;
    for (const auto& r : query("SELECT Customer_Key__c, FirstName, LastName, Email, Score__c, LeadSource FROM Contact "
                               "WHERE Customer_Key__c != null ORDER BY Customer_Key__c"))
      for (const auto& [k, v] : r) out += k + "=" + v + (k == "Score__c" ? "\n" : ";");
    return out;
  }
  std::string error_codes(int64_t execution) {
    auto errors = store_->execution_errors(execution, 100);
    std::string out;
    for (const auto& e : *errors) out += e.record_id + ":" + e.code + ";";
    return out;
  }
};

}  // namespace

TEST_F(PushBulkTest, BulkAndCollectionsGiveTheSameOrgStateAndOutcomes) {
  add_customers(0, 12);
  model_sql("UPDATE customers SET email = 'broken' WHERE customer_key = 'K5'");
  model_sql("UPDATE customers SET first_name = NULL, score = NULL WHERE customer_key = 'K7'");
  const std::string bulk_options = "    options: {bulk_threshold: 1}\n";

  auto rest = push(contact_sync(), "contacts");
  ASSERT_TRUE(rest.ok()) << rest.error().message;
  EXPECT_FALSE(rest->bulk);
  std::string rest_state = org_state();
  std::string rest_errors = error_codes(rest->execution_id);
  EXPECT_EQ(rest_errors, "K5:INVALID_EMAIL_ADDRESS;");

  fresh_org_and_store();
  auto bulk = push(contact_sync("contacts", "upsert", bulk_options), "contacts");
  ASSERT_TRUE(bulk.ok()) << bulk.error().message;
  EXPECT_TRUE(bulk->bulk);
  EXPECT_EQ(org_state(), rest_state);
  EXPECT_EQ(error_codes(bulk->execution_id), rest_errors);
  EXPECT_EQ(bulk->created, rest->created);
  EXPECT_EQ(bulk->counts.failed, rest->counts.failed);

  // Updates through Bulk report "updated", and the snapshot works the same afterwards.
  model_sql("UPDATE customers SET last_name = 'Renamed' WHERE customer_key IN ('K1', 'K2')");
  auto second = push(contact_sync("contacts", "upsert", bulk_options), "contacts");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->updated, 2);
  EXPECT_EQ(second->created, 0);
  EXPECT_EQ(second->counts.failed, 1);  // K5 still invalid, retried
  EXPECT_EQ(query("SELECT Id FROM Contact WHERE LastName = 'Renamed'").size(), 2u);
  int64_t writes = write_calls();
  model_sql("UPDATE customers SET email = 'k5@example.org' WHERE customer_key = 'K5'");
  auto third = push(contact_sync("contacts", "upsert", bulk_options), "contacts");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->created, 1);
  EXPECT_FALSE(third->bulk);  // one row is not above the threshold
  EXPECT_EQ(write_calls(), writes + 1);
}
