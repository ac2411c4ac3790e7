// The REST query surface over real HTTP against an in-process emulator: paging, locators,
// queryAll, record shapes and errors.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <set>

#include "emulator/server/api_context.h"
#include "support/test_http.h"

using testing_support::HttpResponse;
using testing_support::InProcessEmulator;
using testing_support::url_encode;

namespace {

constexpr const char* kData = "/services/data/v63.0";

class QueryApi : public ::testing::Test {
 protected:
  emu::ApiContext& ctx() { return emu_.emulator().context(); }
  const emu::ObjectSchema& object(const char* name) { return *ctx().catalog.find(name); }

  std::string insert(const char* type, std::vector<std::pair<const char*, emu::FieldValue>> values) {
    const emu::ObjectSchema& o = object(type);
    std::vector<emu::FieldAssignment> assignments;
    for (auto& [name, value] : values) assignments.push_back({o.field(name), value});
    auto id = ctx().store->insert(o, assignments, 1704164645000);
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? id.value() : "";
  }

  void seed_contacts(int n) {
    for (int i = 0; i < n; ++i) {
      char name[16];
      std::snprintf(name, sizeof name, "C%04d", i);
      insert("Contact", {{"LastName", std::string(name)}});
    }
  }

  HttpResponse query(const std::string& soql, std::vector<std::string> headers = {}, const char* endpoint = "query") {
    return emu_.get(std::string(kData) + "/" + endpoint + "?q=" + url_encode(soql), std::move(headers));
  }

  simdjson::dom::element parse(const HttpResponse& r) {
    docs_.push_back(std::make_unique<simdjson::dom::parser>());
    return docs_.back()->parse(r.body);
  }

  InProcessEmulator emu_;
  std::vector<std::unique_ptr<simdjson::dom::parser>> docs_;
};

std::string text(simdjson::simdjson_result<simdjson::dom::element> e) { return std::string(std::string_view(e)); }
std::string error_code(simdjson::dom::element e) { return text(e.at(0)["errorCode"]); }

}  // namespace

TEST_F(QueryApi, PagesFollowNextRecordsUrlUntilTheLastPage) {
  seed_contacts(450);
  HttpResponse first = query("SELECT Id, LastName FROM Contact", {"Sforce-Query-Options: batchSize=200"});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.body.rfind("{\"totalSize\":450,\"done\":false,\"nextRecordsUrl\":\"/services/data/v63.0/query/01g", 0), 0u)
      << first.body.substr(0, 200);
  std::set<std::string> ids;
  std::string next;
  int pages = 0;
  HttpResponse page = first;
  while (true) {
    ASSERT_EQ(page.status, 200) << page.body;
    auto doc = parse(page);
    EXPECT_EQ(int64_t(doc["totalSize"]), 450);
    auto records = doc["records"].get_array();
    for (auto r : records.value()) ids.insert(text(r["Id"]));
    ++pages;
    bool done = bool(doc["done"]);
    auto url = doc["nextRecordsUrl"];
    if (done) {
      EXPECT_EQ(url.error(), simdjson::NO_SUCH_FIELD) << "the last page has no nextRecordsUrl";
      EXPECT_EQ(records.size(), 50u);
      break;
    }
    EXPECT_EQ(records.size(), 200u);
    next = text(url);
    EXPECT_EQ(next.substr(next.size() - 4), pages == 1 ? "-200" : "-400");
    page = emu_.get(next);
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(ids.size(), 450u);
  auto counters = ctx().counters.snapshot();
  EXPECT_EQ(counters["query"], 1);
  EXPECT_EQ(counters["queryMore"], 2);
}

TEST_F(QueryApi, DefaultPageIs2000AndBatchSizeIsClamped) {
  seed_contacts(2100);
  auto whole = parse(query("SELECT Id FROM Contact"));
  EXPECT_EQ(whole["records"].get_array().size(), 2000u);
  EXPECT_FALSE(bool(whole["done"]));
  auto small = parse(query("SELECT Id FROM Contact", {"Sforce-Query-Options: batchSize=10"}));
  EXPECT_EQ(small["records"].get_array().size(), 200u);
  // queryMore without the header keeps the query's page size.
  auto next = parse(emu_.get(text(small["nextRecordsUrl"])));
  EXPECT_EQ(next["records"].get_array().size(), 200u);
  std::string next_url = text(next["nextRecordsUrl"]);
  EXPECT_EQ(next_url.substr(next_url.size() - 4), "-400");
  auto large = parse(query("SELECT Id FROM Contact", {"Sforce-Query-Options: batchSize=5000"}));
  EXPECT_EQ(large["records"].get_array().size(), 2000u);
  auto limited = parse(query("SELECT Id FROM Contact LIMIT 10"));
  EXPECT_EQ(int64_t(limited["totalSize"]), 10);
  EXPECT_TRUE(bool(limited["done"]));
}

TEST_F(QueryApi, RetryingTheSameLocatorGivesTheSamePage) {
  seed_contacts(500);
  auto first = parse(query("SELECT Id FROM Contact ORDER BY LastName", {"Sforce-Query-Options: batchSize=200"}));
  std::string second_url = text(first["nextRecordsUrl"]);
  HttpResponse second = emu_.get(second_url);
  HttpResponse again = emu_.get(second_url);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(again.body, second.body);
  std::string third_url = text(parse(second)["nextRecordsUrl"]);
  HttpResponse third = emu_.get(third_url);
  EXPECT_TRUE(bool(parse(third)["done"]));
  EXPECT_EQ(emu_.get(second_url).body, second.body) << "going back inside the same snapshot";
  EXPECT_EQ(emu_.get(third_url).body, third.body);
}

TEST_F(QueryApi, PagesComeFromTheSnapshotOfTheFirstCall) {
  seed_contacts(300);
  auto first = parse(query("SELECT Id FROM Contact", {"Sforce-Query-Options: batchSize=200"}));
  std::string next = text(first["nextRecordsUrl"]);
  seed_contacts(50);  // written after the query started
  auto rest = parse(emu_.get(next));
  EXPECT_EQ(int64_t(rest["totalSize"]), 300);
  EXPECT_EQ(rest["records"].get_array().size(), 100u);
}

TEST_F(QueryApi, UnknownOrInjectedInvalidLocator) {
  HttpResponse unknown = emu_.get(std::string(kData) + "/query/01g5g0000000009AAA-200");
  EXPECT_EQ(unknown.status, 400);
  auto e = parse(unknown);
  EXPECT_EQ(error_code(e), "INVALID_QUERY_LOCATOR");
  EXPECT_EQ(std::string_view(e.at(0)["message"]), "invalid query locator");

  seed_contacts(450);
  auto first = parse(query("SELECT Id FROM Contact", {"Sforce-Query-Options: batchSize=200"}));
  std::string next = text(first["nextRecordsUrl"]);
  emu::FaultOptions faults;
  faults.invalid_locator_after_pages = 1;
  ctx().faults->set_options(faults);
  HttpResponse injected = emu_.get(next);
  EXPECT_EQ(injected.status, 400);
  EXPECT_EQ(error_code(parse(injected)), "INVALID_QUERY_LOCATOR");
}

TEST_F(QueryApi, ResetDropsCursors) {
  seed_contacts(250);
  auto first = parse(query("SELECT Id FROM Contact", {"Sforce-Query-Options: batchSize=200"}));
  std::string next = text(first["nextRecordsUrl"]);
  for (auto& hook : ctx().reset_hooks) hook();
  HttpResponse after = emu_.get(next);
  EXPECT_EQ(after.status, 400);
  EXPECT_EQ(error_code(parse(after)), "INVALID_QUERY_LOCATOR");
}

TEST_F(QueryApi, QueryAllShowsDeletedRowsAndQueryDoesNot) {
  std::string keep = insert("Contact", {{"LastName", std::string("Keep")}});
  std::string gone = insert("Contact", {{"LastName", std::string("Gone")}});
  ASSERT_TRUE(ctx().store->remove(object("Contact"), gone, 1704164646000).ok());
  auto live = parse(query("SELECT Id, IsDeleted FROM Contact"));
  EXPECT_EQ(int64_t(live["totalSize"]), 1);
  auto all = parse(query("SELECT Id, IsDeleted FROM Contact ORDER BY LastName", {}, "queryAll"));
  EXPECT_EQ(int64_t(all["totalSize"]), 2);
  EXPECT_EQ(std::string_view(all["records"].at(0)["Id"]), gone);
  EXPECT_TRUE(bool(all["records"].at(0)["IsDeleted"]));
  EXPECT_FALSE(bool(all["records"].at(1)["IsDeleted"]));
  EXPECT_EQ(ctx().counters.snapshot()["queryAll"], 1);
}

TEST_F(QueryApi, RecordsNestParentsAndCompoundAddresses) {
  std::string account = insert("Account", {{"Name", std::string("Acme")}});
  std::string with = insert("Contact", {{"LastName", std::string("A")}, {"AccountId", account},
                                        {"MailingCity", std::string("Paris")}});
  std::string without = insert("Contact", {{"LastName", std::string("B")}});
  HttpResponse r = query("SELECT Id, Account.Name, MailingAddress FROM Contact ORDER BY LastName");
  ASSERT_EQ(r.status, 200) << r.body;
  std::string a = "{\"attributes\":{\"type\":\"Contact\",\"url\":\"/services/data/v63.0/sobjects/Contact/" + with +
                  "\"},\"Id\":\"" + with + "\",\"Account\":{\"attributes\":{\"type\":\"Account\",\"url\":\"/services/"
                  "data/v63.0/sobjects/Account/" + account + "\"},\"Name\":\"Acme\"},\"MailingAddress\":{\"city\":"
                  "\"Paris\",\"country\":null,\"geocodeAccuracy\":null,\"latitude\":null,\"longitude\":null,"
                  "\"postalCode\":null,\"state\":null,\"street\":null}}";
  std::string b = "{\"attributes\":{\"type\":\"Contact\",\"url\":\"/services/data/v63.0/sobjects/Contact/" + without +
                  "\"},\"Id\":\"" + without + "\",\"Account\":null,\"MailingAddress\":null}";
  EXPECT_EQ(r.body, "{\"totalSize\":2,\"done\":true,\"records\":[" + a + "," + b + "]}");
}

TEST_F(QueryApi, ChildSubqueriesNestPerParentOrNull) {
  std::string acme = insert("Account", {{"Name", std::string("Acme")}});
  std::string empty = insert("Account", {{"Name", std::string("Empty")}});
  std::string b = insert("Contact", {{"LastName", std::string("B")}, {"AccountId", acme}});
  std::string a = insert("Contact", {{"LastName", std::string("A")}, {"AccountId", acme}});
  insert("Contact", {{"LastName", std::string("C")}, {"AccountId", acme}, {"Email", std::string("c@x.com")}});
  HttpResponse r = query("SELECT Name, (SELECT LastName FROM Contacts WHERE Email = null ORDER BY LastName) "
                         "FROM Account ORDER BY Name");
  ASSERT_EQ(r.status, 200) << r.body;
  auto contact = [](const std::string& id, const char* name) {
    return "{\"attributes\":{\"type\":\"Contact\",\"url\":\"/services/data/v63.0/sobjects/Contact/" + id +
           "\"},\"LastName\":\"" + name + "\"}";
  };
  auto account = [](const std::string& id, const char* name) {
    return "{\"attributes\":{\"type\":\"Account\",\"url\":\"/services/data/v63.0/sobjects/Account/" + id +
           "\"},\"Name\":\"" + name + "\",\"Contacts\":";
  };
  EXPECT_EQ(r.body, "{\"totalSize\":2,\"done\":true,\"records\":[" + account(acme, "Acme") +
                        "{\"totalSize\":2,\"done\":true,\"records\":[" + contact(a, "A") + "," + contact(b, "B") +
                        "]}}," + account(empty, "Empty") + "null}]}");
  HttpResponse bad = query("SELECT Name, (SELECT Id FROM Contactz) FROM Account");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_code(parse(bad)), "INVALID_TYPE");
}

TEST_F(QueryApi, OrderByNullsLimitOffsetAndCount) {
  insert("Contact", {{"LastName", std::string("A")}, {"Email", std::string("a@x.com")}});
  insert("Contact", {{"LastName", std::string("B")}});
  insert("Contact", {{"LastName", std::string("C")}, {"Email", std::string("c@x.com")}});
  auto names = [&](const std::string& soql) {
    std::string out;
    simdjson::dom::array records = parse(query(soql))["records"].get_array().value();
    for (simdjson::dom::element r : records) out += text(r["LastName"]);
    return out;
  };
  EXPECT_EQ(names("SELECT LastName FROM Contact ORDER BY Email"), "BAC");
  EXPECT_EQ(names("SELECT LastName FROM Contact ORDER BY Email DESC"), "CAB");
  EXPECT_EQ(names("SELECT LastName FROM Contact ORDER BY Email NULLS LAST"), "ACB");
  EXPECT_EQ(names("SELECT LastName FROM Contact ORDER BY LastName LIMIT 2 OFFSET 1"), "BC");
  EXPECT_EQ(query("SELECT COUNT() FROM Contact WHERE Email != null").body, "{\"totalSize\":2,\"done\":true,\"records\":[]}");
}

TEST_F(QueryApi, ErrorsLookLikeSalesforce) {
  HttpResponse field = query("SELECT Id,Invalid__x FROM Contact LIMIT 1");
  EXPECT_EQ(field.status, 400);
  auto f = parse(field);
  EXPECT_EQ(error_code(f), "INVALID_FIELD");
  EXPECT_EQ(std::string_view(f.at(0)["message"]),
            "\nSELECT Id,Invalid__x FROM Contact LIMIT 1\n          ^\nERROR at Row:1:Column:11\nNo such column "
            "'Invalid__x' on entity 'Contact'. If you are attempting to use a custom field, be sure to append the "
            "'__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate "
            "names.");
  EXPECT_EQ(error_code(parse(query("SELECT Id FROM Accountz LIMIT 2"))), "INVALID_TYPE");
  EXPECT_EQ(error_code(parse(query("SELECT Id FROM Contact WHERE"))), "MALFORMED_QUERY");
  HttpResponse empty = emu_.get(std::string(kData) + "/query?q=");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(error_code(parse(empty)), "MALFORMED_QUERY");
}
