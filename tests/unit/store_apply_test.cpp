// Customer store: apply_page basics, idempotence, event dedup, LWW, atomicity, outbox.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "store_test_support.h"

using namespace sfsync;
using namespace sfsync::testing_store;

namespace {

std::vector<MappedRecord> mixed_page() {
  std::vector<MappedRecord> page;
  page.push_back(record(profile(src("003A", 100), {email("ann@x.com"), uuid("SF_Contact_003A")},
                                {attr("first_name", Value::string("Ann")), attr("score", Value::integer(7)),
                                 attr("amount", Value::decimal("1234.50")), attr("vip", Value::boolean(true)),
                                 attr("born", Value::date(7000)), attr("seen", Value::datetime(1704164645000))})));
  page.push_back(record(profile(src("003B", 100), {email("bob@x.com")}, {attr("first_name", Value::string("Bob"))})));
  page.push_back(record(event(src("006A", 150, "opps"), {email("ann@x.com")}, "opportunity_won",
                              {attr("amount", Value::decimal("99.90"))})));
  page.push_back(record(ObjectUpsert{src("001A", 100, "accounts"), "account", "SF_Account_001A",
                                     {attr("name", Value::string("Acme"))}}));
  page.push_back(record(RelationshipUpsert{src("003A", 100, "account_contacts"), {email("ann@x.com")}, "account",
                                           "SF_Account_001A", {attr("role", Value::string("buyer"))}}));
  return page;
}

}  // namespace

TEST(StoreApply, CreatesProfileWithTypedAttributesAndFindsIt) {
  TempStore store;
  ApplyStats stats = write_page(*store, mixed_page());
  EXPECT_EQ(stats.profiles_created, 2);
  EXPECT_EQ(stats.events_inserted, 1);
  EXPECT_EQ(stats.objects_upserted, 1);
  EXPECT_EQ(stats.relationships_upserted, 1);

  ProfileView ann = find(*store, email("ann@x.com"));
  ASSERT_EQ(ann.identifiers.size(), 2u);
  EXPECT_EQ(ann.identifiers[0], email("ann@x.com"));
  EXPECT_EQ(ann.identifiers[1], uuid("SF_Contact_003A"));
  ASSERT_NE(attribute(ann, "first_name"), nullptr);
  EXPECT_EQ(attribute(ann, "first_name")->value, Value::string("Ann"));
  EXPECT_EQ(attribute(ann, "first_name")->source_ts_ms, 100);
  EXPECT_EQ(attribute(ann, "first_name")->source_sync, "contacts");
  EXPECT_EQ(attribute(ann, "score")->value, Value::integer(7));
  EXPECT_EQ(attribute(ann, "amount")->value, Value::decimal("1234.50"));
  EXPECT_EQ(attribute(ann, "vip")->value, Value::boolean(true));
  EXPECT_EQ(attribute(ann, "born")->value, Value::date(7000));
  EXPECT_EQ(attribute(ann, "seen")->value, Value::datetime(1704164645000));
  ASSERT_EQ(ann.recent_events.size(), 1u);
  EXPECT_EQ(ann.recent_events[0].name, "opportunity_won");
  EXPECT_EQ(ann.recent_events[0].parameters_json, R"({"amount":"99.90"})");
  ASSERT_EQ(ann.relationships.size(), 1u);
  EXPECT_EQ(ann.relationships[0].object_id, "SF_Account_001A");
  EXPECT_EQ(ann.relationships[0].attributes[0].value, Value::string("buyer"));

  auto by_id = store->find_profile_by_id(ann.id, 10);
  ASSERT_TRUE(by_id && by_id->has_value());
  EXPECT_EQ((*by_id)->identifiers.size(), 2u);
  auto missing = store->find_profile(email("nobody@x.com"), 10);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());

  // The attributes VIEW gives SQL readers one typed row per attribute.
  EXPECT_EQ(store.count("SELECT count(*) FROM attributes"), 7);
  EXPECT_EQ(store.count("SELECT value FROM attributes WHERE name = 'score'"), 7);
  EXPECT_EQ(store.count("SELECT source_ts_ms FROM attributes WHERE name = 'score' AND type = 'int'"), 100);

  StoreCounts c = counts(*store);
  EXPECT_EQ(c.profiles, 2);
  EXPECT_EQ(c.identifiers, 3);
  EXPECT_EQ(c.events, 1);
  EXPECT_EQ(c.objects, 1);
  EXPECT_EQ(c.relationships, 1);
}

TEST(StoreApply, ReapplyingAPageChangesNothing) {
  TempStore store;
  write_page(*store, mixed_page());
  std::string before = dump(*store);
  int64_t outbox_before = static_cast<int64_t>(store->pending_outbox(1000)->size());
  ApplyStats again = write_page(*store, mixed_page());
  EXPECT_EQ(again.profiles_created, 0);
  EXPECT_EQ(again.profiles_updated, 0);
  EXPECT_EQ(again.profiles_unchanged, 2);
  EXPECT_EQ(again.events_inserted, 0);
  EXPECT_EQ(again.events_duplicate, 1);
  EXPECT_EQ(dump(*store), before);
  EXPECT_EQ(static_cast<int64_t>(store->pending_outbox(1000)->size()), outbox_before) << "a re-read must not re-fire hooks";
  store.reopen();  // and it is on disk
  EXPECT_EQ(dump(*store), before);
}

TEST(StoreApply, EventsAreUniqueByDedupKey) {
  TempStore store;
  write_page(*store, {record(event(src("006A", 150), {email("ann@x.com")}, "case_opened"))});
  write_page(*store, {record(event(src("006A", 150), {email("ann@x.com")}, "case_opened"))});
  EXPECT_EQ(counts(*store).events, 1);
  write_page(*store, {record(event(src("006A", 160), {email("ann@x.com")}, "case_opened"))});  // a new version
  EXPECT_EQ(counts(*store).events, 2);
  ProfileView ann = find(*store, email("ann@x.com"));
  ASSERT_EQ(ann.recent_events.size(), 2u);
  EXPECT_EQ(ann.recent_events[0].timestamp_ms, 160) << "newest first";
}

TEST(StoreApply, OlderRecordVersionNeverOverwritesNewerAttribute) {
  TempStore store;
  write_page(*store, {record(profile(src("003A", 200), {email("ann@x.com")}, {attr("city", Value::string("Paris"))}))});
  write_page(*store, {record(profile(src("003A", 100), {email("ann@x.com")},
                                {attr("city", Value::string("Lyon")), attr("phone_ok", Value::boolean(false))}))});
  ProfileView ann = find(*store, email("ann@x.com"));
  EXPECT_EQ(attribute(ann, "city")->value, Value::string("Paris"));
  EXPECT_EQ(attribute(ann, "city")->source_ts_ms, 200);
  ASSERT_NE(attribute(ann, "phone_ok"), nullptr) << "an attribute nobody newer wrote still lands";
  write_page(*store, {record(profile(src("003A", 300), {email("ann@x.com")}, {attr("city", Value::null())}))});
  ann = find(*store, email("ann@x.com"));
  EXPECT_TRUE(attribute(ann, "city")->value.is_null()) << "a newer null clears the value";
  EXPECT_EQ(attribute(ann, "city")->source_ts_ms, 300);
}

TEST(StoreApply, CheckpointCommitsWithItsData) {
  TempStore store;
  write_page(*store, {record(profile(src("003A", 1), {email("a@x.com")}))}, "page-1");
  std::string before = dump(*store);

  // Valid records first, then one the store must refuse: nothing of the page may remain.
  std::vector<MappedRecord> page = mixed_page();
  page.push_back(record(profile(src("003Z", 1), {})));  // no identifier
  ApplyOptions options;
  options.config_fingerprint = "fp1";
  auto r = store->apply_page("contacts", 1, page, Checkpoint{"page-2"}, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_mutation");
  EXPECT_NE(r.error().message.find("003Z"), std::string::npos);
  EXPECT_EQ(dump(*store), before);
  EXPECT_EQ(counts(*store).events, 0);
  auto state = store->read_sync_state("contacts");
  ASSERT_TRUE(state && state->has_value());
  EXPECT_EQ((*state)->checkpoint, "page-1");

  // An event without dedup key fails the same way; then a good page still commits.
  std::vector<MappedRecord> bad_event = {record(profile(src("003B", 1), {email("b@x.com")}))};
  EventAppend e = event(src("006", 1), {email("b@x.com")}, "x");
  e.dedup_key.clear();
  bad_event.push_back(record(e));
  EXPECT_FALSE(store->apply_page("contacts", 1, bad_event, Checkpoint{"page-2"}, options).ok());
  EXPECT_EQ(dump(*store), before);
  write_page(*store, mixed_page(), "page-2");
  EXPECT_EQ(store->read_sync_state("contacts").value()->checkpoint, "page-2");
  EXPECT_EQ(store->read_sync_state("contacts").value()->fingerprint, "fp1");
}

TEST(StoreApply, OutboxGetsChangesAndSkipHookSuppressesThem) {
  TempStore store;
  write_page(*store, mixed_page(), "cp", /*emit_hooks=*/false);
  EXPECT_TRUE(store->pending_outbox(100)->empty());

  write_page(*store, {record(profile(src("003A", 500), {email("ann@x.com")}, {attr("city", Value::string("Oslo"))})),
                 record(event(src("006B", 500), {email("ann@x.com")}, "case_closed"))});
  auto pending = store->pending_outbox(100);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].kind, "profile");
  EXPECT_NE((*pending)[0].payload.find(R"("attributes":{"city":"Oslo"})"), std::string::npos) << (*pending)[0].payload;
  EXPECT_EQ((*pending)[1].kind, "event");
  EXPECT_NE((*pending)[1].payload.find(R"("name":"case_closed")"), std::string::npos);
  // The hook names the stored event (on PostgreSQL the id arrives after the page's statements).
  ProfileView ann = find(*store, email("ann@x.com"));
  ASSERT_FALSE(ann.recent_events.empty());
  ASSERT_EQ(ann.recent_events[0].name, "case_closed");  // newest first
  std::string event_id = R"("type":"event","event_id":)";
  event_id += std::to_string(ann.recent_events[0].id);
  EXPECT_NE((*pending)[1].payload.find(event_id + ","), std::string::npos) << (*pending)[1].payload;
  ASSERT_TRUE(store->mark_outbox_delivered({(*pending)[0].id}));
  pending = store->pending_outbox(100);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].kind, "event");
}

// Objects and source deletions reach the hook too: an object's changed values, and what a deletion
// marked or removed (a re-applied deletion, which changes nothing, sends nothing).
TEST(StoreApply, OutboxGetsObjectChangesAndDeletions) {
  TempStore store;
  auto account = [](int64_t ts, const std::string& name) {
    return record(ObjectUpsert{src("001A", ts, "accounts"), "account", "A", {attr("name", Value::string(name)),
                                                                               attr("tier", Value::string("gold"))}});
  };
  write_page(*store, {account(1, "Acme"), record(profile(src("003A", 1), {email("ann@x.com")}))});
  write_page(*store, {account(2, "Acme")});  // saved again, no edit
  write_page(*store, {account(3, "Acme Corp")});
  SourceDeletion gone{src("003A", 9), SourceDeletion::Policy::Mark};
  write_page(*store, {record(gone)});
  write_page(*store, {record(gone)});
  auto pending = store->pending_outbox(100);
  ASSERT_TRUE(pending);
  std::vector<std::string> kinds;
  for (const auto& e : *pending) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"object", "profile", "object", "deletion"}));
  EXPECT_NE((*pending)[0].payload.find(R"("attributes":{"name":"Acme","tier":"gold"})"), std::string::npos)
      << (*pending)[0].payload;
  EXPECT_NE((*pending)[2].payload.find(R"("attributes":{"name":"Acme Corp"})"), std::string::npos)
      << "only what changed: " << (*pending)[2].payload;
  EXPECT_NE((*pending)[3].payload.find(R"("of":"profile")"), std::string::npos) << (*pending)[3].payload;
  EXPECT_NE((*pending)[3].payload.find(R"("removed":false,"deleted_ms":9)"), std::string::npos) << (*pending)[3].payload;
  EXPECT_NE((*pending)[3].payload.find(R"("record":"003A")"), std::string::npos) << (*pending)[3].payload;
}

// A record saved again in the source without edits (a new SystemModstamp, the same values) moves
// its attributes' source times — a later-arriving older write must still lose — but changes
// nothing a consumer sees: no hook, counted unchanged, updated_ms kept. An edit reports only
// what it edited.
TEST(StoreApply, RecordSavedAgainWithoutEditsIsNoChange) {
  TempStore store;
  auto ann = [](int64_t ts, const std::string& city) {
    return record(profile(src("003A", ts), {email("ann@x.com")},
                          {attr("city", Value::string(city)), attr("title", Value::string("CTO"))}));
  };
  write_page(*store, {ann(100, "Paris")}, "cp", /*emit_hooks=*/false);
  const int64_t updated_ms = find(*store, email("ann@x.com")).updated_ms;
  std::this_thread::sleep_for(std::chrono::milliseconds(5));  // a change would move updated_ms

  ApplyStats saved_again = write_page(*store, {ann(200, "Paris")});
  EXPECT_EQ(saved_again.profiles_updated, 0);
  EXPECT_EQ(saved_again.profiles_unchanged, 1);
  EXPECT_TRUE(store->pending_outbox(100)->empty()) << "no hook for a save without edits";
  ProfileView p = find(*store, email("ann@x.com"));
  EXPECT_EQ(p.updated_ms, updated_ms);
  ASSERT_EQ(p.attributes.size(), 2u);
  EXPECT_EQ(p.attributes[0].source_ts_ms, 200) << "the write's time is kept for last-write-wins";

  write_page(*store, {ann(150, "Lyon")});  // older than the save at 200: loses
  EXPECT_EQ(find(*store, email("ann@x.com")).attributes[0].value.s, "Paris");
  EXPECT_TRUE(store->pending_outbox(100)->empty());

  ApplyStats edited = write_page(*store, {ann(300, "Oslo")});
  EXPECT_EQ(edited.profiles_updated, 1);
  auto pending = store->pending_outbox(100);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_NE((*pending)[0].payload.find(R"("attributes":{"city":"Oslo"})"), std::string::npos) << (*pending)[0].payload;
}

// The same for objects and relationships: their updated_ms moves with values, not with times.
TEST(StoreApply, ObjectsAndRelationshipsSavedAgainWithoutEditsKeepUpdatedMs) {
  TempStore store;
  auto page = [](int64_t ts, const std::string& name) {
    return std::vector<MappedRecord>{
        record(ObjectUpsert{src("001A", ts, "accounts"), "account", "A", {attr("name", Value::string(name))}}),
        record(RelationshipUpsert{src("003A", ts, "rel"), {email("ann@x.com")}, "account", "A",
                                  {attr("role", Value::string("buyer"))}})};
  };
  auto updated = [&] {
    return std::pair{store.count("SELECT updated_ms FROM objects"),
                     store.count("SELECT updated_ms FROM relationships")};
  };
  write_page(*store, page(100, "Acme"));
  auto first = updated();
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  write_page(*store, page(200, "Acme"));
  EXPECT_EQ(updated(), first);
  EXPECT_EQ(store.count(testing_postgres() ? "SELECT attributes::jsonb->'name'->>2 FROM objects"
                                            : "SELECT json_extract(attributes, '$.name[2]') FROM objects"),
            200)
      << "the newer time is stored for last-write-wins";
  write_page(*store, page(300, "Acme Corp"));
  EXPECT_GT(updated().first, first.first);
}

TEST(StoreApply, RecordMovingToAnotherObjectDropsItsOldRelationship) {
  TempStore store;
  auto rel = [](const std::string& account, int64_t ts) {
    return record(RelationshipUpsert{src("003A", ts, "account_contacts"), {email("ann@x.com")}, "account", account, {}});
  };
  write_page(*store, {rel("A1", 1)});
  write_page(*store, {rel("A2", 2)});
  ProfileView ann = find(*store, email("ann@x.com"));
  ASSERT_EQ(ann.relationships.size(), 1u);
  EXPECT_EQ(ann.relationships[0].object_id, "A2");
}

TEST(StoreApply, RecordIssuesBecomeErrorsOfTheExecution) {
  TempStore store;
  auto exec = store->begin_execution("contacts", ExecutionKind::Pull);
  ASSERT_TRUE(exec);
  MappedRecord skipped;
  skipped.issues.push_back(RecordIssue{"003X", "no_valid_identifier", "Email and Phone are empty", true});
  MappedRecord partly = record(profile(src("003Y", 1), {email("y@x.com")}));
  partly.issues.push_back(RecordIssue{"003Y", "invalid_phone", "phone '12' is not a number", false});
  ApplyOptions options;
  auto stats = store->apply_page("contacts", *exec, {skipped, partly}, Checkpoint{"c"}, options);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->records_skipped, 1);
  auto errors = store->execution_errors(*exec, 100);
  ASSERT_TRUE(errors);
  ASSERT_EQ(errors->size(), 2u);
  EXPECT_EQ((*errors)[0].record_id, "003X");
  EXPECT_EQ((*errors)[0].code, "no_valid_identifier");
  EXPECT_TRUE((*errors)[0].skipped);
  EXPECT_EQ((*errors)[1].code, "invalid_phone");
  EXPECT_FALSE((*errors)[1].skipped);
}

TEST(StoreApply, StringsWithJsonSpecialCharactersRoundTrip) {
  TempStore store;
  std::vector<std::string> texts = {"say \"hi\"", "back\\slash", "line\nbreak\ttab", "ctrl\x01", "é ü 中文",
                                    "exactly8", "sixteen chars!!!", "quote at end of a long string\""};
  std::vector<Attribute> attrs;
  for (size_t i = 0; i < texts.size(); ++i) attrs.push_back(attr("t\"" + std::to_string(i), Value::string(texts[i])));
  write_page(*store, {record(profile(src("003\"A", 1, "sync\\1"), {email("a@x.com")}, attrs))});
  ProfileView p = find(*store, email("a@x.com"));
  ASSERT_EQ(p.attributes.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    const StoredAttribute* a = attribute(p, "t\"" + std::to_string(i));
    ASSERT_NE(a, nullptr) << i;
    EXPECT_EQ(a->value, Value::string(texts[i])) << i;
    EXPECT_EQ(a->source_sync, "sync\\1");
  }
}

// event.when_changed: a version whose watched value did not move makes no event; the first version
// seen does; a re-applied page finds its own value and adds nothing.
TEST(StoreApply, WatchedEventsOnlyWhenTheValueMoves) {
  TempStore store;
  auto version = [](int64_t ts, std::optional<std::string> status) {
    EventAppend e = event(src("500A", ts, "cases"), {email("ann@x.com")}, "case_status");
    e.watched = std::move(status);
    return record(e);
  };
  ApplyStats s = write_page(*store, {version(1, "=New"), version(2, "=New"), version(3, "=Closed"), version(4, "")});
  EXPECT_EQ(s.events_inserted, 3) << "New (first seen), Closed, and cleared";
  EXPECT_EQ(s.events_unchanged, 1);
  ApplyStats again = write_page(*store, {version(4, "")});
  EXPECT_EQ(again.events_inserted, 0);
  EXPECT_EQ(again.events_unchanged, 1);
  EXPECT_EQ(counts(*store).events, 3);
  ApplyStats plain = write_page(*store, {version(5, std::nullopt)});
  EXPECT_EQ(plain.events_inserted, 1) << "without when_changed every version is an event";
}

// event.changed_to: a move to another value makes no event but is kept, so that the next move to
// the awaited value is one.
TEST(StoreApply, ChangedToEventsOnlyOnAMoveToTheValue) {
  TempStore store;
  auto version = [](int64_t ts, const std::string& stage, bool awaited) {
    EventAppend e = event(src("006A", ts, "deals"), {email("ann@x.com")}, "deal_won");
    e.watched = "=" + stage;
    e.watched_matches = awaited;
    return record(e);
  };
  ApplyStats s = write_page(*store, {version(1, "Prospecting", false), version(2, "Closed Won", true),
                                     version(3, "Closed Won", true), version(4, "Negotiation", false),
                                     version(5, "Closed Won", true)});
  EXPECT_EQ(s.events_inserted, 2) << "the two moves to Closed Won";
  EXPECT_EQ(s.events_unchanged, 3);
  EXPECT_EQ(counts(*store).events, 2);
}
