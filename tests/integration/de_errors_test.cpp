// Data Extension pulls that must fail clearly (or survive): token expiry mid-run, missing scope,
// unknown key, incremental sync over a DE without the modified column, events asked of a DE sync.
#include "de_support.h"

using namespace de_test;

TEST_F(DeRunTest, TokenExpiryDuringTheRunIsRenewedAndTheRunCompletes) {
  auto r = admin("POST", "/__admin/faults", R"({"expire_tokens_after_calls":3})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto outcome = run(subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 100}"));
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->status, ExecutionStatus::Ok) << outcome->reason;
  EXPECT_EQ(outcome->counts.read, 600);
  EXPECT_EQ(profiles(), 600);
  EXPECT_GE(outcome->api.session_renewals, 2);
}

// Marketing Cloud's rate limit (429 with Retry-After) is waited out, not a failed run.
TEST_F(DeRunTest, RateLimitedCallsAreRetriedAfterTheirRetryAfter) {
  auto r = admin("POST", "/__admin/faults",
                 R"({"fail_next":2,"fail_next_status":429,"next_path_filter":"/rowset"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto outcome = run(subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 250}"));
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->status, ExecutionStatus::Ok) << outcome->reason;
  EXPECT_EQ(outcome->counts.read, 600);
  EXPECT_EQ(outcome->api.retries, 2);
}

TEST_F(DeRunTest, MissingScopeNamesTheScopeAndBothPlaces) {
  auto outcome = run(subscriber_sync("{data_extension_key: Subscribers_DE}"), "subscribers", false, "sfmc-noscope-client");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, "missing_scope");
  EXPECT_NE(outcome.error().message.find("data_extensions_read"), std::string::npos) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find("Installed Package"), std::string::npos) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find("sfsync.yaml"), std::string::npos) << outcome.error().message;
  auto executions = store_->list_executions("subscribers", 5);
  ASSERT_TRUE(executions.ok());
  EXPECT_TRUE(executions->empty());  // failed before any data call: nothing recorded
}

TEST_F(DeRunTest, ConfigWithoutTheScopeIsRejectedWhenLoaded) {
  std::string yaml = de_config_yaml(emulator_->url(), subscriber_sync("{data_extension_key: Subscribers_DE}"));
  yaml.replace(yaml.find("    auth_base_url"), 0, "    scopes: offline\n");
  auto c = parse_config(yaml, "test.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("data_extensions_read"), std::string::npos) << c.error().message;
  EXPECT_NE(c.error().message.find("both sides"), std::string::npos) << c.error().message;
}

TEST_F(DeRunTest, UnknownKeyIsABadConfigNamingTheKey) {
  auto outcome = run(subscriber_sync("{data_extension_key: No_Such_DE}"));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, "bad_config");
  EXPECT_NE(outcome.error().message.find("No_Such_DE"), std::string::npos) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find("CustomerKey"), std::string::npos) << outcome.error().message;
}

TEST_F(DeRunTest, IncrementalSyncOverADeWithoutTheModifiedColumnIsRejected) {
  const std::string sync =
      "  - name: prefs\n"
      "    connection: mc\n"
      "    source: {data_extension_key: Preferences_DE}\n"
      "    identifiers:\n"
      "      - {type: subscriber_key, field: SubscriberKey}\n";
  auto outcome = run(sync, "prefs");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, "bad_config");
  EXPECT_NE(outcome.error().message.find("ModifiedDate"), std::string::npos) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find("fetch_mode: full"), std::string::npos) << outcome.error().message;
  EXPECT_EQ(profiles(), 0);
}

TEST_F(DeRunTest, UnknownColumnInTheMappingIsRejectedWithTheNearestColumn) {
  std::string sync = subscriber_sync("{data_extension_key: Subscribers_DE}");
  sync.replace(sync.find("field: FirstName"), 16, "field: FirstNam");
  auto outcome = run(sync);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, "bad_config");
  EXPECT_NE(outcome.error().message.find("FirstName"), std::string::npos) << outcome.error().message;
}

TEST_F(DeRunTest, EventTargetIsRejectedWhenLoaded) {
  const std::string sync =
      "  - name: subscriber_events\n"
      "    connection: mc\n"
      "    source: {data_extension_key: Subscribers_DE}\n"
      "    target: event\n"
      "    identifiers:\n"
      "      - {type: subscriber_key, field: SubscriberKey}\n"
      "    event: {name: subscribed}\n";
  auto c = config(sync);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("events are not part of DE syncs"), std::string::npos) << c.error().message;
}

TEST_F(DeRunTest, ValuesAreTypedAndPhonesNormalized) {
  const std::string sync =
      "  - name: subscribers\n"
      "    connection: mc\n"
      "    source: {data_extension_key: Subscribers_DE}\n"
      "    identifiers:\n"
      "      - {type: subscriber_key, field: SubscriberKey}\n"
      "      - {type: phone, field: Phone}\n"
      "    attributes:\n"
      "      - {field: OptIn, name: opt_in}\n"
      "      - {field: ModifiedDate, name: modified}\n";
  auto r = admin("POST", "/__admin/sfmc/Subscribers_DE/rows",
                 R"({"items":[{"SubscriberKey":"SUB-T1","Phone":"+1 (415) 555-0101","OptIn":"True",
                               "ModifiedDate":"6/23/2024 3:04:05 PM"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto outcome = run(sync);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  auto p = store_->find_profile({"phone", "+14155550101"}, 0);
  ASSERT_TRUE(p.ok() && p->has_value());
  std::string opt_in, modified;
  for (const auto& a : (*p)->attributes) {
    if (a.name == "opt_in") opt_in = a.value.to_text();
    if (a.name == "modified") modified = a.value.to_text();
  }
  EXPECT_EQ(opt_in, "true");
  EXPECT_EQ(modified.substr(0, 19), "2024-06-23T15:04:05");
}

TEST_F(DeRunTest, NameGivenInsteadOfTheKeyGetsAnErrorNamingTheKey) {
  const std::string yaml_path = store_path_ + ".emulator.yaml";
  {
    std::FILE* f = std::fopen(yaml_path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("data_extensions:\n"
               "  - key: ORD-7731\n"
               "    name: Orders\n"
               "    rows: 20\n"
               "    fields:\n"
               "      - {name: OrderId, type: Text, length: 50, is_primary_key: true}\n"
               "      - {name: Email, type: EmailAddress}\n"
               "      - {name: ModifiedDate, type: Date}\n", f);
    std::fclose(f);
  }
  emu::EmulatorOptions o;
  o.config_path = yaml_path;
  emulator_ = std::make_unique<testing_support::InProcessEmulator>(o);
  std::remove(yaml_path.c_str());
  const std::string sync =
      "  - name: orders\n"
      "    connection: mc\n"
      "    source: {data_extension_key: Orders}\n"
      "    identifiers:\n"
      "      - {type: email, field: Email}\n";
  auto outcome = run(sync, "orders");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, "bad_config");
  EXPECT_NE(outcome.error().message.find("\"ORD-7731\""), std::string::npos) << outcome.error().message;

  std::string fixed = sync;
  fixed.replace(fixed.find("Orders}"), 6, "ORD-7731");
  auto ok = run(fixed, "orders");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->counts.read, 20);
}
