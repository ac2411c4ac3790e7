// Data Extension pulls end to end: emulator (real HTTP) → engine → SQLite customer store.
#include "de_support.h"

#include "common/time_util.h"

using namespace de_test;

namespace {

std::string attribute(CustomerStore& store, const std::string& key, const std::string& name) {
  auto p = store.find_profile({"subscriber_key", key}, 0);
  if (!p.ok() || !p->has_value()) return "<no profile>";
  for (const auto& a : (*p)->attributes)
    if (a.name == name) return a.value.to_text();
  return "<no attribute>";
}

}  // namespace

TEST_F(DeRunTest, PagesThroughTheWholeExtension) {
  auto outcome = run(subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 100}"));
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->status, ExecutionStatus::Ok) << outcome->reason;
  EXPECT_EQ(outcome->counts.read, 600);
  EXPECT_EQ(outcome->counts.written, 600);
  EXPECT_EQ(profiles(), 600);
  // 2 metadata calls + 6 full pages + the empty 7th that shows the end.
  EXPECT_EQ(outcome->api.calls, 9);
  EXPECT_EQ(attribute(*store_, "SUB-1000000", "crm_source"), "marketing_cloud");
}

TEST_F(DeRunTest, IncrementalRunReadsOnlyRowsModifiedSince) {
  const std::string sync = subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 250}");
  ASSERT_TRUE(run(sync).ok());
  auto again = run(sync);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->counts.read, 0);  // the filter on ModifiedDate leaves nothing new

  auto r = admin("POST", "/__admin/sfmc/Subscribers_DE/rows",
                 R"({"items":[{"SubscriberKey":"SUB-1000003","FirstName":"Changed","Points":"7"},
                              {"SubscriberKey":"SUB-1000450","FirstName":"Changed2"},
                              {"SubscriberKey":"SUB-NEW-1","FirstName":"Newcomer","EmailAddress":"new@example.org"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto third = run(sync);
  ASSERT_TRUE(third.ok()) << third.error().message;
  EXPECT_EQ(third->counts.read, 3);
  EXPECT_EQ(third->applied.profiles_created, 1);
  EXPECT_EQ(attribute(*store_, "SUB-1000003", "first_name"), "Changed");
  EXPECT_EQ(attribute(*store_, "SUB-1000003", "points"), "7");
  EXPECT_EQ(attribute(*store_, "SUB-NEW-1", "first_name"), "Newcomer");
  EXPECT_EQ(profiles(), 601);
  auto fourth = run(sync);
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->counts.read, 0);
}

TEST_F(DeRunTest, RowsSharingOneModifiedSecondAcrossPagesLandOnce) {
  const std::string sync = subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 2, max_pages_per_run: 2}");
  ASSERT_TRUE(run(subscriber_sync("{data_extension_key: Subscribers_DE}")).ok());
  // Five rows changed in one request share one ModifiedDate second (the service keeps milliseconds).
  auto r = admin("POST", "/__admin/sfmc/Subscribers_DE/rows",
                 R"({"items":[{"SubscriberKey":"SUB-1000010","FirstName":"A"},{"SubscriberKey":"SUB-1000011","FirstName":"B"},
                              {"SubscriberKey":"SUB-1000012","FirstName":"C"},{"SubscriberKey":"SUB-1000013","FirstName":"D"},
                              {"SubscriberKey":"SUB-1000014","FirstName":"E"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  int64_t read = 0;
  for (int i = 0; i < 4; ++i) {
    auto outcome = run(sync);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    read += outcome->counts.read;
  }
  // The row read last by the first run (greatest ModifiedDate) shares no second with these five.
  EXPECT_EQ(read, 5);
  EXPECT_EQ(attribute(*store_, "SUB-1000014", "first_name"), "E");
}

TEST_F(DeRunTest, CapContinuationOverThreeRunsAddsEveryRowOnce) {
  // Two pages of 101 rows a run; every page after the first starts again at the last row read
  // (filter ge its ModifiedDate), which is skipped: 201 + 200 + 199 rows.
  const std::string sync = subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 101, max_pages_per_run: 2}");
  int64_t read = 0, created = 0;
  for (int i = 0; i < 3; ++i) {
    auto outcome = run(sync);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    EXPECT_EQ(outcome->counts.read, 201 - i) << "run " << i;
    EXPECT_EQ(outcome->applied.profiles_unchanged, 0) << "run " << i << " re-read rows";
    read += outcome->counts.read;
    created += outcome->applied.profiles_created;
  }
  EXPECT_EQ(read, 600);
  EXPECT_EQ(created, 600);
  EXPECT_EQ(profiles(), 600);
  auto fourth = run(sync);
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->counts.read, 0);
}

TEST_F(DeRunTest, KeyChangeStartsFromScratch) {
  const std::string capped = subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 100, max_pages_per_run: 1}");
  ASSERT_TRUE(run(capped).ok());
  auto state = store_->read_sync_state("subscribers");
  ASSERT_TRUE(state.ok() && state->has_value());
  EXPECT_NE((*state)->fingerprint.find("subscribers_de"), std::string::npos);

  auto other = run(preferences_sync());
  ASSERT_TRUE(other.ok()) << other.error().message;
  EXPECT_EQ(other->counts.read, 300);  // all of the new DE, not a continuation of the old one

  auto back = run(capped);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->counts.read, 100);
  EXPECT_EQ(back->applied.profiles_unchanged, 100);  // the first page again: state was reset
}

TEST_F(DeRunTest, FullSyncCapContinuesThenStartsAnotherPass) {
  const std::string sync =
      "  - name: prefs\n"
      "    connection: mc\n"
      "    source: {data_extension_key: Preferences_DE, page_size: 100, max_pages_per_run: 2}\n"
      "    fetch_mode: full\n"
      "    identifiers:\n"
      "      - {type: subscriber_key, field: SubscriberKey}\n"
      "    attributes:\n"
      "      - {field: EmailOptIn, name: email_opt_in}\n";
  auto first = run(sync, "prefs");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->counts.read, 199);  // the second page starts again at the first page's last key
  auto second = run(sync, "prefs");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->counts.read, 101);  // the rest of the pass
  EXPECT_EQ(profiles(), 300);
  auto third = run(sync, "prefs");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->counts.read, 199);  // a new pass from the start
  EXPECT_EQ(third->applied.profiles_unchanged, 199);
}

// A new attribute reaches the rows already read: the changed mapping starts the read over.
TEST_F(DeRunTest, AChangedMappingReadsTheExtensionAgain) {
  const std::string sync = subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 250}");
  ASSERT_TRUE(run(sync).ok());
  auto unchanged = run(sync);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->counts.read, 0);
  std::string remapped = sync;
  remapped.replace(remapped.find("    fixed:"), 0, "      - {field: EmailAddress, name: email_address}\n");
  auto again = run(remapped);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->counts.read, 600);
  ASSERT_EQ(again->notes.size(), 1u);
  EXPECT_NE(again->notes[0].find("changed since its last run"), std::string::npos);
  EXPECT_NE(attribute(*store_, "SUB-1000000", "email_address"), "<no attribute>");
}

// filter.rules on a DE sync become the rowset $filter, ANDed with the paging condition; a field
// the DE lacks is bad input naming it, and a raw SOQL where clause is refused.
TEST_F(DeRunTest, FilterRulesNarrowTheRowsRead) {
  auto r = admin("POST", "/__admin/sfmc/Subscribers_DE/rows",
                 R"({"items":[{"SubscriberKey":"SUB-1000003","FirstName":"Picked"},
                              {"SubscriberKey":"SUB-1000300","FirstName":"Picked"},
                              {"SubscriberKey":"SUB-1000599","FirstName":"Chosen"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto filtered = [](const std::string& rules) {
    return subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 2}", "    filter: {rules: " + rules + "}\n");
  };
  auto outcome = run(filtered(R"([{field: FirstName, op: in, value: [Picked, Chosen]}])"));
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->status, ExecutionStatus::Ok) << outcome->reason;
  EXPECT_EQ(outcome->counts.read, 3) << "two pages of two, the second one re-reading a row";
  EXPECT_EQ(profiles(), 3);

  auto unknown = run(filtered(R"([{field: FirstNam, op: eq, value: x}])"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "bad_config");
  EXPECT_NE(unknown.error().message.find("FirstNam"), std::string::npos) << unknown.error().message;
  auto soql = run(subscriber_sync("{data_extension_key: Subscribers_DE}", "    filter: {where: \"Points > 5\"}\n"));
  ASSERT_FALSE(soql.ok());
  EXPECT_NE(soql.error().message.find("filter.rules"), std::string::npos) << soql.error().message;
}

// Data Extension dates are wall times of the account's zone: with utc_offset "-06:00" a row's
// Date values and its modified stamp land six hours later in UTC than read as if UTC — and a
// re-read under the offset counts as newer, so the shifted values replace the others.
TEST_F(DeRunTest, DatesAreReadInTheConnectionsUtcOffset) {
  const std::string sync =
      "  - name: subscribers\n"
      "    connection: mc\n"
      "    source: {data_extension_key: Subscribers_DE}\n"
      "    identifiers: [{type: subscriber_key, field: SubscriberKey}]\n"
      "    attributes: [{field: ModifiedDate, name: modified}]\n";
  ASSERT_TRUE(run(sync).ok());
  std::string as_utc = attribute(*store_, "SUB-1000007", "modified");
  connection_extra_ = "    utc_offset: \"-06:00\"\n";
  auto shifted = run(sync, "subscribers", true);
  ASSERT_TRUE(shifted.ok()) << shifted.error().message;
  std::string in_zone = attribute(*store_, "SUB-1000007", "modified");
  auto a = parse_iso_datetime(as_utc), b = parse_iso_datetime(in_zone);
  ASSERT_TRUE(a && b) << as_utc << " / " << in_zone;
  EXPECT_EQ(*b - *a, 6 * 3600 * 1000) << as_utc << " -> " << in_zone;
}
