// Marketing Cloud over real HTTP: /v2/token, Data Extension rowsets, custom object metadata, admin rows.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>

#include "support/test_http.h"

namespace {

using emu::Defaults;
using testing_support::http;
using testing_support::HttpResponse;
using testing_support::InProcessEmulator;
using testing_support::url_encode;

const std::string kJson = "Content-Type: application/json";
constexpr const char* kFullScope = "data_extensions_read data_extensions_write offline";

emu::EmulatorOptions sfmc_options() {
  emu::EmulatorOptions options;
  options.seed = 42;
  emu::ClientApp full{Defaults::kSfmcClientId, Defaults::kSfmcClientSecret, {"http://localhost:1717/mc"}, "",
                      kFullScope, Defaults::kSfmcAccountId};
  emu::ClientApp no_read{Defaults::kSfmcNoScopeClientId, Defaults::kSfmcClientSecret, {}, "", "email_read email_send",
                         Defaults::kSfmcAccountId};
  options.sfmc_apps = {full, no_read};
  return options;
}

class SfmcTest : public testing::Test {
 protected:
  SfmcTest() : emu_(sfmc_options()) {}

  HttpResponse token_call(const std::string& json_body) {
    return http("POST", emu_.url() + "/v2/token", json_body, {kJson});
  }
  std::string token_for(const std::string& client_id, const std::string& scope = "") {
    std::string body = R"({"grant_type":"client_credentials","client_id":")" + client_id +
                       R"(","client_secret":")" + Defaults::kSfmcClientSecret + "\"";
    if (!scope.empty()) body += R"(,"scope":")" + scope + "\"";
    auto r = token_call(body + "}");
    EXPECT_EQ(r.status, 200) << r.body;
    simdjson::dom::element doc = parser_.parse(r.body);
    return std::string(doc["access_token"].get_string().value());
  }
  HttpResponse data_get(const std::string& path_and_query, const std::string& token = "") {
    const std::string bearer = token.empty() ? token_for(Defaults::kSfmcClientId) : token;
    return http("GET", emu_.url() + path_and_query, "", {"Authorization: Bearer " + bearer});
  }
  HttpResponse rowset(const std::string& key, const std::string& query = "") {
    return data_get("/data/v1/customobjectdata/key/" + key + "/rowset" + (query.empty() ? "" : "?" + query));
  }
  simdjson::dom::element parse(const HttpResponse& r) { return parser_.parse(r.body); }

  InProcessEmulator emu_;
  simdjson::dom::parser parser_;
};

TEST_F(SfmcTest, ClientCredentialsTokenHasTheRealShape) {
  auto r = token_call(R"({"grant_type":"client_credentials","client_id":")" + std::string(Defaults::kSfmcClientId) +
                      R"(","client_secret":")" + Defaults::kSfmcClientSecret + R"(","account_id":")" +
                      Defaults::kSfmcAccountId + "\"}");
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::element doc = parse(r);
  std::vector<std::string> keys;
  for (auto [key, value] : doc.get_object()) keys.emplace_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"access_token", "token_type", "expires_in", "scope", "soap_instance_url",
                                            "rest_instance_url"}));
  EXPECT_TRUE(doc["expires_in"].is_int64());
  EXPECT_GT(doc["expires_in"].get_int64().value(), 0);
  EXPECT_EQ(std::string(doc["scope"].get_string().value()), kFullScope);
  EXPECT_EQ(std::string(doc["rest_instance_url"].get_string().value()), emu_.url() + "/");
  EXPECT_EQ(std::string(doc["soap_instance_url"].get_string().value()), emu_.url() + "/");
}

TEST_F(SfmcTest, BadCredentialsGiveTheCaptured401) {
  auto r = token_call(R"({"grant_type":"client_credentials","client_id":"x","client_secret":"y"})");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body,
            "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed. Make sure that the "
            "client ID and client secret are valid and that the package is installed and enabled.\","
            "\"error_uri\":\"https://developer.salesforce.com/docs\"}");
  auto wrong_secret = token_call(R"({"grant_type":"client_credentials","client_id":")" +
                                 std::string(Defaults::kSfmcClientId) + R"(","client_secret":"nope"})");
  EXPECT_EQ(wrong_secret.status, 401);
  EXPECT_EQ(token_call(R"({"grant_type":"password"})").status, 400);
}

TEST_F(SfmcTest, TokenErrorsForAccountGrantBodyAndCode) {
  const std::string creds = R"("client_id":")" + std::string(Defaults::kSfmcClientId) + R"(","client_secret":")" +
                            Defaults::kSfmcClientSecret + "\"";
  auto other_account = token_call(R"({"grant_type":"client_credentials",)" + creds + R"(,"account_id":"999"})");
  EXPECT_EQ(other_account.status, 401);
  EXPECT_NE(other_account.body.find("\"unauthorized_client\""), std::string::npos);
  auto not_json = token_call("{grant_type");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_NE(not_json.body.find("\"invalid_request\""), std::string::npos);
  auto bad_grant = token_call(R"({"grant_type":"password",)" + creds + "}");
  EXPECT_EQ(bad_grant.status, 400);
  EXPECT_NE(bad_grant.body.find("\"unsupported_grant_type\""), std::string::npos);
  auto bad_code = token_call(R"({"grant_type":"authorization_code","code":"nope",)" + creds +
                             R"(,"redirect_uri":"http://localhost:1717/mc"})");
  EXPECT_EQ(bad_code.status, 400);
  EXPECT_NE(bad_code.body.find("\"invalid_grant\""), std::string::npos);
  auto auth = http("GET", emu_.url() + "/v2/authorize?response_type=code&client_id=" +
                              std::string(Defaults::kSfmcClientId) + "&redirect_uri=" +
                              url_encode("http://localhost:1717/mc"));
  const std::string location = auth.header("location");
  const std::string code = location.substr(location.find("code=") + 5);
  auto wrong_redirect = token_call(R"({"grant_type":"authorization_code","code":")" + code + "\"," + creds +
                                   R"(,"redirect_uri":"http://localhost:1717/other"})");
  EXPECT_EQ(wrong_redirect.status, 400);
  EXPECT_NE(wrong_redirect.body.find("\"invalid_grant\""), std::string::npos);
  EXPECT_EQ(http("GET", emu_.url() + "/v2/authorize?response_type=code&client_id=nope&redirect_uri=x").status, 400);
}

TEST_F(SfmcTest, RequestedScopesMustBeASubsetAndNarrowTheToken) {
  auto narrowed = token_call(R"({"grant_type":"client_credentials","client_id":")" +
                             std::string(Defaults::kSfmcClientId) + R"(","client_secret":")" +
                             Defaults::kSfmcClientSecret + R"(","scope":"data_extensions_read"})");
  ASSERT_EQ(narrowed.status, 200) << narrowed.body;
  EXPECT_EQ(std::string(parse(narrowed)["scope"].get_string().value()), "data_extensions_read");
  auto too_wide = token_call(R"({"grant_type":"client_credentials","client_id":")" +
                             std::string(Defaults::kSfmcClientId) + R"(","client_secret":")" +
                             Defaults::kSfmcClientSecret + R"(","scope":"data_extensions_read email_send"})");
  EXPECT_EQ(too_wide.status, 400);
  EXPECT_NE(too_wide.body.find("invalid_scope"), std::string::npos);
}

TEST_F(SfmcTest, AuthorizationCodeGivesRefreshTokenWhichIsSingleUse) {
  auto auth = http("GET", emu_.url() + "/v2/authorize?response_type=code&client_id=" +
                              std::string(Defaults::kSfmcClientId) + "&redirect_uri=" +
                              url_encode("http://localhost:1717/mc") + "&state=st");
  ASSERT_EQ(auth.status, 302) << auth.body;
  const std::string location = auth.header("location");
  size_t at = location.find("code=");
  ASSERT_NE(at, std::string::npos);
  std::string code = location.substr(at + 5, location.find('&', at) - at - 5);
  auto t = token_call(R"({"grant_type":"authorization_code","code":")" + code + R"(","client_id":")" +
                      Defaults::kSfmcClientId + R"(","client_secret":")" + Defaults::kSfmcClientSecret +
                      R"(","redirect_uri":"http://localhost:1717/mc"})");
  ASSERT_EQ(t.status, 200) << t.body;
  const std::string refresh(parse(t)["refresh_token"].get_string().value());
  const std::string refresh_call = R"({"grant_type":"refresh_token","refresh_token":")" + refresh +
                                   R"(","client_id":")" + Defaults::kSfmcClientId + R"(","client_secret":")" +
                                   Defaults::kSfmcClientSecret + "\"}";
  auto refreshed = token_call(refresh_call);
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  EXPECT_NE(std::string(parse(refreshed)["refresh_token"].get_string().value()), refresh);
  EXPECT_EQ(token_call(refresh_call).status, 400);
}

TEST_F(SfmcTest, RowsetPagesWithNextLinksAndTokenContinuation) {
  auto first = rowset("Subscribers_DE", "$page=1&$pageSize=400");
  ASSERT_EQ(first.status, 200) << first.body;
  simdjson::dom::element doc = parse(first);
  EXPECT_EQ(doc["count"].get_int64().value(), 1000);
  EXPECT_EQ(doc["pageSize"].get_int64().value(), 400);
  EXPECT_EQ(doc["page"].get_int64().value(), 1);
  EXPECT_EQ(doc["top"].get_int64().value(), 0);
  EXPECT_EQ(std::string(doc["customObjectKey"].get_string().value()), "Subscribers_DE");
  const std::string token(doc["requestToken"].get_string().value());
  const std::string expiry(doc["tokenExpireDateUtc"].get_string().value());
  EXPECT_EQ(expiry.find('Z'), std::string::npos);
  EXPECT_EQ(std::string(doc["links"]["self"].get_string().value()),
            "/v1/customobjectdata/token/" + token + "/rowset?$page=1");

  std::set<std::string> keys;
  std::string next(doc["links"]["next"].get_string().value());
  for (auto item : doc["items"].get_array()) keys.emplace(item["keys"]["subscriberkey"].get_string().value());
  int pages = 1;
  while (!next.empty()) {
    auto page = data_get("/data" + next);
    ASSERT_EQ(page.status, 200) << page.body;
    simdjson::dom::element p = parse(page);
    EXPECT_EQ(std::string(p["requestToken"].get_string().value()), token);
    for (auto item : p["items"].get_array()) keys.emplace(item["keys"]["subscriberkey"].get_string().value());
    std::string_view link;
    next = p["links"]["next"].get_string().get(link) ? "" : std::string(link);
    ++pages;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(keys.size(), 1000u);
}

TEST_F(SfmcTest, ItemsUseLowerCasedNamesAndStringValues) {
  auto r = rowset("Subscribers_DE", "$pageSize=50");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find("\"links\":{\"self\""), 1u);
  EXPECT_NE(r.body.find("\"next\""), std::string::npos);
  for (auto item : parse(r)["items"].get_array()) {
    simdjson::dom::object values = item["values"].get_object();
    for (auto [name, value] : values) {
      EXPECT_TRUE(value.is_string()) << name;
      for (char c : name) EXPECT_FALSE(std::isupper(static_cast<unsigned char>(c))) << name;
    }
    const std::string optin(item["values"]["optin"].get_string().value());
    EXPECT_TRUE(optin == "True" || optin == "False" || optin.empty()) << optin;
    const std::string modified(item["values"]["modifieddate"].get_string().value());
    EXPECT_TRUE(modified.find(" AM") != std::string::npos || modified.find(" PM") != std::string::npos) << modified;
    EXPECT_EQ(item["values"]["subscriberkey"].error(), simdjson::NO_SUCH_FIELD);  // primary key only under keys
  }
}

TEST_F(SfmcTest, EmptyResultHasNoItemsMember) {
  auto r = rowset("Subscribers_DE", "$filter=" + url_encode("SubscriberKey eq 'nobody'"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(parse(r)["count"].get_int64().value(), 0);
  EXPECT_EQ(r.body.find("items"), std::string::npos);
  EXPECT_EQ(r.body.find("\"next\""), std::string::npos);
}

TEST_F(SfmcTest, FilterOnModifiedDateSeesAdminUpdates) {
  const std::string after = "$filter=" + url_encode("ModifiedDate gt '2025-01-01T00:00:00'");
  auto before = rowset("Subscribers_DE", after);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(parse(before)["count"].get_int64().value(), 0);  // generated dates end in 2024

  auto upsert = http("POST", emu_.url() + "/__admin/sfmc/Subscribers_DE/rows",
                     R"({"items":[{"SubscriberKey":"SUB-1000005","FirstName":"Moved"},{"SubscriberKey":"NEW-1","Points":7}]})",
                     {kJson});
  ASSERT_EQ(upsert.status, 200) << upsert.body;
  EXPECT_EQ(upsert.body, "{\"upserted\":2}");
  auto changed = rowset("Subscribers_DE", after + "&$orderBy=" + url_encode("SubscriberKey asc"));
  ASSERT_EQ(changed.status, 200) << changed.body;
  simdjson::dom::element doc = parse(changed);
  EXPECT_EQ(doc["count"].get_int64().value(), 2);
  EXPECT_EQ(std::string(doc["items"].at(1)["values"]["firstname"].get_string().value()), "Moved");
  EXPECT_EQ(std::string(doc["items"].at(0)["values"]["points"].get_string().value()), "7");

  auto split = rowset("Subscribers_DE", "$filter=" + url_encode("ModifiedDate lte '2024-06-30' or ModifiedDate gt "
                                                                "'2024-06-30'"));
  EXPECT_EQ(parse(split)["count"].get_int64().value(), 1001);
  EXPECT_EQ(http("DELETE", emu_.url() + "/__admin/sfmc/Subscribers_DE/rows", R"({"items":[{"SubscriberKey":"NEW-1"}]})",
                 {kJson}).body,
            "{\"deleted\":1}");
  EXPECT_EQ(http("POST", emu_.url() + "/__admin/sfmc/Nope_DE/rows", R"({"items":[{"A":"1"}]})", {kJson}).status, 404);
}

TEST_F(SfmcTest, OrderByAndPageSizeCap) {
  auto r = rowset("Subscribers_DE", "$pageSize=5000&$orderBy=" + url_encode("Points desc"));
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::element doc = parse(r);
  EXPECT_EQ(doc["pageSize"].get_int64().value(), 2500);
  int64_t previous = INT64_MAX;
  size_t n = 0;
  for (auto item : doc["items"].get_array()) {
    int64_t points = std::stoll(std::string(item["values"]["points"].get_string().value()));
    EXPECT_LE(points, previous);
    previous = points;
    ++n;
  }
  EXPECT_EQ(n, 1000u);
}

TEST_F(SfmcTest, ErrorsForUnknownKeyBadFilterMissingScopeAndExpiredToken) {
  auto unknown = rowset("No_Such_DE");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("\"message\""), std::string::npos);
  EXPECT_EQ(rowset("Subscribers_DE", "$filter=" + url_encode("Nope eq 'x'")).status, 400);
  EXPECT_EQ(rowset("Subscribers_DE", "$page=0").status, 400);

  auto forbidden = data_get("/data/v1/customobjectdata/key/Subscribers_DE/rowset", token_for(Defaults::kSfmcNoScopeClientId));
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_NE(forbidden.body.find("Insufficient privileges to complete this action."), std::string::npos);

  const std::string token = token_for(Defaults::kSfmcClientId);
  EXPECT_EQ(data_get("/data/v1/customobjectdata/key/Subscribers_DE/rowset?$pageSize=1", token).status, 200);
  emu_.emulator().context().tokens->expire_all_access_tokens();
  auto expired = data_get("/data/v1/customobjectdata/key/Subscribers_DE/rowset?$pageSize=1", token);
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.body.find("\"message\":\"Not Authorized\""), std::string::npos) << expired.body;
  EXPECT_EQ(http("GET", emu_.url() + "/data/v1/customobjectdata/key/Subscribers_DE/rowset").status, 401);
}

TEST_F(SfmcTest, CustomObjectMetadataForDiscovery) {
  auto page = rowset("Preferences_DE", "$pageSize=1");
  ASSERT_EQ(page.status, 200) << page.body;
  const std::string id(parse(page)["customObjectId"].get_string().value());
  auto fields = data_get("/data/v1/customobjects/" + id + "/fields");
  ASSERT_EQ(fields.status, 200) << fields.body;
  simdjson::dom::element doc = parse(fields);
  EXPECT_EQ(std::string(doc["id"].get_string().value()), id);
  std::vector<std::string> names;
  for (auto f : doc["fields"].get_array()) names.emplace_back(f["name"].get_string().value());
  EXPECT_EQ(names.front(), "SubscriberKey");
  EXPECT_EQ(std::find(names.begin(), names.end(), "ModifiedDate"), names.end());  // no incremental column here
  EXPECT_TRUE(doc["fields"].at(0)["isPrimaryKey"].get_bool().value());

  auto list = data_get("/data/v1/customObjects?$search=" + url_encode("_de"));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(parse(list)["count"].get_int64().value(), 3);  // Subscribers_DE, Preferences_DE, Customer_Scores_DE
  EXPECT_EQ(data_get("/data/v1/customobjects").status, 400);  // $search is required
  EXPECT_EQ(data_get("/data/v1/customobjects/Subscribers_DE").status, 400);  // keys are not ids
  EXPECT_EQ(data_get("/data/v1/customobjects/" + id).status, 200);
  auto by_id = data_get("/data/v1/customobjectdata/" + id + "/rowset?$pageSize=1");
  ASSERT_EQ(by_id.status, 200) << by_id.body;
  EXPECT_EQ(std::string(parse(by_id)["customObjectKey"].get_string().value()), "Preferences_DE");
}

TEST_F(SfmcTest, AdminResetRestoresTheGeneratedRows) {
  ASSERT_EQ(http("POST", emu_.url() + "/__admin/sfmc/Preferences_DE/rows", R"({"items":[{"SubscriberKey":"X-1"}]})",
                 {kJson}).status,
            200);
  EXPECT_EQ(parse(rowset("Preferences_DE", "$pageSize=1"))["count"].get_int64().value(), 301);
  ASSERT_EQ(http("POST", emu_.url() + "/__admin/reset").status, 200);
  EXPECT_EQ(parse(rowset("Preferences_DE", "$pageSize=1"))["count"].get_int64().value(), 300);
}

// The async rows API: 202 with a request id, Pending on the first look, then Complete with one
// error item per refused row while the other rows land.
TEST_F(SfmcTest, AsyncRowsAreQueuedThenProcessedWithErrorItemsPerRefusedRow) {
  const std::string token = token_for(Defaults::kSfmcClientId);
  const std::string auth = "Authorization: Bearer " + token;
  const std::string rows = R"({"items":[)"
                           R"({"SubscriberKey":"S-1","EmailAddress":"a@example.com","Score":7,"Tier":"gold"},)"
                           R"({"SubscriberKey":"S-2","Tier":"this tier name is far too long"},)"
                           R"({"SubscriberKey":"S-3","Score":"lots","Tier":"x"},)"
                           R"({"SubscriberKey":"S-4","Score":1},)"
                           R"({"SubscriberKey":"S-5","EmailAddress":"not-an-email","Tier":"x"},)"
                           R"({"SubscriberKey":"S-6","Tier":"silver","ScoredAt":"2026-11-24T10:00:00"}]})";
  auto put = http("PUT", emu_.url() + "/data/v1/async/dataextensions/key:customer_scores_de/rows", rows, {kJson, auth});
  ASSERT_EQ(put.status, 202) << put.body;
  const std::string id(parse(put)["requestId"].get_string().value());
  EXPECT_EQ(parse(put)["resultMessages"].get_array().size(), 0u);

  auto first = data_get("/data/v1/async/" + id + "/status", token);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(std::string(parse(first)["status"]["requestStatus"].get_string().value()), "Pending");
  EXPECT_EQ(parse(rowset("Customer_Scores_DE"))["count"].get_int64().value(), 0);  // not processed yet

  auto done = data_get("/data/v1/async/" + id + "/status", token);
  simdjson::dom::element status = parse(done)["status"];
  EXPECT_EQ(std::string(status["requestStatus"].get_string().value()), "Complete");
  EXPECT_TRUE(status["hasErrors"].get_bool().value());
  EXPECT_EQ(std::string(status["requestId"].get_string().value()), id);

  auto results = data_get("/data/v1/async/" + id + "/results", token);
  ASSERT_EQ(results.status, 200) << results.body;
  simdjson::dom::element doc = parse(results);
  EXPECT_EQ(doc["count"].get_int64().value(), 4);  // too long, not a number, Tier missing, bad email
  std::string messages;
  for (auto item : doc["items"].get_array()) {
    EXPECT_EQ(std::string(item["status"].get_string().value()), "Error");
    messages += std::string(item["message"].get_string().value()) + "\n";
  }
  EXPECT_NE(messages.find("truncated"), std::string::npos) << messages;
  EXPECT_NE(messages.find("Tier is required"), std::string::npos) << messages;
  EXPECT_NE(messages.find("Invalid email address"), std::string::npos) << messages;
  EXPECT_EQ(parse(rowset("Customer_Scores_DE"))["count"].get_int64().value(), 2);  // S-1 and S-6

  // Upsert updates in place (Tier not needed for a row that exists); insert refuses a known key.
  auto update = http("PUT", emu_.url() + "/data/v1/async/dataextensions/key:Customer_Scores_DE/rows",
                     R"({"items":[{"SubscriberKey":"S-1","Score":9}]})", {kJson, auth});
  const std::string update_id(parse(update)["requestId"].get_string().value());
  data_get("/data/v1/async/" + update_id + "/status", token);
  EXPECT_FALSE(parse(data_get("/data/v1/async/" + update_id + "/status", token))["status"]["hasErrors"].get_bool().value());
  auto page = parse(rowset("Customer_Scores_DE", "$filter=" + url_encode("SubscriberKey eq 'S-1'")));
  EXPECT_EQ(std::string(page["items"].at(0)["values"]["score"].get_string().value()), "9");
  EXPECT_EQ(std::string(page["items"].at(0)["values"]["tier"].get_string().value()), "gold");
  auto insert = http("POST", emu_.url() + "/data/v1/async/dataextensions/key:Customer_Scores_DE/rows",
                     R"({"items":[{"SubscriberKey":"S-1","Tier":"x"}]})", {kJson, auth});
  const std::string insert_id(parse(insert)["requestId"].get_string().value());
  auto insert_results = parse(data_get("/data/v1/async/" + insert_id + "/results?$page=1", token));
  EXPECT_EQ(insert_results["count"].get_int64().value(), 0);  // first look: still pending
  insert_results = parse(data_get("/data/v1/async/" + insert_id + "/results", token));
  ASSERT_EQ(insert_results["count"].get_int64().value(), 1);
  EXPECT_NE(std::string(insert_results["items"].at(0)["message"].get_string().value()).find("PRIMARY KEY"),
            std::string::npos);
}

TEST_F(SfmcTest, AsyncRowsRequestErrors) {
  const std::string token = token_for(Defaults::kSfmcClientId);
  const std::string auth = "Authorization: Bearer " + token;
  const std::string path = "/data/v1/async/dataextensions/key:Customer_Scores_DE/rows";
  EXPECT_EQ(http("PUT", emu_.url() + "/data/v1/async/dataextensions/key:Nope_DE/rows",
                 R"({"items":[{"A":"1"}]})", {kJson, auth}).status, 404);
  EXPECT_EQ(http("PUT", emu_.url() + path, R"({"rows":[]})", {kJson, auth}).status, 400);
  EXPECT_EQ(http("PUT", emu_.url() + path, R"({"items":[]})", {kJson, auth}).status, 400);
  EXPECT_EQ(data_get("/data/v1/async/00000000-0000-0000-0000-000000000000/status", token).status, 404);
  const std::string read_only = token_for(Defaults::kSfmcClientId, "data_extensions_read");
  EXPECT_EQ(http("PUT", emu_.url() + path, R"({"items":[{"SubscriberKey":"S","Tier":"x"}]})",
                 {kJson, "Authorization: Bearer " + read_only}).status, 403);
}

TEST(SfmcConfigured, DataExtensionsFromTheEmulatorConfig) {
  const std::string path = testing::TempDir() + "sfmc_emulator_config_test.yaml";
  {
    std::ofstream out(path);
    out << "data_extensions:\n"
           "  - key: Orders_DE\n"
           "    rows: 30\n"
           "    fields:\n"
           "      - {name: OrderId, type: Text, length: 40, is_primary_key: true}\n"
           "      - {name: Total, type: Decimal, scale: 2}\n"
           "      - {name: ModifiedDate, type: Date}\n";
  }
  emu::EmulatorOptions options;
  options.config_path = path;
  InProcessEmulator emu(options);
  std::remove(path.c_str());
  auto token = http("POST", emu.url() + "/v2/token",
                    R"({"grant_type":"client_credentials","client_id":")" + std::string(Defaults::kSfmcClientId) +
                        R"(","client_secret":")" + Defaults::kSfmcClientSecret + "\"}",
                    {kJson});
  ASSERT_EQ(token.status, 200) << token.body;
  simdjson::dom::parser parser;
  const std::string access(parser.parse(token.body)["access_token"].get_string().value());
  auto page = http("GET", emu.url() + "/data/v1/customobjectdata/key/orders_de/rowset", "",
                   {"Authorization: Bearer " + access});
  ASSERT_EQ(page.status, 200) << page.body;
  simdjson::dom::element doc = parser.parse(page.body);
  EXPECT_EQ(doc["count"].get_int64().value(), 30);
  EXPECT_EQ(std::string(doc["customObjectKey"].get_string().value()), "Orders_DE");
  EXPECT_EQ(std::string(doc["items"].at(0)["keys"]["orderid"].get_string().value()), "Orders_DE-1");
  const std::string total(doc["items"].at(0)["values"]["total"].get_string().value());
  EXPECT_EQ(total[total.size() - 3], '.') << total;  // two decimals
}

}  // namespace
