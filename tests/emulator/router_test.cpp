// The guard every data call passes: version, session, limits, faults, Sforce-Limit-Info.
#include <gtest/gtest.h>

#include "support/test_http.h"

using namespace testing_support;

namespace {

emu::EmulatorOptions small_limit_options() {
  emu::EmulatorOptions o;
  o.daily_api_limit = 5;
  return o;
}

std::string first_error_code(const HttpResponse& r) {
  auto pos = r.body.find("\"errorCode\":\"");
  if (pos == std::string::npos) return "";
  pos += 13;
  return r.body.substr(pos, r.body.find('"', pos) - pos);
}

}  // namespace

TEST(RouterGuard, MissingTokenIsInvalidSession) {
  InProcessEmulator e;
  auto r = http("GET", e.url() + "/services/data/v63.0/limits");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body, R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
  EXPECT_FALSE(r.header("sforce-limit-info").empty());
}

TEST(RouterGuard, ValidTokenPassesAndReportsUsage) {
  InProcessEmulator e;
  auto r = e.get("/services/data/v63.0/limits");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("sforce-limit-info"), "api-usage=1/1000000");
  r = http("GET", e.url() + "/services/data/v57.0/limits", "", {"Authorization: OAuth " + e.login()});
  EXPECT_EQ(r.status, 200);
}

TEST(RouterGuard, UnsupportedVersionIsNotFound) {
  InProcessEmulator e;
  auto r = e.get("/services/data/v42.0/limits");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(first_error_code(r), "NOT_FOUND");
}

TEST(RouterGuard, UnknownPathUnderDataApiIsSalesforceNotFound) {
  InProcessEmulator e;
  auto r = e.get("/services/data/v63.0/no/such/resource");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(first_error_code(r), "NOT_FOUND");
}

TEST(RouterGuard, UriLongerThan16KBIsUriTooLong) {
  InProcessEmulator e;
  std::string select = "SELECT+Id";
  while (select.size() < 16384) select += ",LastName";
  auto r = e.get("/services/data/v63.0/query?q=" + select + "+FROM+Contact");
  EXPECT_EQ(r.status, 414);
  auto fits = e.get("/services/data/v63.0/query?q=SELECT+Id,LastName+FROM+Contact+LIMIT+1");
  EXPECT_EQ(fits.status, 200) << fits.body;
}

TEST(RouterGuard, DailyLimitGivesRequestLimitExceeded) {
  InProcessEmulator e(small_limit_options());
  for (int i = 0; i < 5; ++i) ASSERT_EQ(e.get("/services/data/v63.0/limits").status, 200);
  auto r = e.get("/services/data/v63.0/limits");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body, R"([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])");
}

TEST(RouterGuard, InjectedFailuresAreOneShot) {
  InProcessEmulator e;
  ASSERT_EQ(http("POST", e.url() + "/__admin/faults", R"({"fail_next":2,"fail_next_status":503})").status, 200);
  auto r = e.get("/services/data/v63.0/limits");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(first_error_code(r), "SERVER_UNAVAILABLE");
  EXPECT_EQ(e.get("/services/data/v63.0/limits").status, 503);
  EXPECT_EQ(e.get("/services/data/v63.0/limits").status, 200);
}

TEST(RouterGuard, InjectedErrorStatus500IsUnknownException) {
  InProcessEmulator e;
  http("POST", e.url() + "/__admin/faults", R"({"fail_next":1,"fail_next_status":500})");
  auto r = e.get("/services/data/v63.0/limits");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(first_error_code(r), "UNKNOWN_EXCEPTION");
}

TEST(RouterGuard, DroppedConnectionCutsTheBody) {
  InProcessEmulator e;
  http("POST", e.url() + "/__admin/faults", R"({"drop_next":1})");
  auto r = e.get("/services/data/v63.0/limits");
  EXPECT_NE(r.curl_code, 0);  // transfer closed with outstanding read data remaining
  EXPECT_EQ(e.get("/services/data/v63.0/limits").curl_code, 0);
}

TEST(RouterGuard, ExpiredTokensGiveInvalidSession) {
  InProcessEmulator e;
  ASSERT_EQ(e.get("/services/data/v63.0/limits").status, 200);
  http("POST", e.url() + "/__admin/tokens/expire");
  EXPECT_EQ(e.get("/services/data/v63.0/limits").status, 401);
}

TEST(RouterGuard, TokenExpiryAfterNCallsFault) {
  InProcessEmulator e;
  http("POST", e.url() + "/__admin/faults", R"({"expire_tokens_after_calls":3})");
  EXPECT_EQ(e.get("/services/data/v63.0/limits").status, 200);
  EXPECT_EQ(e.get("/services/data/v63.0/limits").status, 200);
  EXPECT_EQ(e.get("/services/data/v63.0/limits").status, 401);
}

TEST(RouterGuard, CountersCountEndpoints) {
  InProcessEmulator e;
  e.get("/services/data/v63.0/limits");
  e.get("/services/data/v63.0/limits");
  auto r = http("GET", e.url() + "/__admin/counters");
  EXPECT_NE(r.body.find("\"limits\":2"), std::string::npos) << r.body;
  http("POST", e.url() + "/__admin/reset");
  r = http("GET", e.url() + "/__admin/counters");
  EXPECT_EQ(r.body.find("\"limits\""), std::string::npos) << r.body;
}

TEST(RouterGuard, EmulatorProcessPrintsUrlFirst) {
  EmulatorProcess p(SFSYNC_EMULATOR_BIN, {"--port", "0", "--seed", "1"});
  EXPECT_EQ(p.url().rfind("http://127.0.0.1:", 0), 0u);
  auto r = http("GET", p.url() + "/__admin/health");
  EXPECT_EQ(r.status, 200);
}

TEST(AdminApi, InsertUpdateDeleteMoveStamp) {
  InProcessEmulator e;
  auto created = http("POST", e.url() + "/__admin/records/Contact", R"({"LastName":"Hopper","Email":"g@x.io"})");
  ASSERT_EQ(created.status, 200) << created.body;
  std::string id = created.body.substr(7, 18);
  auto& store = *e.emulator().context().store;
  const auto* contact = e.emulator().context().catalog.find("Contact");
  auto before = store.get(*contact, id);
  ASSERT_TRUE(before.has_value());
  auto stamped = http("POST", e.url() + "/__admin/stamp",
                      R"({"object":"Contact","ids":[")" + id + R"("],"stamp":"2024-01-02T03:04:05.000Z"})");
  ASSERT_EQ(stamped.status, 200) << stamped.body;
  EXPECT_EQ(std::get<int64_t>(*store.get(*contact, id)->get("SystemModstamp")), 1704164645000);
  auto updated = http("PATCH", e.url() + "/__admin/records/Contact/" + id, R"({"FirstName":"Grace"})");
  ASSERT_EQ(updated.status, 200);
  EXPECT_GT(std::get<int64_t>(*store.get(*contact, id)->get("SystemModstamp")), 1704164645000);
  auto removed = http("DELETE", e.url() + "/__admin/records/Contact/" + id);
  ASSERT_EQ(removed.status, 200);
  EXPECT_FALSE(store.get(*contact, id).has_value());
  auto bad = http("POST", e.url() + "/__admin/records/Contact", R"({"Nope__c":1})");
  EXPECT_EQ(bad.status, 400);
}
