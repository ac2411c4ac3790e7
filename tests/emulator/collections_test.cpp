// sObject Collections over real HTTP: per-item results, allOrNone both ways, limits, upsert.
#include "write_test_support.h"

namespace write_tests {
namespace {

std::string contact(const std::string& fields) {
  return R"({"attributes":{"type":"Contact"},)" + fields + "}";
}

std::string records_body(const std::vector<std::string>& records, bool all_or_none) {
  std::string body = std::string(R"({"allOrNone":)") + (all_or_none ? "true" : "false") + R"(,"records":[)";
  for (size_t i = 0; i < records.size(); ++i) body += (i ? "," : "") + records[i];
  return body + "]}";
}

// Recorded responses (reference fixtures sf-collections-allornone-rolled-back.json and
// sf-collections-delete-no-ids-400.json), kept here so the test needs nothing outside the repo.
constexpr const char* kAllOrNoneRolledBack = R"([
  {"id": "001xx0000004GxDAAU", "success": false,
   "errors": [{"statusCode": "ALL_OR_NONE_OPERATION_ROLLED_BACK",
               "message": "Record rolled back because not all records were valid and the request was using AllOrNone header",
               "fields": []}]},
  {"success": false,
   "errors": [{"statusCode": "MALFORMED_ID",
               "message": "Contact ID: id value of incorrect type: 001xx0000004GxEAAU",
               "fields": ["Id"]}]}
])";
constexpr const char* kDeleteNoIds = R"([{"message": "At least 1 Id is required.", "errorCode": "REQUIRED_FIELD_MISSING"}])";

std::string minified(const std::string& json) {
  simdjson::dom::parser parser;
  return simdjson::minify(parser.parse(json).value());
}

class CollectionsTest : public WriteApiTest {
 protected:
  simdjson::dom::array items(const testing_support::HttpResponse& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    simdjson::dom::array a;
    EXPECT_EQ(json(r).get(a), simdjson::SUCCESS) << r.body;
    return a;
  }
  std::string status_code(simdjson::dom::element item) { return str(item["errors"].at(0)["statusCode"]); }
  int64_t contacts() { return store().count(object("Contact")); }
};

TEST_F(CollectionsTest, InsertMixedTypes) {
  auto r = send("POST", "/composite/sobjects",
                records_body({R"({"attributes":{"type":"Account"},"Name":"Acme"})", contact(R"("LastName":"Ng")")},
                             false));
  auto results = items(r);
  ASSERT_EQ(results.size(), 2u);
  std::string account = str(results.at(0)["id"]), person = str(results.at(1)["id"]);
  EXPECT_EQ(account.substr(0, 3), "001");
  EXPECT_EQ(person.substr(0, 3), "003");
  for (auto item : results) {
    EXPECT_TRUE(bool(item["success"]));
    EXPECT_EQ(simdjson::dom::array(item["errors"]).size(), 0u);
    EXPECT_TRUE(item["created"].error()) << "created is for upsert only";
  }
  EXPECT_EQ(std::get<std::string>(stored("Account", account, "Name")), "Acme");
  EXPECT_EQ(std::get<std::string>(stored("Contact", person, "LastName")), "Ng");
  EXPECT_EQ(counter("collections_insert"), 1);
}

TEST_F(CollectionsTest, PartialFailureWithoutAllOrNone) {
  int64_t before = contacts();
  auto r = send("POST", "/composite/sobjects",
                records_body({contact(R"("LastName":"Ok")"), contact(R"("FirstName":"NoLast")")}, false));
  auto results = items(r);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(bool(results.at(0)["success"]));
  EXPECT_FALSE(bool(results.at(1)["success"]));
  EXPECT_TRUE(results.at(1)["id"].error()) << "failed items carry no id";
  EXPECT_EQ(status_code(results.at(1)), "REQUIRED_FIELD_MISSING");
  EXPECT_EQ(str(results.at(1)["errors"].at(0)["message"]), "Required fields are missing: [LastName]");
  EXPECT_EQ(str(results.at(1)["errors"].at(0)["fields"].at(0)), "LastName");
  EXPECT_EQ(contacts(), before + 1);
}

TEST_F(CollectionsTest, AllOrNoneRollsBackEverything) {
  int64_t before = contacts();
  auto r = send("POST", "/composite/sobjects",
                records_body({contact(R"("LastName":"Ok")"), contact(R"("LastName":"Bad","Email":"foo")")}, true));
  auto results = items(r);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_FALSE(bool(results.at(0)["success"]));
  EXPECT_EQ(status_code(results.at(0)), "ALL_OR_NONE_OPERATION_ROLLED_BACK");
  EXPECT_EQ(str(results.at(0)["errors"].at(0)["message"]),
            "Record rolled back because not all records were valid and the request was using AllOrNone header");
  EXPECT_EQ(simdjson::dom::array(results.at(0)["errors"].at(0)["fields"]).size(), 0u);
  EXPECT_EQ(status_code(results.at(1)), "INVALID_EMAIL_ADDRESS");
  EXPECT_EQ(contacts(), before);

  // The same records without a failure all land.
  auto ok = items(send("POST", "/composite/sobjects",
                       records_body({contact(R"("LastName":"A")"), contact(R"("LastName":"B")")}, true)));
  EXPECT_TRUE(bool(ok.at(0)["success"]));
  EXPECT_TRUE(bool(ok.at(1)["success"]));
  EXPECT_EQ(contacts(), before + 2);
}

// The fixture's exact shape: an update with allOrNone where the second id is of another object.
TEST_F(CollectionsTest, AllOrNoneUpdateMatchesTheRealResponse) {
  std::string good = create("Contact", R"({"LastName":"Ng"})");
  std::string account = create("Account", R"({"Name":"Acme"})");
  auto r = send("PATCH", "/composite/sobjects",
                records_body({contact(R"("id":")" + good + R"(","Title":"CTO")"),
                              contact(R"("id":")" + account + R"(","Title":"CEO")")},
                             true));
  ASSERT_EQ(r.status, 200) << r.body;
  std::string expected = kAllOrNoneRolledBack;
  auto replace = [&](const std::string& from, const std::string& to) {
    for (size_t p = expected.find(from); p != std::string::npos; p = expected.find(from, p + to.size()))
      expected.replace(p, from.size(), to);
  };
  replace("001xx0000004GxDAAU", good);
  replace("001xx0000004GxEAAU", account);
  EXPECT_EQ(r.body, minified(expected));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(stored("Contact", good, "Title")));
  EXPECT_EQ(counter("collections_update"), 1);
}

TEST_F(CollectionsTest, UpdateByIdAndMissingId) {
  std::string id = create("Contact", R"({"LastName":"Ng"})");
  auto results = items(send("PATCH", "/composite/sobjects",
                            records_body({contact(R"("id":")" + id + R"(","Title":"CTO")"),
                                          contact(R"("Title":"x")")},
                                         false)));
  EXPECT_TRUE(bool(results.at(0)["success"]));
  EXPECT_EQ(str(results.at(0)["id"]), id);
  EXPECT_EQ(status_code(results.at(1)), "MISSING_ARGUMENT");
  EXPECT_EQ(std::get<std::string>(stored("Contact", id, "Title")), "CTO");
}

TEST_F(CollectionsTest, UpsertReportsCreated) {
  auto first = items(send("PATCH", "/composite/sobjects/Contact/External_Id__c",
                          records_body({contact(R"("External_Id__c":"E1","LastName":"One")"),
                                        contact(R"("External_Id__c":"E2","LastName":"Two")")},
                                       false)));
  EXPECT_TRUE(bool(first.at(0)["created"]));
  EXPECT_TRUE(bool(first.at(1)["created"]));
  std::string e1 = str(first.at(0)["id"]);
  auto second = items(send("PATCH", "/composite/sobjects/Contact/External_Id__c",
                           records_body({contact(R"("External_Id__c":"E1","Title":"CTO")"),
                                         contact(R"("External_Id__c":"E3","LastName":"Three")")},
                                        false)));
  EXPECT_EQ(str(second.at(0)["id"]), e1);
  EXPECT_FALSE(bool(second.at(0)["created"]));
  EXPECT_TRUE(bool(second.at(1)["created"]));
  EXPECT_EQ(std::get<std::string>(stored("Contact", e1, "Title")), "CTO");
  EXPECT_EQ(counter("collections_upsert"), 2);

  // Several matches, no external id value, unknown external id field.
  create("Contact", R"({"LastName":"D1","External_Id__c":"dup"})");
  create("Contact", R"({"LastName":"D2","External_Id__c":"dup"})");
  auto bad = items(send("PATCH", "/composite/sobjects/Contact/External_Id__c",
                        records_body({contact(R"("External_Id__c":"dup","Title":"x")"), contact(R"("LastName":"N")")},
                                     false)));
  EXPECT_EQ(status_code(bad.at(0)), "DUPLICATE_EXTERNAL_ID");
  EXPECT_EQ(status_code(bad.at(1)), "MISSING_ARGUMENT");
  auto unknown = send("PATCH", "/composite/sobjects/Contact/Namez", records_body({contact(R"("LastName":"N")")}, false));
  EXPECT_EQ(unknown.status, 404) << unknown.body;
}

TEST_F(CollectionsTest, DeleteByIds) {
  std::string a = create("Contact", R"({"LastName":"A"})");
  std::string b = create("Account", R"({"Name":"B"})");
  auto results = items(send("DELETE", "/composite/sobjects?ids=" + a + "," + b + "&allOrNone=false", ""));
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(str(results.at(0)["id"]), a);
  EXPECT_TRUE(bool(results.at(1)["success"]));
  EXPECT_FALSE(store().get(object("Contact"), a));
  EXPECT_FALSE(store().get(object("Account"), b));
  auto again = items(send("DELETE", "/composite/sobjects?ids=" + a, ""));
  EXPECT_EQ(status_code(again.at(0)), "ENTITY_IS_DELETED");
  EXPECT_EQ(counter("collections_delete"), 2);
}

TEST_F(CollectionsTest, DeleteWithoutIdsIsTheRealError) {
  auto r = send("DELETE", "/composite/sobjects", "");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, minified(kDeleteNoIds));
}

TEST_F(CollectionsTest, AtMost200Records) {
  std::vector<std::string> records(201, contact(R"("LastName":"Bulk")"));
  auto over = send("POST", "/composite/sobjects", records_body(records, false));
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(str(json(over).at(0)["errorCode"]), "EXCEEDED_ID_LIMIT");
  int64_t before = contacts();
  records.pop_back();
  auto ok = items(send("POST", "/composite/sobjects", records_body(records, false)));
  EXPECT_EQ(ok.size(), 200u);
  EXPECT_EQ(contacts(), before + 200);
  std::string ids;
  for (int i = 0; i < 201; ++i) ids += (i ? ",003000000000000AAA" : "003000000000000AAA");
  EXPECT_EQ(send("DELETE", "/composite/sobjects?ids=" + ids, "").status, 400);
}

TEST_F(CollectionsTest, RequestLevelErrorsFailTheWholeRequest) {
  int64_t before = contacts();
  auto unknown = send("POST", "/composite/sobjects",
                      records_body({contact(R"("LastName":"Ok")"), contact(R"("LastName":"X","Foo":1)")}, false));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(str(json(unknown).at(0)["errorCode"]), "INVALID_FIELD");
  auto untyped = send("POST", "/composite/sobjects", records_body({R"({"LastName":"X"})"}, false));
  EXPECT_EQ(untyped.status, 400);
  EXPECT_EQ(contacts(), before);
}

TEST_F(CollectionsTest, RetrieveByIds) {
  std::string a = create("Contact", R"({"LastName":"A","Email":"a@example.com"})");
  auto r = get("/composite/sobjects/Contact?ids=" + a + ",003000000000000AAA&fields=LastName,Email");
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::array recs = json(r);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(str(recs.at(0)["LastName"]), "A");
  EXPECT_EQ(str(recs.at(0)["Id"]), a);
  EXPECT_TRUE(recs.at(1).is_null());
  auto post = send("POST", "/composite/sobjects/Contact", R"({"ids":[")" + a + R"("],"fields":["Email"]})");
  ASSERT_EQ(post.status, 200) << post.body;
  EXPECT_EQ(str(json(post).at(0)["Email"]), "a@example.com");
  EXPECT_EQ(counter("collections_retrieve"), 2);
}

}  // namespace
}  // namespace write_tests
