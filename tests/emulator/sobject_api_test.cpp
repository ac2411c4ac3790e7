// sObject CRUD, upsert by external id and getUpdated/getDeleted over real HTTP.
#include <algorithm>

#include "common/time_util.h"
#include "write_test_support.h"

namespace write_tests {
namespace {

using testing_support::url_encode;

class SobjectApiTest : public WriteApiTest {
 protected:
  // The single error of a REST error body.
  void expect_error(const testing_support::HttpResponse& r, long status, const std::string& code,
                    const std::string& message) {
    EXPECT_EQ(r.status, status) << r.body;
    auto body = json(r);
    ASSERT_TRUE(body.is_array()) << r.body;
    EXPECT_EQ(str(body.at(0)["errorCode"]), code) << r.body;
    if (!message.empty()) {
      EXPECT_EQ(str(body.at(0)["message"]), message) << r.body;
    }
  }
  std::vector<std::string> fields_of_error(const testing_support::HttpResponse& r) {
    std::vector<std::string> out;
    simdjson::dom::array fields;
    if (json(r).at(0)["fields"].get(fields) == simdjson::SUCCESS)
      for (auto f : fields) out.push_back(str(f));
    return out;
  }
};

TEST_F(SobjectApiTest, CreateReturns201AndTheRecordLands) {
  auto r = send("POST", "/sobjects/Contact",
                R"({"LastName":"Ng","Email":"ng@example.com","Birthdate":"1990-02-03","Score__c":"12.5"})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto body = json(r);
  std::string id = str(body["id"]);
  EXPECT_EQ(id.substr(0, 3), "003");
  EXPECT_EQ(id.size(), 18u);
  EXPECT_TRUE(bool(body["success"]));
  EXPECT_EQ(simdjson::dom::array(body["errors"]).size(), 0u);
  EXPECT_EQ(std::get<std::string>(stored("Contact", id, "Email")), "ng@example.com");
  EXPECT_EQ(std::get<std::string>(stored("Contact", id, "Birthdate")), "1990-02-03");
  EXPECT_DOUBLE_EQ(std::get<double>(stored("Contact", id, "Score__c")), 12.5);
  EXPECT_EQ(counter("sobject_create"), 1);
}

TEST_F(SobjectApiTest, GetReturnsAllFieldsOrTheRequestedOnes) {
  std::string id = create("Contact", R"({"LastName":"Ng","MailingCity":"Oslo","HasOptedOutOfEmail":true})");
  auto r = get("/sobjects/Contact/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  auto rec = json(r);
  EXPECT_EQ(str(rec["attributes"]["type"]), "Contact");
  EXPECT_EQ(str(rec["attributes"]["url"]), "/services/data/v63.0/sobjects/Contact/" + id);
  EXPECT_EQ(str(rec["Id"]), id);
  EXPECT_EQ(str(rec["LastName"]), "Ng");
  EXPECT_TRUE(bool(rec["HasOptedOutOfEmail"]));
  EXPECT_TRUE(rec["Email"].is_null());
  EXPECT_EQ(str(rec["MailingAddress"]["city"]), "Oslo");
  EXPECT_TRUE(rec["OtherAddress"].is_null());
  // SystemModstamp in Salesforce's REST datetime form.
  std::string stamp = str(rec["SystemModstamp"]);
  EXPECT_EQ(stamp.size(), 28u) << stamp;
  EXPECT_EQ(stamp.substr(23), "+0000");

  auto some = get("/sobjects/Contact/" + id + "?fields=LastName,MailingCity");
  ASSERT_EQ(some.status, 200) << some.body;
  simdjson::dom::object obj = json(some);
  std::vector<std::string> keys;
  for (auto m : obj) keys.emplace_back(m.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"attributes", "LastName", "MailingCity", "Id"}));
  expect_error(get("/sobjects/Contact/" + id + "?fields=Nope__c"), 400, "INVALID_FIELD", "");
  EXPECT_EQ(counter("sobject_get"), 3);
}

TEST_F(SobjectApiTest, MissingRecordUnknownObjectAndWrongMethod) {
  expect_error(get("/sobjects/Contact/003000000000000AAA"), 404, "NOT_FOUND", "The requested resource does not exist");
  expect_error(get("/sobjects/Contactz/003000000000000AAA"), 404, "NOT_FOUND", "The requested resource does not exist");
  expect_error(send("POST", "/sobjects/Contactz", R"({"LastName":"X"})"), 404, "NOT_FOUND", "");
  std::string id = create("Contact", R"({"LastName":"Ng"})");
  auto put = send("PUT", "/sobjects/Contact/" + id, R"({"LastName":"X"})");
  expect_error(put, 405, "METHOD_NOT_ALLOWED", "HTTP Method 'PUT' not allowed. Allowed are HEAD,GET,PATCH,DELETE");
}

TEST_F(SobjectApiTest, RequiredFieldMissing) {
  auto r = send("POST", "/sobjects/Contact", R"({"FirstName":"Ann"})");
  expect_error(r, 400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]");
  EXPECT_EQ(fields_of_error(r), std::vector<std::string>{"LastName"});
  auto opp = send("POST", "/sobjects/Opportunity", R"({"Name":"Big deal"})");
  expect_error(opp, 400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [StageName, CloseDate]");
  auto lead = send("POST", "/sobjects/Lead", R"({"LastName":"Ng"})");
  expect_error(lead, 400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [Company]");
  expect_error(send("POST", "/sobjects/Account", "{}"), 400, "REQUIRED_FIELD_MISSING",
               "Required fields are missing: [Name]");
}

TEST_F(SobjectApiTest, UnknownFieldIsInvalidFieldWithoutFields) {
  auto r = send("POST", "/sobjects/Contact", R"({"LastName":"Ng","Foo":"x"})");
  EXPECT_EQ(r.status, 400);
  auto body = json(r);
  EXPECT_EQ(str(body.at(0)["errorCode"]), "INVALID_FIELD");
  EXPECT_EQ(str(body.at(0)["message"]), "No such column 'Foo' on sobject of type Contact");
  EXPECT_TRUE(body.at(0)["fields"].error()) << "request-level errors carry no fields: " << r.body;
}

TEST_F(SobjectApiTest, ValueErrors) {
  const int64_t contacts = store().count(object("Contact"));
  auto name = send("POST", "/sobjects/Contact", R"({"LastName":"Ng","Name":"Ann Ng"})");
  expect_error(name, 400, "INVALID_FIELD_FOR_INSERT_UPDATE",
               "Unable to create/update fields: Name. Please check the security settings of this field and "
               "verify that it is read/write for your profile or permission set.");
  EXPECT_EQ(fields_of_error(name), std::vector<std::string>{"Name"});
  std::string long_email = std::string(75, 'a') + "@x.com";
  expect_error(send("POST", "/sobjects/Contact", R"({"LastName":"Ng","Email":")" + long_email + "\"}"), 400,
               "STRING_TOO_LONG", "Email: data value too large: " + long_email + " (max length=80)");
  expect_error(send("POST", "/sobjects/Contact", R"({"LastName":"Ng","Email":"foo"})"), 400,
               "INVALID_EMAIL_ADDRESS", "Email: invalid email address: foo");
  expect_error(send("POST", "/sobjects/Contact", R"({"LastName":"Ng","Birthdate":5})"), 400, "JSON_PARSER_ERROR", "");
  expect_error(send("POST", "/sobjects/Contact", R"({"LastName":"Ng","Score__c":"abc"})"), 400,
               "JSON_PARSER_ERROR", "");
  expect_error(send("POST", "/sobjects/Contact", R"({"LastName":"Ng","AccountId":"xyz"})"), 400, "MALFORMED_ID",
               "Account ID: id value of incorrect type: xyz");
  expect_error(send("POST", "/sobjects/Contact", "{not json"), 400, "JSON_PARSER_ERROR", "");
  EXPECT_EQ(store().count(object("Contact")), contacts);
}

TEST_F(SobjectApiTest, ReferencesMustPointToLiveRecordsOfTheRightObject) {
  expect_error(send("POST", "/sobjects/Contact", R"({"LastName":"Ng","AccountId":"001000000000000AAA"})"), 400,
               "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
  std::string other = create("Contact", R"({"LastName":"Other"})");
  expect_error(send("POST", "/sobjects/Contact", R"({"LastName":"Ng","AccountId":")" + other + "\"}"), 400,
               "INVALID_CROSS_REFERENCE_KEY", "");
  std::string account = create("Account", R"({"Name":"Acme"})");
  std::string id = create("Contact", R"({"LastName":"Ng","AccountId":")" + account.substr(0, 15) + "\"}");
  EXPECT_EQ(std::get<std::string>(stored("Contact", id, "AccountId")), account);
}

TEST_F(SobjectApiTest, DuplicateValueOnUniqueField) {
  std::string first = create("Contact", R"({"LastName":"A","Unique_Code__c":"K-1"})");
  auto r = send("POST", "/sobjects/Contact", R"({"LastName":"B","Unique_Code__c":"k-1"})");
  expect_error(r, 400, "DUPLICATE_VALUE",
               "duplicate value found: Unique_Code__c duplicates value on record with id: " + first.substr(0, 15));
  // Updating a record to its own value is no duplicate.
  EXPECT_EQ(send("PATCH", "/sobjects/Contact/" + first, R"({"Unique_Code__c":"K-1"})").status, 204);
}

TEST_F(SobjectApiTest, UpdateMovesSystemModstampAndChecksFields) {
  std::string id = create("Contact", R"({"LastName":"Ng"})");
  ASSERT_TRUE(store().set_stamp(object("Contact"), id, 1'000'000).ok());
  auto r = send("PATCH", "/sobjects/Contact/" + id, R"({"Title":"CTO","Email":null})");
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(std::get<std::string>(stored("Contact", id, "Title")), "CTO");
  EXPECT_GT(std::get<int64_t>(stored("Contact", id, "SystemModstamp")), 1'000'000);
  EXPECT_EQ(counter("sobject_update"), 1);

  expect_error(send("PATCH", "/sobjects/Contact/" + id, R"({"LastName":null})"), 400, "REQUIRED_FIELD_MISSING",
               "Required fields are missing: [LastName]");
  expect_error(send("PATCH", "/sobjects/Contact/003000000000000AAA", R"({"Title":"x"})"), 404, "NOT_FOUND", "");
  expect_error(send("PATCH", "/sobjects/Contact/001000000000000AAA", R"({"Title":"x"})"), 400, "MALFORMED_ID",
               "Contact ID: id value of incorrect type: 001000000000000AAA");
}

TEST_F(SobjectApiTest, CreateOnlyFieldCannotBeUpdated) {
  std::string group = create("Group", R"({"Name":"Sales","Type":"Regular"})");
  auto r = send("PATCH", "/sobjects/Group/" + group, R"({"Type":"Queue"})");
  expect_error(r, 400, "INSUFFICIENT_ACCESS_OR_READONLY", "");
  EXPECT_EQ(fields_of_error(r), std::vector<std::string>{"Type"});
}

TEST_F(SobjectApiTest, DeleteIsSoftAndSecondDeleteSaysDeleted) {
  std::string id = create("Contact", R"({"LastName":"Ng"})");
  auto r = send("DELETE", "/sobjects/Contact/" + id, "");
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_FALSE(store().get(object("Contact"), id));
  EXPECT_TRUE(store().get(object("Contact"), id, /*include_deleted=*/true));
  expect_error(send("DELETE", "/sobjects/Contact/" + id, ""), 404, "ENTITY_IS_DELETED", "entity is deleted");
  expect_error(get("/sobjects/Contact/" + id), 404, "ENTITY_IS_DELETED", "entity is deleted");
  expect_error(send("PATCH", "/sobjects/Contact/" + id, R"({"Title":"x"})"), 404, "ENTITY_IS_DELETED", "");
  expect_error(send("DELETE", "/sobjects/Contact/003000000000000AAA", ""), 404, "NOT_FOUND", "");
  EXPECT_EQ(counter("sobject_delete"), 3);
}

TEST_F(SobjectApiTest, UpsertCreatesThenUpdates) {
  const int64_t contacts = store().count(object("Contact"));
  auto created = send("PATCH", "/sobjects/Contact/External_Id__c/X-1", R"({"LastName":"Ng"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto body = json(created);
  std::string id = str(body["id"]);
  EXPECT_TRUE(bool(body["created"]));
  EXPECT_TRUE(bool(body["success"]));
  EXPECT_EQ(std::get<std::string>(stored("Contact", id, "External_Id__c")), "X-1");

  auto updated = send("PATCH", "/sobjects/Contact/External_Id__c/X-1", R"({"Title":"CTO"})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  auto ub = json(updated);
  EXPECT_EQ(str(ub["id"]), id);
  EXPECT_FALSE(bool(ub["created"]));
  EXPECT_EQ(std::get<std::string>(stored("Contact", id, "Title")), "CTO");
  EXPECT_EQ(store().count(object("Contact")), contacts + 1);
  EXPECT_EQ(counter("sobject_upsert"), 2);

  // A new record through upsert is an insert: required fields apply.
  expect_error(send("PATCH", "/sobjects/Contact/External_Id__c/X-2", R"({"Title":"x"})"), 400,
               "REQUIRED_FIELD_MISSING", "");
}

TEST_F(SobjectApiTest, UpsertWithSeveralMatchesAnswers300) {
  std::string a = create("Contact", R"({"LastName":"A","External_Id__c":"dup"})");
  std::string b = create("Contact", R"({"LastName":"B","External_Id__c":"dup"})");
  auto r = send("PATCH", "/sobjects/Contact/External_Id__c/dup", R"({"Title":"x"})");
  ASSERT_EQ(r.status, 300) << r.body;
  auto urls = json(r);
  ASSERT_TRUE(urls.is_array());
  std::vector<std::string> got;
  for (auto u : simdjson::dom::array(urls)) got.push_back(str(u));
  std::sort(got.begin(), got.end());
  std::vector<std::string> want = {"/services/data/v63.0/sobjects/Contact/" + a,
                                   "/services/data/v63.0/sobjects/Contact/" + b};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  // The same 300 for a read by external id; one match reads the record.
  EXPECT_EQ(get("/sobjects/Contact/External_Id__c/dup").status, 300);
  std::string c = create("Contact", R"({"LastName":"C","External_Id__c":"one"})");
  auto one = get("/sobjects/Contact/External_Id__c/one");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(str(json(one)["Id"]), c);
  // Delete by external id: 300 when ambiguous, 204 for one record, then 404.
  EXPECT_EQ(send("DELETE", "/sobjects/Contact/External_Id__c/dup", "").status, 300);
  EXPECT_EQ(send("DELETE", "/sobjects/Contact/External_Id__c/one", "").status, 204);
  EXPECT_FALSE(store().get(object("Contact"), c));
  expect_error(send("DELETE", "/sobjects/Contact/External_Id__c/one", ""), 404, "NOT_FOUND", "");
}

TEST_F(SobjectApiTest, UpsertOnAFieldThatIsNoExternalId) {
  expect_error(send("PATCH", "/sobjects/Contact/Namez/x", R"({"LastName":"Ng"})"), 404, "NOT_FOUND",
               "Provided external ID field does not exist or is not accessible: Namez");
  expect_error(send("PATCH", "/sobjects/Contact/Title/x", R"({"LastName":"Ng"})"), 404, "NOT_FOUND",
               "Provided external ID field does not exist or is not accessible: Title");
}

// ---- getUpdated / getDeleted ----

std::string iso(int64_t ms) { return url_encode(sfsync::format_iso_datetime_z(ms)); }
int64_t minute_floor(int64_t ms) { return ms - ms % 60'000; }

bool has_id(simdjson::dom::array ids, const std::string& id) {
  for (auto e : ids)
    if (str(e) == id) return true;
  return false;
}

TEST_F(SobjectApiTest, GetUpdatedReturnsIdsInTheMinuteTruncatedWindow) {
  const int64_t day = 86'400'000;
  const int64_t t = minute_floor(sfsync::now_ms()) - 2 * day;  // a whole minute, two days ago
  std::string in = create("Contact", R"({"LastName":"In"})");
  std::string before = create("Contact", R"({"LastName":"Before"})");
  std::string after = create("Contact", R"({"LastName":"After"})");
  ASSERT_TRUE(store().set_stamp(object("Contact"), in, t + 10'000).ok());
  ASSERT_TRUE(store().set_stamp(object("Contact"), before, t - 60'000).ok());
  ASSERT_TRUE(store().set_stamp(object("Contact"), after, t + 3 * 60'000).ok());

  // start t+30s truncates to t (so `in` at t+10s is covered); end t+2m30s truncates to t+2m.
  auto r = get("/sobjects/Contact/updated/?start=" + iso(t + 30'000) + "&end=" + iso(t + 150'000));
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json(r);
  simdjson::dom::array ids = body["ids"];
  EXPECT_TRUE(has_id(ids, in));
  EXPECT_FALSE(has_id(ids, before));
  EXPECT_FALSE(has_id(ids, after));
  EXPECT_EQ(str(body["latestDateCovered"]), sfsync::format_sf_datetime(t + 120'000));
  EXPECT_EQ(counter("getUpdated"), 1);

  // Deleted records are not "updated" ones.
  ASSERT_EQ(send("DELETE", "/sobjects/Contact/" + in, "").status, 204);
  ASSERT_TRUE(store().set_stamp(object("Contact"), in, t + 10'000).ok());
  auto again = get("/sobjects/Contact/updated/?start=" + iso(t) + "&end=" + iso(t + 150'000));
  EXPECT_FALSE(has_id(json(again)["ids"], in));
}

TEST_F(SobjectApiTest, GetUpdatedLatestDateCoveredNeverPassesNow) {
  int64_t before = minute_floor(sfsync::now_ms());
  auto r = get("/sobjects/Contact/updated/?start=" + iso(before - 3'600'000) + "&end=" + iso(before + 86'400'000));
  int64_t after = minute_floor(sfsync::now_ms());
  ASSERT_EQ(r.status, 200) << r.body;
  std::string latest = str(json(r)["latestDateCovered"]);
  EXPECT_TRUE(latest == sfsync::format_sf_datetime(before) || latest == sfsync::format_sf_datetime(after)) << latest;
}

TEST_F(SobjectApiTest, ReplicationWindowErrors) {
  const int64_t now = sfsync::now_ms(), day = 86'400'000;
  expect_error(get("/sobjects/Contact/updated/?start=" + iso(now - day) + "&end=" + iso(now - 2 * day)), 400,
               "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate");
  // Equal after truncation to the minute.
  int64_t m = minute_floor(now - day);
  expect_error(get("/sobjects/Contact/updated/?start=" + iso(m + 1000) + "&end=" + iso(m + 50'000)), 400,
               "INVALID_REPLICATION_DATE", "");
  expect_error(get("/sobjects/Contact/updated/?start=" + iso(now - 31 * day) + "&end=" + iso(now)), 400,
               "INVALID_REPLICATION_DATE", "startDate cannot be more than 30 days ago");
  EXPECT_EQ(get("/sobjects/Contact/updated/?start=" + iso(now - 20 * day) + "&end=" + iso(now)).status, 200);
  expect_error(get("/sobjects/Contact/deleted/?start=" + iso(now - 20 * day) + "&end=" + iso(now)), 400,
               "INVALID_REPLICATION_DATE", "startDate cannot be more than 15 days ago");
  expect_error(get("/sobjects/Contact/updated/?start=yesterday&end=" + iso(now)), 400, "INVALID_REPLICATION_DATE", "");
  expect_error(get("/sobjects/Contact/updated/?end=" + iso(now)), 400, "INVALID_REPLICATION_DATE", "");
  expect_error(get("/sobjects/Nope/updated/?start=" + iso(now - day) + "&end=" + iso(now)), 404, "NOT_FOUND", "");
}

TEST_F(SobjectApiTest, GetDeletedListsRecycledRecordsWithTheirDeletedDate) {
  const int64_t t = minute_floor(sfsync::now_ms()) - 86'400'000;
  std::string gone = create("Contact", R"({"LastName":"Gone"})");
  std::string live = create("Contact", R"({"LastName":"Live"})");
  std::string purged = create("Contact", R"({"LastName":"Purged"})");
  ASSERT_EQ(send("DELETE", "/sobjects/Contact/" + gone, "").status, 204);
  ASSERT_TRUE(store().set_stamp(object("Contact"), gone, t + 5'000).ok());
  ASSERT_TRUE(store().set_stamp(object("Contact"), live, t + 5'000).ok());
  // Emptied out of the recycle bin: queryAll no longer has it, the delete log still does.
  ASSERT_EQ(send("DELETE", "/sobjects/Contact/" + purged, "").status, 204);
  ASSERT_TRUE(store().set_stamp(object("Contact"), purged, t + 7'000).ok());
  ASSERT_TRUE(store().purge(object("Contact"), purged).ok());

  // The start may be given with an offset; "+" encoded as %2B.
  auto r = get("/sobjects/Contact/deleted/?start=" + url_encode(sfsync::format_sf_datetime(t).substr(0, 19) + "+00:00") +
               "&end=" + iso(t + 60'000));
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json(r);
  simdjson::dom::array deleted = body["deletedRecords"];
  ASSERT_EQ(deleted.size(), 2u) << r.body;
  EXPECT_EQ(str(deleted.at(0)["id"]), gone);
  EXPECT_EQ(str(deleted.at(0)["deletedDate"]), sfsync::format_sf_datetime(t + 5'000));
  EXPECT_EQ(str(deleted.at(1)["id"]), purged);
  EXPECT_EQ(str(body["latestDateCovered"]), sfsync::format_sf_datetime(t + 60'000));
  std::string earliest = str(body["earliestDateAvailable"]);
  EXPECT_EQ(earliest.size(), 28u) << earliest;
  EXPECT_LE(earliest, sfsync::format_sf_datetime(t));
  EXPECT_EQ(counter("getDeleted"), 1);
}

}  // namespace
}  // namespace write_tests
