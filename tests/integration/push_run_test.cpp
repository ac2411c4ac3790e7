// Push runs end to end: SQLite/CSV model → engine → emulator (real HTTP), checked by reading the
// org back through the query API.
#include "push_fixture.h"

using namespace push_test;

namespace {

class PushRunTest : public PushFixture {};

std::string key_list(const std::vector<Row>& rows, const char* field) {
  std::string out;
  for (const auto& r : rows) out += r.at(field) + ",";
  return out;
}

}  // namespace

TEST_F(PushRunTest, UpsertCreatesThenSendsOnlyChangedRows) {
  add_customers(0, 5);
  auto first = push(contact_sync(), "contacts");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->status, ExecutionStatus::Ok) << first->reason;
  EXPECT_EQ(first->created, 5);
  auto org = query("SELECT Customer_Key__c, LastName, Email, Score__c, LeadSource FROM Contact "
                   "WHERE Customer_Key__c != null ORDER BY Customer_Key__c");
  ASSERT_EQ(org.size(), 5u);
  EXPECT_EQ(org[2].at("LastName"), "Last2");
  EXPECT_EQ(org[2].at("Email"), "c2@example.org");
  EXPECT_EQ(org[2].at("Score__c"), "2.5");
  EXPECT_EQ(org[2].at("LeadSource"), "Warehouse");

  int64_t writes = write_calls();
  auto unchanged = push(contact_sync(), "contacts");
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->unchanged, 5);
  EXPECT_EQ(unchanged->counts.written, 0);
  EXPECT_EQ(write_calls(), writes);  // zero data API calls: only the Describe

  model_sql("UPDATE customers SET last_name = 'Changed' WHERE customer_key = 'K3'");
  auto one = push(contact_sync(), "contacts");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->counts.written, 1);
  EXPECT_EQ(one->updated, 1);
  EXPECT_EQ(write_calls(), writes + 1);
  auto k3 = query("SELECT LastName FROM Contact WHERE Customer_Key__c = 'K3'");
  ASSERT_EQ(k3.size(), 1u);
  EXPECT_EQ(k3[0].at("LastName"), "Changed");

  auto full = push(contact_sync(), "contacts", true);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->counts.written, 5);  // --full resends all (as updates: nothing is created twice)
  EXPECT_EQ(full->created, 0);
  EXPECT_EQ(query("SELECT Id FROM Contact WHERE Customer_Key__c != null").size(), 5u);

  auto runs = store_->list_executions("contacts", 10);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 4u);
  EXPECT_EQ(runs->front().kind, ExecutionKind::Push);
}

TEST_F(PushRunTest, ChangedMappingResendsEveryRow) {
  add_customers(0, 4);
  ASSERT_TRUE(push(contact_sync(), "contacts").ok());
  std::string changed = contact_sync();
  changed.replace(changed.find("value: Warehouse"), 16, "value: Partner");
  auto second = push(changed, "contacts");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->counts.written, 4);
  EXPECT_EQ(query("SELECT Id FROM Contact WHERE LeadSource = 'Partner'").size(), 4u);
}

TEST_F(PushRunTest, PartialFailureLandsValidRowsAndRetriesOnlyTheFailedOnes) {
  add_customers(0, 6);
  model_sql("UPDATE customers SET email = 'not-an-email' WHERE customer_key IN ('K1', 'K4')");
  auto first = push(contact_sync(), "contacts");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->status, ExecutionStatus::Partial);
  EXPECT_EQ(first->counts.written, 4);
  EXPECT_EQ(first->counts.failed, 2);
  EXPECT_EQ(key_list(query("SELECT Customer_Key__c FROM Contact WHERE Customer_Key__c != null ORDER BY Customer_Key__c"),
                     "Customer_Key__c"),
            "K0,K2,K3,K5,");
  auto errors = store_->execution_errors(first->execution_id, 10);
  ASSERT_TRUE(errors.ok());
  ASSERT_EQ(errors->size(), 2u);
  EXPECT_EQ(errors->at(0).code, "INVALID_EMAIL_ADDRESS");
  EXPECT_NE(errors->at(0).message.find("not-an-email"), std::string::npos);

  auto retry = push(contact_sync(), "contacts");  // still invalid: only the 2 failed rows go again
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->changed, 2);
  EXPECT_EQ(retry->counts.failed, 2);
  EXPECT_EQ(retry->counts.written, 0);

  model_sql("UPDATE customers SET email = 'fixed@example.org' WHERE customer_key IN ('K1', 'K4')");
  auto fixed = push(contact_sync(), "contacts");
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(fixed->status, ExecutionStatus::Ok);
  EXPECT_EQ(fixed->created, 2);
  EXPECT_EQ(query("SELECT Id FROM Contact WHERE Customer_Key__c != null").size(), 6u);
}

TEST_F(PushRunTest, InsertModeCreatesEachRowOnce) {
  model_sql("CREATE TABLE companies(name TEXT, city TEXT)");
  model_sql("INSERT INTO companies VALUES ('Acme Push', 'Lyon'), ('Globex Push', 'Oslo')");
  std::string sync =
      "  - name: accounts\n    kind: push\n    connection: crm\n"
      "    model: {connection: warehouse, sql: \"SELECT name, city FROM companies\"}\n"
      "    destination:\n      object: Account\n      mode: insert\n"
      "      mapping:\n        - {column: name, field: Name}\n        - {column: city, field: BillingCity}\n";
  auto first = push(sync, "accounts");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->created, 2);
  auto again = push(sync, "accounts");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->counts.written, 0);
  auto org = query("SELECT Name, BillingCity FROM Account WHERE Name LIKE '% Push' ORDER BY Name");
  ASSERT_EQ(org.size(), 2u);
  EXPECT_EQ(org[0].at("BillingCity"), "Lyon");
}

TEST_F(PushRunTest, UpdateModeChangesRecordsById) {
  auto contacts = query("SELECT Id FROM Contact ORDER BY Id LIMIT 2");
  ASSERT_EQ(contacts.size(), 2u);
  model_sql("CREATE TABLE fixes(id TEXT, title TEXT)");
  model_sql("INSERT INTO fixes VALUES ('" + contacts[0].at("Id") + "', 'Chief Pusher'), ('" + contacts[1].at("Id") +
            "', 'Deputy Pusher')");
  std::string sync =
      "  - name: titles\n    kind: push\n    connection: crm\n"
      "    model: {connection: warehouse, sql: \"SELECT id, title FROM fixes\"}\n"
      "    destination:\n      object: Contact\n      mode: update\n"
      "      mapping:\n        - {column: id, field: Id}\n        - {column: title, field: Title}\n";
  auto run = push(sync, "titles");
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->updated, 2);
  EXPECT_EQ(query("SELECT Title FROM Contact WHERE Id = '" + contacts[1].at("Id") + "'")[0].at("Title"),
            "Deputy Pusher");
}

TEST_F(PushRunTest, MirrorDeletesRecordsThatLeftTheModel) {
  add_customers(0, 4);
  ASSERT_TRUE(push(contact_sync("mirror", "mirror"), "mirror").ok());
  EXPECT_EQ(query("SELECT Id FROM Contact WHERE Customer_Key__c != null").size(), 4u);
  model_sql("DELETE FROM customers WHERE customer_key = 'K2'");
  auto second = push(contact_sync("mirror", "mirror"), "mirror");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->deleted, 1);
  EXPECT_EQ(second->counts.written, 0);
  EXPECT_EQ(key_list(query("SELECT Customer_Key__c FROM Contact WHERE Customer_Key__c != null ORDER BY Customer_Key__c"),
                     "Customer_Key__c"),
            "K0,K1,K3,");
  auto third = push(contact_sync("mirror", "mirror"), "mirror");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->deleted, 0);
}

TEST_F(PushRunTest, DryRunShowsPayloadsAndSendsNothing) {
  add_customers(0, 3);
  int64_t writes = write_calls();
  auto dry = push(contact_sync(), "contacts", false, true);
  ASSERT_TRUE(dry.ok()) << dry.error().message;
  EXPECT_EQ(dry->would_insert, 3);
  ASSERT_FALSE(dry->samples.empty());
  EXPECT_NE(dry->samples[0].payload.find("\"LastName\":\"Last0\""), std::string::npos);
  EXPECT_EQ(write_calls(), writes);
  auto real = push(contact_sync(), "contacts");
  ASSERT_TRUE(real.ok());
  EXPECT_EQ(real->created, 3);  // the dry run recorded nothing
}

TEST_F(PushRunTest, ApiLimitStopsTheRunAndTheNextRunContinues) {
  add_customers(0, 9);
  std::string opts = "    options: {batch_size: 3}\n";
  // Describe is call 1; the second Collections call hits the limit.
  ASSERT_EQ(http("POST", emulator_->url() + "/__admin/faults", R"({"limit_after_calls":2})",
                 {"Content-Type: application/json"}).status, 200);
  auto first = push(contact_sync("contacts", "upsert", opts), "contacts");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->status, ExecutionStatus::Failed);
  EXPECT_EQ(first->error_code, "api_limit");
  EXPECT_EQ(first->counts.written, 3);
  ASSERT_EQ(http("DELETE", emulator_->url() + "/__admin/faults").status, 200);
  auto second = push(contact_sync("contacts", "upsert", opts), "contacts");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->status, ExecutionStatus::Ok) << second->reason;
  EXPECT_EQ(second->counts.written, 6);  // nothing sent twice
  EXPECT_EQ(second->created, 6);
  EXPECT_EQ(query("SELECT Id FROM Contact WHERE Customer_Key__c != null").size(), 9u);
}

TEST_F(PushRunTest, ExpiredTokenIsRenewedMidRun) {
  add_customers(0, 4);
  std::string opts = "    options: {batch_size: 2}\n";
  ASSERT_EQ(http("POST", emulator_->url() + "/__admin/faults", R"({"expire_tokens_after_calls":2})",
                 {"Content-Type: application/json"}).status, 200);
  auto run = push(contact_sync("contacts", "upsert", opts), "contacts");
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->status, ExecutionStatus::Ok) << run->reason;
  EXPECT_EQ(run->created, 4);
  EXPECT_GE(run->api.session_renewals, 1);
}

TEST_F(PushRunTest, FastFailStopsAtTheFirstFailedBatch) {
  add_customers(0, 6);
  model_sql("UPDATE customers SET email = 'bad' WHERE customer_key = 'K0'");
  auto run = push(contact_sync("contacts", "upsert", "    options: {batch_size: 2, fast_fail: true}\n"), "contacts");
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->status, ExecutionStatus::Failed);
  EXPECT_EQ(run->counts.written, 1);  // K1, in the failed batch
  EXPECT_EQ(query("SELECT Id FROM Contact WHERE Customer_Key__c != null").size(), 1u);
}

TEST_F(PushRunTest, CsvModelPushesLikeSql) {
  std::ofstream(prefix_ + ".csv") << "\xEF\xBB\xBF" "customer_key,first_name,last_name,email,score\r\n"
                                  << "C1,\"Ann, Jr\",\"O\"\"Neil\",ann@example.org,1\r\n"
                                  << "C2,Bo,\"Multi\nLine\",,2\r\n";
  std::string base = contact_sync("csv");
  std::string csv_sync = base.substr(0, base.find("    model:")) + "    model: {connection: files, file: x.csv}\n" +
                         base.substr(base.find("    destination:"));
  auto run = push(csv_sync, "csv");
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->created, 2);
  auto org = query("SELECT FirstName, LastName, Email FROM Contact WHERE Customer_Key__c != null ORDER BY Customer_Key__c");
  ASSERT_EQ(org.size(), 2u);
  EXPECT_EQ(org[0].at("FirstName"), "Ann, Jr");
  EXPECT_EQ(org[0].at("LastName"), "O\"Neil");
  EXPECT_EQ(org[1].at("LastName"), "Multi\nLine");
  EXPECT_EQ(org[1].at("Email"), "");
}

TEST_F(PushRunTest, RepeatedKeySendsItsLastRowOnce) {
  add_customers(0, 2);
  model_sql("INSERT INTO customers VALUES ('K1', 'Again', 'Twice', 'twice@example.org', 9)");
  std::string sync = contact_sync();
  sync.replace(sync.find("ORDER BY customer_key"), 21, "ORDER BY customer_key, rowid");
  auto run = push(sync, "contacts");
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->status, ExecutionStatus::Ok) << run->reason;
  EXPECT_EQ(run->created, 2);
  auto k1 = query("SELECT LastName FROM Contact WHERE Customer_Key__c = 'K1'");
  ASSERT_EQ(k1.size(), 1u);
  EXPECT_EQ(k1[0].at("LastName"), "Twice");  // the later row of K1
}

TEST_F(PushRunTest, UpdateModeByAnIdLookupFieldFindsTheRecords) {
  auto contacts = query("SELECT Id, Email FROM Contact WHERE Email != null ORDER BY Id LIMIT 2");
  ASSERT_EQ(contacts.size(), 2u);
  model_sql("CREATE TABLE titles(email TEXT, title TEXT)");
  model_sql("INSERT INTO titles VALUES ('" + contacts[0].at("Email") + "', 'Found By Email'), "
            "('nobody-here@example.org', 'Lost')");
  std::string sync =
      "  - name: by_email\n    kind: push\n    connection: crm\n"
      "    model: {connection: warehouse, sql: \"SELECT email, title FROM titles\"}\n"
      "    destination:\n      object: Contact\n      mode: update\n      external_id_field: Email\n"
      "      mapping:\n        - {column: email, field: Email}\n        - {column: title, field: Title}\n";
  auto run = push(sync, "by_email");
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->updated, 1);
  EXPECT_EQ(run->counts.failed, 1);  // update never creates: the unknown email is NOT_FOUND
  EXPECT_EQ(run->created, 0);
  auto errors = store_->execution_errors(run->execution_id, 5);
  ASSERT_TRUE(errors.ok() && errors->size() == 1u);
  EXPECT_EQ(errors->at(0).code, "NOT_FOUND");
  EXPECT_EQ(query("SELECT Title FROM Contact WHERE Id = '" + contacts[0].at("Id") + "'")[0].at("Title"),
            "Found By Email");
  // The id is remembered: a changed title is sent without another lookup query.
  model_sql("UPDATE titles SET title = 'Found Again' WHERE title = 'Found By Email'");
  auto again = push(sync, "by_email");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->updated, 1);
  EXPECT_EQ(again->changed, 2);        // the changed row and the NOT_FOUND one, retried
  EXPECT_EQ(again->counts.api_calls, 3);  // Describe, a lookup for the unknown email only, one update
  EXPECT_EQ(query("SELECT Title FROM Contact WHERE Id = '" + contacts[0].at("Id") + "'")[0].at("Title"), "Found Again");
}
