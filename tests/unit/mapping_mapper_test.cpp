// Mapper: records to profile/event/object/relationship mutations, policies, deletions, dedup keys.
#include <gtest/gtest.h>

#include <thread>

#include "common/time_util.h"
#include "config_test_support.h"
#include "mapping/mapper.h"

using namespace sfsync;
using namespace sfsync::testing;

namespace {

constexpr int64_t kNow = 1'700'000'000'000;  // the processing time handed to the mapper

Mapper mapper_for(const std::string& sync_body) {
  auto cfg = parse(with_syncs(sync_body));
  EXPECT_TRUE(cfg.ok()) << cfg.error().message;
  auto compiled = CompiledMapping::compile(cfg->syncs.at(0));
  EXPECT_TRUE(compiled.ok()) << compiled.error().message;
  return Mapper(std::move(compiled.value()));
}

const std::string kContacts = R"(  - name: contacts
    connection: crm
    source: {object: Contact}
    identifiers:
      - {type: email, field: Email}
      - {type: phone, field: Phone}
      - {type: sf_contact_id, template: "SF_Contact_{{Id}}"}
    default_phone_country: GB
    attributes:
      - {field: FirstName, name: first_name}
      - {field: Amount__c, name: lifetime_value}
      - {field: Employees__c, name: employees, type: number}
      - {field: Birthdate, name: birthday, type: date}
      - {field: Account.Name, name: company}
    fixed: {crm_source: salesforce}
)";

Record contact(std::string id = "003000000000001AAA") {
  Record r;
  r.object = "Contact";
  r.id = id;
  r.modstamp_ms = 1'704'164'645'000;
  r.set("Id", Value::string(id));
  r.set("Email", Value::string(" Jane.Doe@Example.com "));
  r.set("Phone", Value::string("020 7946 0018"));
  r.set("FirstName", Value::string("Jane"));
  r.set("Amount__c", Value::decimal("1234.50"));
  r.set("Employees__c", Value::string("250"));
  r.set("Birthdate", Value::string("1990-04-01"));
  r.set("Account.Name", Value::string("Acme"));
  return r;
}

template <typename T>
const T& only(const MappedRecord& m, size_t index = 0) {
  EXPECT_GT(m.mutations.size(), index);
  return std::get<T>(m.mutations.at(index));
}

const Value* attribute(const std::vector<Attribute>& attrs, const std::string& name) {
  for (const auto& a : attrs)
    if (a.name == name) return &a.value;
  return nullptr;
}

}  // namespace

TEST(Mapper, ContactBecomesAProfile) {
  MappedRecord m = mapper_for(kContacts).map(contact(), kNow);
  ASSERT_EQ(m.mutations.size(), 1u);
  EXPECT_TRUE(m.issues.empty());
  const auto& p = only<ProfileUpsert>(m);
  EXPECT_EQ(p.source.sync_id, "contacts");
  EXPECT_EQ(p.source.record_id, "003000000000001AAA");
  EXPECT_EQ(p.source.source_ts_ms, 1'704'164'645'000);
  EXPECT_EQ(p.identifiers, (std::vector<Identifier>{{"email", "jane.doe@example.com"},
                                                    {"phone", "+442079460018"},
                                                    {"sf_contact_id", "SF_Contact_003000000000001AAA"}}));
  EXPECT_EQ(*attribute(p.attributes, "first_name"), Value::string("Jane"));
  EXPECT_EQ(*attribute(p.attributes, "lifetime_value"), Value::decimal("1234.50"));  // source type kept
  EXPECT_EQ(*attribute(p.attributes, "employees"), Value::integer(250));
  EXPECT_EQ(*attribute(p.attributes, "birthday"), Value::date(*parse_date("1990-04-01")));
  EXPECT_EQ(*attribute(p.attributes, "company"), Value::string("Acme"));
  EXPECT_EQ(*attribute(p.attributes, "crm_source"), Value::string("salesforce"));
}

TEST(Mapper, NullFieldsClearAttributesAndAreNoIdentifierError) {
  Record r = contact();
  r.fields[1].second = Value::null();  // Email
  r.fields[3].second = Value::null();  // FirstName
  MappedRecord m = mapper_for(kContacts).map(r, kNow);
  EXPECT_TRUE(m.issues.empty());
  const auto& p = only<ProfileUpsert>(m);
  EXPECT_EQ(p.identifiers.size(), 2u);
  EXPECT_EQ(*attribute(p.attributes, "first_name"), Value::null());
}

TEST(Mapper, SkipIdentifierDropsTheBadOneAndKeepsTheRecord) {
  Record r = contact();
  r.fields[1].second = Value::string("jane.example.com");
  MappedRecord m = mapper_for(kContacts).map(r, kNow);
  const auto& p = only<ProfileUpsert>(m);
  EXPECT_EQ(p.identifiers.size(), 2u);
  ASSERT_EQ(m.issues.size(), 1u);
  EXPECT_EQ(m.issues[0].code, "invalid_email");
  EXPECT_FALSE(m.issues[0].skipped);
  EXPECT_EQ(m.issues[0].record_id, "003000000000001AAA");
  EXPECT_NE(m.issues[0].message.find("jane.example.com"), std::string::npos);
}

TEST(Mapper, SkipIdentifierSkipsTheRecordWhenNoValidIdentifierRemains) {
  Mapper mapper = mapper_for("  - name: leads\n    connection: crm\n    source: {object: Lead}\n"
                             "    identifiers: [{type: email, field: Email}, {type: phone, field: Phone}]\n");
  Record r = contact();
  r.fields[1].second = Value::string("not-an-email");
  r.fields[2].second = Value::string("12");
  MappedRecord m = mapper.map(r, kNow);
  EXPECT_TRUE(m.mutations.empty());
  ASSERT_EQ(m.issues.size(), 1u);  // one reason per skipped record
  EXPECT_EQ(m.issues[0].code, "no_valid_identifier");
  EXPECT_TRUE(m.issues[0].skipped);
  EXPECT_NE(m.issues[0].message.find("not-an-email"), std::string::npos) << m.issues[0].message;
  EXPECT_NE(m.issues[0].message.find("\"12\""), std::string::npos) << m.issues[0].message;

  Record empty = contact();
  empty.fields[1].second = Value::null();
  empty.fields[2].second = Value::string("  ");
  MappedRecord e = mapper.map(empty, kNow);
  ASSERT_EQ(e.issues.size(), 1u);
  EXPECT_EQ(e.issues[0].message, "no valid identifier (Email, Phone empty)");
}

TEST(Mapper, SkipRecordPolicySkipsOnAnyInvalidIdentifier) {
  Mapper mapper = mapper_for(kContacts + "    on_invalid_identifier: skip_record\n");
  Record r = contact();
  r.fields[2].second = Value::string("+1 123 456 7890");
  MappedRecord m = mapper.map(r, kNow);
  EXPECT_TRUE(m.mutations.empty());
  ASSERT_EQ(m.issues.size(), 1u);
  EXPECT_EQ(m.issues[0].code, "invalid_phone");
  EXPECT_TRUE(m.issues[0].skipped);
  EXPECT_EQ(mapper.map(contact(), kNow).mutations.size(), 1u);  // a clean record still lands
  Record bad_email = contact();
  bad_email.fields[1].second = Value::string("jane@");
  MappedRecord e = mapper.map(bad_email, kNow);
  EXPECT_TRUE(e.mutations.empty());
  ASSERT_EQ(e.issues.size(), 1u);
  EXPECT_EQ(e.issues[0].code, "invalid_email");
  EXPECT_EQ(e.issues[0].message, "Email: email \"jane@\" is not a valid address (on_invalid_identifier: skip_record)");
}

TEST(Mapper, DuplicateIdentifiersAreMergedAndBadValuesDropOnlyTheAttribute) {
  Mapper mapper = mapper_for("  - name: c\n    connection: crm\n    source: {object: Contact}\n"
                             "    identifiers: [{type: email, field: Email}, {type: email, field: Alt_Email__c}]\n"
                             "    attributes: [{field: Employees__c, name: employees, type: number}]\n");
  Record r = contact();
  r.set("Alt_Email__c", Value::string("JANE.DOE@example.com"));
  r.fields[5].second = Value::string("many");
  MappedRecord m = mapper.map(r, kNow);
  const auto& p = only<ProfileUpsert>(m);
  EXPECT_EQ(p.identifiers.size(), 1u);
  EXPECT_EQ(attribute(p.attributes, "employees"), nullptr);
  ASSERT_EQ(m.issues.size(), 1u);
  EXPECT_EQ(m.issues[0].code, "bad_value");
  EXPECT_FALSE(m.issues[0].skipped);
}

TEST(Mapper, EventWithFixedNameAndProcessingTime) {
  Mapper mapper = mapper_for(R"(  - name: opportunities
    connection: crm
    source: {object: Opportunity}
    target: event
    identifiers: [{type: sf_contact_id, template: "SF_Contact_{{ContactId}}"}]
    event:
      name: opportunity_updated
      parameters:
        - {field: Amount, name: opportunity_value}
        - {field: StageName, name: stage}
        - {name: source, value: salesforce}
        - {name: weight, value: "2", type: number}
)");
  Record r;
  r.id = "006000000000001AAA";
  r.modstamp_ms = 1'704'164'645'000;
  r.set("ContactId", Value::string("003000000000009AAA"));
  r.set("Amount", Value::decimal("5000.00"));
  r.set("StageName", Value::string("Closed Won"));
  MappedRecord m = mapper.map(r, kNow);
  ASSERT_EQ(m.mutations.size(), 1u);  // no attributes configured: no profile upsert
  const auto& e = only<EventAppend>(m);
  EXPECT_EQ(e.name, "opportunity_updated");
  EXPECT_EQ(e.timestamp_ms, kNow);
  EXPECT_EQ(e.identifiers, (std::vector<Identifier>{{"sf_contact_id", "SF_Contact_003000000000009AAA"}}));
  EXPECT_EQ(*attribute(e.parameters, "opportunity_value"), Value::decimal("5000.00"));
  EXPECT_EQ(*attribute(e.parameters, "stage"), Value::string("Closed Won"));
  EXPECT_EQ(*attribute(e.parameters, "source"), Value::string("salesforce"));
  EXPECT_EQ(*attribute(e.parameters, "weight"), Value::integer(2));
  EXPECT_EQ(e.dedup_key, "opportunities/006000000000001AAA/1704164645000");
}

TEST(Mapper, EventNameAndTimestampFromFields) {
  Mapper mapper = mapper_for(R"(  - name: cases
    connection: crm
    source: {object: Case}
    target: event
    identifiers: [{type: email, field: SuppliedEmail}]
    attributes: [{field: Priority, name: last_case_priority}]
    event:
      name_field: Status
      timestamp: {field: CreatedDate}
)");
  Record r;
  r.id = "500000000000001AAA";
  r.set("SuppliedEmail", Value::string("a@b.co"));
  r.set("Status", Value::string("Escalated"));
  r.set("Priority", Value::string("High"));
  r.set("CreatedDate", Value::datetime(1'700'000'123'000));
  MappedRecord m = mapper.map(r, kNow);
  ASSERT_EQ(m.mutations.size(), 2u);  // attributes on an event sync update the person's profile too
  EXPECT_EQ(*attribute(only<ProfileUpsert>(m, 0).attributes, "last_case_priority"), Value::string("High"));
  const auto& e = only<EventAppend>(m, 1);
  EXPECT_EQ(e.name, "Escalated");
  EXPECT_EQ(e.timestamp_ms, 1'700'000'123'000);

  Record no_ts = r;
  no_ts.fields[3].second = Value::null();
  MappedRecord skipped = mapper.map(no_ts, kNow);
  EXPECT_TRUE(skipped.mutations.empty());
  ASSERT_EQ(skipped.issues.size(), 1u);
  EXPECT_EQ(skipped.issues[0].code, "bad_timestamp");

  Record no_name = r;
  no_name.fields[1].second = Value::string("");
  EXPECT_EQ(mapper.map(no_name, kNow).issues.at(0).code, "no_event_name");
}

TEST(Mapper, ProfileWithAnEventSendsBoth) {
  Mapper mapper = mapper_for(kContacts + "    event: {name: contact_synced, timestamp: {field: Birthdate}}\n");
  MappedRecord m = mapper.map(contact(), kNow);
  ASSERT_EQ(m.mutations.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<ProfileUpsert>(m.mutations[0]));
  EXPECT_EQ(only<EventAppend>(m, 1).timestamp_ms, *parse_iso_datetime("1990-04-01T00:00:00Z"));
  Record bad = contact();
  bad.fields[6].second = Value::string("someday");
  MappedRecord b = mapper.map(bad, kNow);  // the profile lands, the event is dropped with a reason
  ASSERT_EQ(b.mutations.size(), 1u);
  ASSERT_EQ(b.issues.size(), 2u);  // the birthday attribute and the event
  EXPECT_FALSE(b.issues[1].skipped);
}

TEST(Mapper, DedupKeyIsOnePerRecordVersion) {
  Mapper mapper = mapper_for(kContacts + "    event: {name: contact_synced}\n");
  auto key = [&](const Record& r) { return std::get<EventAppend>(mapper.map(r, kNow).mutations.at(1)).dedup_key; };
  Record r = contact();
  EXPECT_EQ(key(r), key(r));
  EXPECT_EQ(key(r), std::get<EventAppend>(mapper.map(r, kNow + 60'000).mutations.at(1)).dedup_key);
  Record newer = r;
  newer.modstamp_ms += 1;
  EXPECT_NE(key(r), key(newer));
  EXPECT_NE(key(r), key(contact("003000000000002AAA")));
  Record unversioned = r;  // no SystemModstamp: the values are the version
  unversioned.modstamp_ms = 0;
  Record changed = unversioned;
  changed.fields[3].second = Value::string("Janet");
  EXPECT_EQ(key(unversioned), key(unversioned));
  EXPECT_NE(key(unversioned), key(changed));
  EXPECT_EQ(key(unversioned).rfind("contacts/003000000000001AAA/h", 0), 0u);
}

TEST(Mapper, AccountBecomesAnObject) {
  Mapper mapper = mapper_for(R"(  - name: accounts
    connection: crm
    source: {object: Account}
    target: object
    object: {type: account, id_template: "SF_Account_{{Account.Id}}"}
    attributes: [{field: Name, name: name}, {field: AnnualRevenue, name: revenue}]
)");
  Record r;
  r.id = "001000000000001AAA";
  r.set("Id", Value::string(r.id));
  r.set("Name", Value::string("Acme"));
  r.set("AnnualRevenue", Value::decimal("1000000"));
  MappedRecord m = mapper.map(r, kNow);
  const auto& o = only<ObjectUpsert>(m);
  EXPECT_EQ(o.object_type, "account");
  EXPECT_EQ(o.object_id, "SF_Account_001000000000001AAA");
  EXPECT_EQ(*attribute(o.attributes, "revenue"), Value::decimal("1000000"));
  Record no_id;
  no_id.id = "x";
  EXPECT_EQ(mapper.map(no_id, kNow).issues.at(0).code, "no_object_id");
}

TEST(Mapper, ContactAccountRelationship) {
  Mapper mapper = mapper_for(R"(  - name: account_contacts
    connection: crm
    source: {object: Contact}
    target: relationship
    identifiers: [{type: sf_contact_id, template: "SF_Contact_{{Id}}"}]
    relationship:
      object_type: account
      object_id_template: "SF_Account_{{AccountId}}"
      attributes: [{field: Title, name: role}]
)");
  Record r = contact();
  r.set("AccountId", Value::string("001000000000001AAA"));
  r.set("Title", Value::string("CFO"));
  MappedRecord m = mapper.map(r, kNow);
  const auto& rel = only<RelationshipUpsert>(m);
  EXPECT_EQ(rel.person, (std::vector<Identifier>{{"sf_contact_id", "SF_Contact_003000000000001AAA"}}));
  EXPECT_EQ(rel.object_type, "account");
  EXPECT_EQ(rel.object_id, "SF_Account_001000000000001AAA");
  EXPECT_EQ(*attribute(rel.attributes, "role"), Value::string("CFO"));
  MappedRecord orphan = mapper.map(contact(), kNow);  // no AccountId
  EXPECT_TRUE(orphan.mutations.empty());
  EXPECT_EQ(orphan.issues.at(0).code, "no_object_id");
}

TEST(Mapper, DeletionsFollowOnDelete) {
  Record deleted = contact();
  deleted.deleted = true;
  auto policy_of = [&](const std::string& extra) {
    MappedRecord m = mapper_for(kContacts + extra).map(deleted, kNow);
    return m;
  };
  auto mark = policy_of("");
  EXPECT_EQ(only<SourceDeletion>(mark).policy, SourceDeletion::Policy::Mark);
  EXPECT_EQ(only<SourceDeletion>(mark).source.record_id, "003000000000001AAA");
  EXPECT_EQ(only<SourceDeletion>(policy_of("    on_delete: remove\n")).policy, SourceDeletion::Policy::Remove);
  EXPECT_TRUE(policy_of("    on_delete: ignore\n").mutations.empty());

  auto with_event = policy_of("    delete_event: contact_deleted\n");
  ASSERT_EQ(with_event.mutations.size(), 2u);
  // The event first: the store finds its profile through the record link the deletion removes.
  const auto& e = only<EventAppend>(with_event, 0);
  EXPECT_TRUE(e.of_deleted_record);
  EXPECT_EQ(only<SourceDeletion>(with_event, 1).source.record_id, "003000000000001AAA");
  EXPECT_EQ(e.name, "contact_deleted");
  EXPECT_EQ(e.timestamp_ms, deleted.modstamp_ms);
  EXPECT_EQ(e.dedup_key, "contacts/003000000000001AAA/1704164645000/deleted");
  EXPECT_EQ(e.identifiers.size(), 3u);
}

// event.changed_to: the watched value travels as before, and whether it is an awaited one (ASCII
// case aside: SOQL compares text so too); without changed_to every value is.
TEST(Mapper, ChangedToMarksTheAwaitedValues) {
  const std::string events = "    event: {name: named, when_changed: FirstName";
  Mapper awaited = mapper_for(kContacts + events + ", changed_to: [jane, Joan]}\n");
  MappedRecord jane = awaited.map(contact(), kNow);
  const auto& e = only<EventAppend>(jane, 1);
  EXPECT_EQ(e.watched, "=Jane");
  EXPECT_TRUE(e.watched_matches);
  auto named = [](Value first_name) {  // set() appends: the record is rebuilt with another FirstName
    Record r = contact();
    for (auto& [path, value] : r.fields)
      if (path == "FirstName") value = first_name;
    return r;
  };
  Record other = named(Value::string("Janet"));
  EXPECT_FALSE(only<EventAppend>(awaited.map(other, kNow), 1).watched_matches);
  EXPECT_FALSE(only<EventAppend>(awaited.map(named(Value::null()), kNow), 1).watched_matches);
  Mapper any = mapper_for(kContacts + events + "}\n");
  EXPECT_TRUE(only<EventAppend>(any.map(other, kNow), 1).watched_matches);
}

TEST(Mapper, IsSafeToShareBetweenThreads) {
  Mapper mapper = mapper_for(kContacts);
  MappedRecord expected = mapper.map(contact(), kNow);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(2, 0);
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        MappedRecord m = mapper.map(contact(), kNow);
        const auto& a = std::get<ProfileUpsert>(m.mutations.at(0));
        const auto& b = std::get<ProfileUpsert>(expected.mutations.at(0));
        if (!(a.identifiers == b.identifiers) || a.attributes.size() != b.attributes.size()) ++mismatches[t];
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, (std::vector<int>{0, 0}));
}

TEST(Mapper, MapsAPageInOrderOnOneOrSeveralThreads) {
  Mapper mapper = mapper_for(kContacts);
  Page page;
  for (int i = 0; i < 500; ++i) {
    char id[19];
    std::snprintf(id, sizeof id, "003%015d", i);
    page.records.push_back(contact(id));
  }
  page.records[7].fields[1].second = Value::string("bad-email");
  for (unsigned threads : {1u, 3u}) {
    std::vector<MappedRecord> out = mapper.map_page(page, kNow, threads);
    ASSERT_EQ(out.size(), page.records.size());
    for (size_t i = 0; i < out.size(); ++i)
      EXPECT_EQ(std::get<ProfileUpsert>(out[i].mutations.at(0)).source.record_id, page.records[i].id);
    EXPECT_EQ(out[7].issues.size(), 1u);
    EXPECT_TRUE(out[8].issues.empty());
  }
  EXPECT_TRUE(mapper.map_page(Page{}, kNow, 4).empty());
}

// `type: phone` on an attribute: E.164 with the sync's default country, like a phone identifier;
// a number that is not one drops the attribute (reported), not the record.
TEST(Mapper, PhoneAttributesAreE164AndABadOneIsDropped) {
  std::string sync = kContacts;
  sync.replace(sync.find("    fixed:"), 0, "      - {field: MobilePhone, name: mobile, type: phone}\n");
  Mapper mapper = mapper_for(sync);
  Record r = contact();
  r.set("MobilePhone", Value::string("07911 123456"));
  MappedRecord m = mapper.map(r, kNow);
  EXPECT_TRUE(m.issues.empty());
  EXPECT_EQ(*attribute(only<ProfileUpsert>(m).attributes, "mobile"), Value::string("+447911123456"));

  Record bad = contact();
  bad.set("MobilePhone", Value::string("call me"));
  MappedRecord dropped = mapper.map(bad, kNow);
  ASSERT_EQ(dropped.issues.size(), 1u);
  EXPECT_EQ(dropped.issues[0].code, "invalid_phone");
  EXPECT_FALSE(dropped.issues[0].skipped);
  EXPECT_EQ(attribute(only<ProfileUpsert>(dropped).attributes, "mobile"), nullptr);
}
