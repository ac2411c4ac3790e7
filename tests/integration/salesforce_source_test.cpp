// The engine's Salesforce client and object source against the emulator over real HTTP:
// paging, session renewal mid-pagination, retries, API limit, lost locators, equal timestamps.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "common/time_util.h"
#include "salesforce/describe.h"
#include "salesforce/query_pager.h"
#include "salesforce/salesforce_client.h"
#include "sources/salesforce/deletion_reconciler.h"
#include "sources/salesforce/object_source.h"
#include "support/test_http.h"

using namespace sfsync;
using testing_support::http;
using testing_support::InProcessEmulator;

namespace {

emu::EmulatorOptions org_with_contacts(int64_t n) {
  emu::EmulatorOptions o;
  o.seed = 7;
  o.counts["Contact"] = n;
  o.counts["Account"] = 50;
  return o;
}

SalesforceClient client_for(const InProcessEmulator& e) {
  SalesforceAuthConfig auth;
  auth.grant = SalesforceGrant::Password;
  auth.login_url = e.url();
  auth.client_id = emu::Defaults::kClientId;
  auth.client_secret = emu::Defaults::kClientSecret;
  auth.username = emu::Defaults::kUsername;
  auth.password = emu::Defaults::kPassword;
  RetryPolicy fast;
  fast.base_delay_ms = 1;
  fast.max_delay_ms = 5;
  return SalesforceClient(auth, "63.0", fast);
}

void set_faults(const InProcessEmulator& e, const std::string& json) {
  ASSERT_EQ(http("POST", e.url() + "/__admin/faults", json).status, 200);
}

ObjectQuery contact_query(bool incremental, Cursor after = {}) {
  ObjectQuery q;
  q.object = "Contact";
  q.fields = {"Id", "Email", "LastName", "SystemModstamp", "IsDeleted"};
  q.cursor_field = "SystemModstamp";
  q.incremental = incremental;
  q.after = after;
  return q;
}

// Reads every page of a source, or its first `max_pages` (a run stopped there); returns the ids in
// order (fails the test on error).
std::vector<std::string> drain(SalesforceObjectSource& source, Cursor* last = nullptr, int max_pages = -1) {
  std::vector<std::string> ids;
  for (int pages = 0; !source.finished() && pages != max_pages; ++pages) {
    auto page = source.next();
    EXPECT_TRUE(page.ok()) << page.error().code << ": " << page.error().message;
    if (!page.ok()) break;
    for (const auto& r : page->records) ids.push_back(r.id);
    if (last) *last = *Cursor::parse(page->checkpoint.state);
  }
  return ids;
}

SalesforceObjectSource source_for(SalesforceClient& client, ObjectQuery q, int batch = 200) {
  return SalesforceObjectSource(client, std::move(q), RecordParser({}, "SystemModstamp"), batch);
}

// The Ids of every Contact, in the order a first read returns them.
std::vector<std::string> all_contact_ids(SalesforceClient& client) {
  auto all = source_for(client, contact_query(true));
  return drain(all);
}

// Gives ids[from, to) one SystemModstamp, as a mass update would.
void stamp_records(const InProcessEmulator& e, const std::string& when, const std::vector<std::string>& ids,
                   size_t from, size_t to) {
  std::string body = R"({"object":"Contact","stamp":")" + when + R"(","ids":[)";
  for (size_t i = from; i < to; ++i) body += (i > from ? ",\"" : "\"") + ids[i] + "\"";
  ASSERT_EQ(http("POST", e.url() + "/__admin/stamp", body + "]}", {"Content-Type: application/json"}).status, 200);
}

}  // namespace

TEST(SalesforceSource, PagesThroughEveryRecordOnce) {
  InProcessEmulator e(org_with_contacts(1000));
  SalesforceClient client = client_for(e);
  auto source = source_for(client, contact_query(true));
  auto ids = drain(source);
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1000u);
  EXPECT_EQ(source.total_size(), 1000);
  EXPECT_EQ(client.usage().calls, 5);  // 1000 / 200
  EXPECT_GT(client.usage().org_limit, 0);
}

TEST(SalesforceSource, SessionExpiryMidPaginationIsRenewed) {
  InProcessEmulator e(org_with_contacts(1000));
  SalesforceClient client = client_for(e);
  set_faults(e, R"({"expire_tokens_after_calls":3})");
  auto source = source_for(client, contact_query(true));
  EXPECT_EQ(drain(source).size(), 1000u);
  EXPECT_GE(client.usage().session_renewals, 1);
}

TEST(SalesforceSource, ServerErrorsAndDroppedConnectionsAreRetried) {
  InProcessEmulator e(org_with_contacts(1000));
  SalesforceClient client = client_for(e);
  ASSERT_TRUE(client.connect().ok());
  set_faults(e, R"({"fail_next":3,"fail_next_status":503,"drop_next":2})");
  auto source = source_for(client, contact_query(true));
  auto ids = drain(source);
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1000u);
  EXPECT_EQ(client.usage().retries, 5);
}

// A read of 400 Contacts under `faults` that make two calls answer "not now" (429, the concurrent
// long-request limit): both are waited out and retried, and every record arrives.
void expect_two_retries_and_every_record(const std::string& faults) {
  InProcessEmulator e(org_with_contacts(400));
  SalesforceClient client = client_for(e);
  ASSERT_TRUE(client.connect().ok());
  set_faults(e, faults);
  auto source = source_for(client, contact_query(true));
  EXPECT_EQ(drain(source).size(), 400u);
  EXPECT_EQ(client.usage().retries, 2);
}

TEST(SalesforceSource, TooManyRequestsIsRetried) {
  expect_two_retries_and_every_record(R"({"fail_next":2,"fail_next_status":429})");
}

// Too many long requests in the org at once is not the daily limit: waited out and retried.
TEST(SalesforceSource, TheConcurrentLongRequestLimitIsRetried) {
  expect_two_retries_and_every_record(R"({"concurrent_limit_next":2})");
}

TEST(SalesforceSource, RequestLimitStopsWithApiLimitError) {
  InProcessEmulator e(org_with_contacts(1000));
  SalesforceClient client = client_for(e);
  set_faults(e, R"({"limit_after_calls":2})");
  auto source = source_for(client, contact_query(true));
  ASSERT_TRUE(source.next().ok());
  ASSERT_TRUE(source.next().ok());
  auto third = source.next();
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, "api_limit");
}

TEST(SalesforceSource, LostQueryLocatorRestartsFromTheCursor) {
  InProcessEmulator e(org_with_contacts(1000));
  SalesforceClient client = client_for(e);
  set_faults(e, R"({"invalid_locator_after_pages":2})");
  auto source = source_for(client, contact_query(true));
  auto ids = drain(source);
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1000u);
  EXPECT_EQ(source.locator_restarts(), 1);
}

TEST(SalesforceSource, EqualStampsAcrossPageBoundaryLoseAndDoubleNothing) {
  InProcessEmulator e(org_with_contacts(600));
  SalesforceClient client = client_for(e);
  // Give 450 contacts one SystemModstamp: a mass update. Pages of 200 split the group twice.
  std::vector<std::string> ids = all_contact_ids(client);
  ASSERT_EQ(ids.size(), 600u);
  stamp_records(e, "2030-01-01T00:00:00.000Z", ids, 100, 550);

  // Read incrementally in two runs, the first stopped after two pages (a crash after page 2).
  auto first = source_for(client, contact_query(true));
  Cursor checkpoint;
  std::vector<std::string> seen = drain(first, &checkpoint, 2);
  ASSERT_EQ(seen.size(), 400u);
  auto second = source_for(client, contact_query(true, checkpoint));
  for (const auto& id : drain(second)) seen.push_back(id);
  EXPECT_EQ(seen.size(), 600u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 600u);
}

TEST(SalesforceSource, IdOrderFirstReadResumesAndHandsOverToIncremental) {
  InProcessEmulator e(org_with_contacts(700));
  SalesforceClient client = client_for(e);
  int64_t bound = now_ms() / 1000 * 1000 - 1;
  // The first read, stopped after two pages (a crash), then resumed from its checkpoint.
  auto first = source_for(client, contact_query(true, Cursor{bound, "", true}));
  Cursor checkpoint;
  std::vector<std::string> seen = drain(first, &checkpoint, 2);
  ASSERT_EQ(seen.size(), 400u);
  EXPECT_TRUE(checkpoint.by_id);
  EXPECT_EQ(checkpoint.stamp_ms, bound);
  EXPECT_EQ(checkpoint.id, seen.back());
  // A record read before the crash changes: its new stamp is above the bound, so the resumed
  // read skips it and the incremental run after it reads it.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_EQ(http("PATCH", e.url() + "/__admin/records/Contact/" + seen[3], R"({"LastName":"Changed"})").status, 200);
  auto second = source_for(client, contact_query(true, checkpoint));
  Cursor done;
  for (const auto& id : drain(second, &done)) seen.push_back(id);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.size(), 700u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 700u);
  EXPECT_FALSE(done.by_id);
  EXPECT_EQ(done.stamp_ms, bound);
  EXPECT_TRUE(done.id.empty());

  auto next = source_for(client, contact_query(true, done));
  auto changed = drain(next);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0], seen[3]);
}

TEST(SalesforceSource, IncrementalRunSeesUpdatesAndDeletesOnly) {
  InProcessEmulator e(org_with_contacts(300));
  SalesforceClient client = client_for(e);
  auto full = source_for(client, contact_query(true));
  Cursor checkpoint;
  auto ids = drain(full, &checkpoint);
  ASSERT_EQ(ids.size(), 300u);
  // Salesforce stamps have whole seconds: make the changes land in a later second.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_EQ(http("PATCH", e.url() + "/__admin/records/Contact/" + ids[5], R"({"LastName":"Changed"})").status, 200);
  ASSERT_EQ(http("DELETE", e.url() + "/__admin/records/Contact/" + ids[7]).status, 200);
  auto created = http("POST", e.url() + "/__admin/records/Contact", R"({"LastName":"New"})");
  ASSERT_EQ(created.status, 200);

  auto next = source_for(client, contact_query(true, checkpoint));
  std::vector<Record> changed;
  while (!next.finished()) {
    auto page = next.next();
    ASSERT_TRUE(page.ok()) << page.error().message;
    for (auto& r : page->records) changed.push_back(r);
  }
  ASSERT_EQ(changed.size(), 3u);
  std::map<std::string, bool> deleted;
  for (const auto& r : changed) deleted[r.id] = r.deleted;
  EXPECT_FALSE(deleted.at(ids[5]));
  EXPECT_TRUE(deleted.at(ids[7]));
}

// A read that starts before its cursor (late commits, cursor.h) counts the records up to the
// cursor as rechecked and keeps the stored cursor as checkpoint while inside that window, so a run
// stopped there reads the window again; the page that passes the cursor moves on, and the run's
// last page carries the run's bound.
TEST(SalesforceSource, AReadAgainWindowKeepsTheStoredCursorUntilItIsPassed) {
  InProcessEmulator e(org_with_contacts(600));
  SalesforceClient client = client_for(e);
  std::vector<std::string> ids = all_contact_ids(client);
  ASSERT_EQ(ids.size(), 600u);
  // 450 records changed within the window (one stamp: a mass update), 100 after the cursor.
  stamp_records(e, "2030-01-01T00:00:00.000Z", ids, 0, 450);
  stamp_records(e, "2030-01-01T00:00:10.000Z", ids, 450, 550);
  stamp_records(e, "2020-01-01T00:00:00.000Z", ids, 550, 600);  // long before the window
  Cursor stored{*parse_iso_datetime("2030-01-01T00:00:00.000Z"), ""};
  stored.read_to_ms = stored.stamp_ms + 60000;

  ObjectQuery q = contact_query(true, stored);
  q.upper_ms = *parse_iso_datetime("2030-01-01T00:05:00.000Z");
  auto source = source_for(client, q);
  source.read_again_after(stored.stamp_ms - 1000);
  std::vector<int64_t> rechecked;
  std::vector<Cursor> checkpoints;
  while (!source.finished()) {
    auto page = source.next();
    ASSERT_TRUE(page.ok()) << page.error().message;
    rechecked.push_back(page->rechecked);
    checkpoints.push_back(*Cursor::parse(page->checkpoint.state));
  }
  EXPECT_EQ(rechecked, (std::vector<int64_t>{200, 200, 50}));
  ASSERT_EQ(checkpoints.size(), 3u);
  EXPECT_EQ(checkpoints[0].serialize(), stored.serialize()) << "inside the window: the stored cursor stands";
  EXPECT_EQ(checkpoints[1].serialize(), stored.serialize());
  EXPECT_EQ(checkpoints[2].stamp_ms, stored.stamp_ms + 10000) << "past the cursor: the last record read";
  EXPECT_EQ(checkpoints[2].read_to_ms, q.upper_ms) << "under this run's bound";
}

TEST(SalesforceClientErrors, BadCredentialsAreAnAuthErrorWithoutSecrets) {
  InProcessEmulator e(org_with_contacts(1));
  SalesforceAuthConfig auth;
  auth.grant = SalesforceGrant::Password;
  auth.login_url = e.url();
  auth.client_id = emu::Defaults::kClientId;
  auth.client_secret = "very-secret-value";
  auth.username = emu::Defaults::kUsername;
  auth.password = "wrong-password";
  SalesforceClient client(auth, "63.0");
  auto r = client.connect();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "auth");
  EXPECT_EQ(r.error().message.find("very-secret-value"), std::string::npos);
  EXPECT_EQ(r.error().message.find("wrong-password"), std::string::npos);
}

TEST(SalesforceClientErrors, BadSoqlIsMalformedQuery) {
  InProcessEmulator e(org_with_contacts(1));
  SalesforceClient client = client_for(e);
  QueryPager pager(client, "SELECT FROM Contact", false);
  auto r = pager.next();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "MALFORMED_QUERY");
  QueryPager unknown(client, "SELECT Id, Emial FROM Contact", false);
  r = unknown.next();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "INVALID_FIELD");
}

// A page range holding more linked records than one store chunk (2,000), the last of the chunk
// missing from the page: the scan of the range goes on after that chunk, not from the start again.
TEST(SalesforceSource, AReconciledRangeLargerThanAStoreChunkIsScannedOnce) {
  InProcessEmulator e(org_with_contacts(2100));
  SalesforceClient client = client_for(e);
  std::vector<std::string> linked = all_contact_ids(client);
  ASSERT_EQ(linked.size(), 2100u);
  std::sort(linked.begin(), linked.end());
  int scans = 0;
  auto store_ids = [&](const std::string& after, const std::string& upto, int limit)
      -> Result<std::vector<std::string>> {
    if (++scans > 5) return make_error("test", "the range is scanned again and again");
    std::vector<std::string> out;
    for (auto it = std::upper_bound(linked.begin(), linked.end(), after);
         it != linked.end() && (upto.empty() || *it <= upto) && static_cast<int>(out.size()) < limit; ++it)
      out.push_back(*it);
    return out;
  };
  DeletionReconciler reconciler(client, "Contact", contact_query(true).fields, RecordParser({}, "SystemModstamp"),
                                store_ids);
  reconciler.begin("", "", {});  // a page without any of them: every one is looked up, all live
  auto deleted = reconciler.next(100000);
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_TRUE(deleted->empty()) << "every record is live";
  EXPECT_EQ(scans, 2) << "one full chunk, then the rest";
}
