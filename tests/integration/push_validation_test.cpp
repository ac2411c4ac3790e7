// Bad push input is refused before any data call, with one line naming the problem.
#include "push_fixture.h"

using namespace push_test;

namespace {

class PushValidationTest : public PushFixture {
 protected:
  // Runs the sync, expects an Error with `code` whose message contains `needle`, and no write call.
  void expect_refused(const std::string& sync, const std::string& code, const std::string& needle) {
    int64_t writes = write_calls();
    auto run = push(sync, "bad");
    ASSERT_FALSE(run.ok()) << "the run was not refused";
    EXPECT_EQ(run.error().code, code) << run.error().message;
    EXPECT_NE(run.error().message.find(needle), std::string::npos) << run.error().message;
    EXPECT_EQ(run.error().message.find('\n'), std::string::npos);
    EXPECT_EQ(write_calls(), writes);
    auto runs = store_->list_executions("bad", 5);
    ASSERT_TRUE(runs.ok());
    EXPECT_TRUE(runs->empty());  // no execution either: nothing was attempted
  }

  static std::string sync_with(const std::string& object, const std::string& mode, const std::string& mapping,
                               const std::string& model = "{connection: warehouse, sql: \"SELECT * FROM customers\"}",
                               const std::string& external = "") {
    return "  - name: bad\n    kind: push\n    connection: crm\n    model: " + model + "\n"
           "    destination:\n      object: " + object + "\n      mode: " + mode + "\n" + external +
           "      mapping:\n" + mapping;
  }
};

}  // namespace

TEST_F(PushValidationTest, MissingRequiredFieldMapping) {
  expect_refused(sync_with("Contact", "insert", "        - {column: email, field: Email}\n"), "bad_config",
                 "REQUIRED_FIELD_MISSING: Required fields are missing: [LastName]");
  expect_refused(sync_with("Lead", "insert", "        - {column: email, field: Email}\n"), "bad_config",
                 "Required fields are missing: [LastName, Company]");
  expect_refused(sync_with("Account", "upsert", "        - {column: email, field: Description}\n"), "bad_config",
                 "Required fields are missing: [Name]");
  expect_refused(sync_with("Opportunity", "insert", "        - {column: email, field: Description}\n"), "bad_config",
                 "Required fields are missing: [Name, StageName, CloseDate]");
}

TEST_F(PushValidationTest, UnknownObjectSuggestsTheClosestNames) {
  expect_refused(sync_with("Contcat", "insert", "        - {column: last_name, field: LastName}\n"), "bad_config",
                 "Custom object not found: 'Contcat' (closest: \"Contact\"");
  expect_refused(sync_with("contact", "insert", "        - {column: last_name, field: LastName}\n"), "bad_config",
                 "Custom object not found: 'contact'");
}

TEST_F(PushValidationTest, UnknownFieldIsInvalidField) {
  expect_refused(sync_with("Contact", "insert", "        - {column: last_name, field: LastName}\n"
                                                "        - {column: email, field: Emial}\n"),
                 "bad_config", "INVALID_FIELD: No such column 'Emial' on sobject of type Contact (closest: \"Email\"");
}

TEST_F(PushValidationTest, ReadOnlyFieldIsRefused) {
  expect_refused(sync_with("Contact", "insert", "        - {column: last_name, field: LastName}\n"
                                                "        - {column: email, field: CreatedDate}\n"),
                 "bad_config", "Unable to create/update fields: CreatedDate");
}

TEST_F(PushValidationTest, UpsertKeyMustBeAnExternalIdFieldAndMapped) {
  expect_refused(sync_with("Contact", "upsert", "        - {column: last_name, field: LastName}\n",
                           "{connection: warehouse, sql: \"SELECT * FROM customers\"}",
                           "      external_id_field: Customer_Key__c\n"),
                 "bad_config", "map a model column to Customer_Key__c");
  expect_refused(sync_with("Contact", "upsert", "        - {column: last_name, field: LastName}\n"
                                                "        - {column: first_name, field: Department}\n",
                           "{connection: warehouse, sql: \"SELECT * FROM customers\"}",
                           "      external_id_field: Department\n"),
                 "bad_config", "is not an External ID field");
}

TEST_F(PushValidationTest, UnknownModelColumn) {
  expect_refused(sync_with("Contact", "insert", "        - {column: lastname, field: LastName}\n"), "bad_config",
                 "the model has no column \"lastname\" (closest: \"last_name\"");
}

TEST_F(PushValidationTest, BadSql) {
  expect_refused(sync_with("Contact", "insert", "        - {column: last_name, field: LastName}\n",
                           "{connection: warehouse, sql: \"SELEC last_name FROM customers\"}"),
                 "bad_input", "model SQL is invalid: near \"SELEC\": syntax error");
  expect_refused(sync_with("Contact", "insert", "        - {column: last_name, field: LastName}\n",
                           "{connection: warehouse, sql: \"SELECT last_name FROM nowhere\"}"),
                 "bad_input", "no such table: nowhere");
}

TEST_F(PushValidationTest, UnreachablePostgres) {
  expect_refused(sync_with("Contact", "insert", "        - {column: last_name, field: LastName}\n",
                           "{connection: pg, sql: \"SELECT 1\"}"),
                 "bad_input", "cannot connect to PostgreSQL");
}

TEST_F(PushValidationTest, MissingCsvFile) {
  expect_refused(sync_with("Contact", "insert", "        - {column: last_name, field: LastName}\n",
                           "{connection: files, file: x.csv}"),
                 "bad_input", "cannot open CSV model");
}
