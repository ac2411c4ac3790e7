// Bad configs: each problem gives ONE line with file:line, what is wrong and how to fix it.
#include <gtest/gtest.h>

#include "config_test_support.h"

using namespace sfsync;
using namespace sfsync::testing;

namespace {

// Asserts `yaml` fails with exactly `file:line: <expected>` where line is the line holding `where`.
void expect_error(const std::string& yaml, const std::string& where, const std::string& expected) {
  std::string err = error_of(yaml);
  EXPECT_EQ(err, at_line(yaml, where) + expected);
}

}  // namespace

TEST(ConfigValidation, MissingIdentifierMapping) {
  std::string yaml = contacts_sync("", "");
  expect_error(yaml, "name: contacts",
               "sync \"contacts\": identifiers: at least one identifier mapping is required "
               "(add {type: email, field: Email})");
}

TEST(ConfigValidation, UnknownKeySuggestsTheNearest) {
  std::string yaml = contacts_sync("    identifers: []\n");
  expect_error(yaml, "identifers", "sync \"contacts\": unknown key \"identifers\" (did you mean \"identifiers\"?)");
  std::string top = "conections: {}\n";
  expect_error(top, "conections", "unknown key \"conections\" (did you mean \"connections\"?)");
  std::string nested = contacts_sync("    options: {skiphook: true}\n");
  expect_error(nested, "options:", "sync \"contacts\": options: unknown key \"skiphook\" (did you mean \"skip_hook\"?)");
}

TEST(ConfigValidation, UnknownObjectSuggestsTheStandardName) {
  std::string yaml = with_syncs("  - name: c\n    connection: crm\n    source: {object: Contcat}\n"
                                "    identifiers: [{type: email, field: Email}]\n");
  expect_error(yaml, "source:", "sync \"c\": source.object: unknown object \"Contcat\" (did you mean \"Contact\"? "
                                "custom objects end in __c)");
}

TEST(ConfigValidation, OtherStandardAndCustomObjectsAreLeftToDescribe) {
  for (const char* object : {"Note", "User", "Invoice__c", "task"}) {
    auto r = parse(with_syncs(std::string("  - name: c\n    connection: crm\n    source: {object: ") + object +
                              "}\n    identifiers: [{type: email, field: Email}]\n"));
    EXPECT_TRUE(r.ok()) << object << ": " << r.error().message;
  }
}

TEST(ConfigValidation, BadCronNamesTheField) {
  std::string yaml = contacts_sync("    options:\n      schedule: \"61 * * * *\"\n");
  expect_error(yaml, "schedule:", "sync \"contacts\": options.schedule: \"61 * * * *\": minute field \"61\": "
                                  "61 is out of range 0-59");
  std::string dow = contacts_sync("    options:\n      schedule: \"0 9 * * MOX\"\n");
  EXPECT_NE(error_of(dow).find("day-of-week field \"MOX\""), std::string::npos) << error_of(dow);
  std::string four = contacts_sync("    options:\n      schedule: \"0 9 * *\"\n");
  EXPECT_NE(error_of(four).find("expected 5 fields"), std::string::npos);
}

TEST(ConfigValidation, BadEnumValueListsTheChoices) {
  std::string yaml = contacts_sync("    target: profil\n");
  expect_error(yaml, "target:", "sync \"contacts\": target: \"profil\" is not one of \"profile\", \"event\", "
                                "\"object\", \"relationship\" (did you mean \"profile\"?)");
}

TEST(ConfigValidation, BadFilterRules) {
  std::string op = contacts_sync("    filter:\n      rules:\n        - {field: Email, op: equals, value: x}\n");
  EXPECT_NE(error_of(op).find("filter.rules[0].op: \"equals\" is not one of"), std::string::npos) << error_of(op);
  std::string missing = contacts_sync("    filter:\n      rules:\n        - {field: Email, op: gt}\n");
  EXPECT_NE(error_of(missing).find("op gt needs a value"), std::string::npos) << error_of(missing);
  std::string extra = contacts_sync("    filter:\n      rules:\n        - {field: Email, op: is_null, value: x}\n");
  EXPECT_NE(error_of(extra).find("is_null takes no value"), std::string::npos);
  std::string both = contacts_sync("    filter:\n      where: \"Email != null\"\n      rules:\n        - {field: Email, op: not_null}\n");
  EXPECT_NE(error_of(both).find("set either rules or where, not both"), std::string::npos);
  std::string bad_field = contacts_sync("    filter:\n      rules:\n        - {field: \"Email; DROP\", op: not_null}\n");
  EXPECT_NE(error_of(bad_field).find("is not a field name"), std::string::npos);
}

TEST(ConfigValidation, UnknownConnectionSuggestsTheNearest) {
  std::string yaml = with_syncs("  - name: c\n    connection: crn\n    source: {object: Contact}\n"
                                "    identifiers: [{type: email, field: Email}]\n");
  expect_error(yaml, "connection: crn", "sync \"c\": connection: no connection named \"crn\" (did you mean \"crm\"?)");
}

// A child sub-query's rows would be dropped without a word: refused, naming the way that works.
TEST(ConfigValidation, CustomSoqlWithAChildSubqueryIsRefused) {
  std::string yaml = with_syncs(
      "  - name: a\n    connection: crm\n    source: {soql: \"SELECT Id, Name, ( select Id FROM Contacts) FROM Account "
      "WHERE SystemModstamp > {lastSyncTime}\"}\n    identifiers: [{type: uuid, template: \"A_{{Id}}\"}]\n");
  std::string error = error_of(yaml);
  EXPECT_NE(error.find("sub-queries"), std::string::npos) << error;
  EXPECT_NE(error.find("source: {object: Contact}"), std::string::npos) << error;
  std::string quoted = with_syncs(
      "  - name: a\n    connection: crm\n    source: {soql: \"SELECT Id, Name FROM Account WHERE Name != '(SELECT' "
      "AND SystemModstamp > {lastSyncTime}\"}\n    identifiers: [{type: uuid, template: \"A_{{Id}}\"}]\n");
  EXPECT_TRUE(parse(quoted).ok()) << "text in a literal is no sub-query: " << error_of(quoted);
}

TEST(ConfigValidation, SourceNeedsExactlyObjectOrSoql) {
  std::string yaml = with_syncs("  - name: c\n    connection: crm\n    source: {object: Contact, soql: \"SELECT Id FROM Contact\"}\n"
                                "    identifiers: [{type: email, field: Email}]\n");
  EXPECT_NE(error_of(yaml).find("set exactly one of object"), std::string::npos);
}

TEST(ConfigValidation, CustomSoqlNeedsPlaceholderAndSelectedFields) {
  std::string no_placeholder = with_syncs(
      "  - name: c\n    connection: crm\n    source: {soql: \"SELECT Id, Email FROM Contact\"}\n"
      "    identifiers: [{type: email, field: Email}]\n");
  EXPECT_NE(error_of(no_placeholder).find("needs the {lastSyncTime} placeholder"), std::string::npos);
  std::string full_ok = with_syncs(
      "  - name: c\n    connection: crm\n    fetch_mode: full\n    source: {soql: \"SELECT Id, Email FROM Contact\"}\n"
      "    identifiers: [{type: email, field: Email}]\n");
  EXPECT_TRUE(parse(full_ok).ok());
  std::string unselected = with_syncs(
      "  - name: c\n    connection: crm\n    source: {soql: \"SELECT Id, Email FROM Contact WHERE SystemModstamp > {lastSyncTime}\"}\n"
      "    identifiers: [{type: email, field: Email}, {type: phone, field: Phone}]\n");
  EXPECT_NE(error_of(unselected).find("uses field \"Phone\", which the soql query does not select"), std::string::npos)
      << error_of(unselected);
  auto ok = parse(with_syncs(
      "  - name: c\n    connection: crm\n    source: {soql: \"SELECT Id, Email FROM Lead WHERE SystemModstamp > {lastSyncTime}\"}\n"
      "    identifiers: [{type: email, field: Email}, {type: lead_id, template: \"SF_Lead_{{Lead.Id}}\"}]\n"));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->syncs[0].object, "Lead");
}

TEST(ConfigValidation, TemplateErrors) {
  std::string open = contacts_sync("", "    identifiers:\n      - {type: crm_id, template: \"SF_{{Id\"}\n");
  EXPECT_NE(error_of(open).find("\"{{\" is never closed"), std::string::npos) << error_of(open);
  std::string constant = contacts_sync("", "    identifiers:\n      - {type: crm_id, template: \"SF_Contact\"}\n");
  EXPECT_NE(error_of(constant).find("has no {{Field}} placeholder"), std::string::npos);
  std::string both = contacts_sync("", "    identifiers:\n      - {type: crm_id, field: Id, template: \"SF_{{Id}}\"}\n");
  EXPECT_NE(error_of(both).find("set exactly one of field"), std::string::npos);
}

TEST(ConfigValidation, DataExtensionSyncsRejectEvents) {
  std::string yaml = with_syncs("  - name: subs\n    connection: mc\n    source: {data_extension_key: Subscribers_DE}\n"
                                "    target: event\n    identifiers: [{type: email, field: EmailAddress}]\n"
                                "    event: {name: subscribed}\n");
  EXPECT_NE(error_of(yaml).find("Data Extension syncs make profiles only; events are not part of DE syncs"),
            std::string::npos)
      << error_of(yaml);
  std::string page = with_syncs("  - name: subs\n    connection: mc\n    source: {data_extension_key: K, page_size: 5000}\n"
                                "    identifiers: [{type: email, field: EmailAddress}]\n");
  EXPECT_NE(error_of(page).find("source.page_size: 5000 is out of range (use 1 to 2500)"), std::string::npos)
      << error_of(page);
  std::string object = with_syncs("  - name: subs\n    connection: mc\n    source: {object: Contact}\n"
                                  "    identifiers: [{type: email, field: EmailAddress}]\n");
  EXPECT_NE(error_of(object).find("unknown key \"object\""), std::string::npos) << error_of(object);
}

TEST(ConfigValidation, ConnectionChecks) {
  auto conn = [](const std::string& body) { return "connections:\n  x:\n" + body + "syncs: []\n"; };
  EXPECT_NE(error_of(conn("    type: sfmc\n    subdomain: mytenant\n    client_id: a\n    client_secret: b\n"))
                .find("\"mytenant\" is not a Marketing Cloud subdomain"),
            std::string::npos);
  EXPECT_NE(error_of(conn("    type: sfmc\n    subdomain: https://mc563885gzs27c5t9-63k636ttgm.auth.marketingcloudapis.com\n"
                          "    client_id: a\n    client_secret: b\n"))
                .find("write only the tenant part"),
            std::string::npos);
  std::string version = conn("    type: salesforce\n    api_version: \"70.0\"\n    auth: {type: refresh_token, client_id: a, refresh_token: b}\n");
  EXPECT_NE(error_of(version).find("api_version: 70.0 is not supported (use 57.0 to 63.0"), std::string::npos)
      << error_of(version);
  std::string cc = conn("    type: salesforce\n    auth: {type: client_credentials, client_id: a, client_secret: b}\n");
  EXPECT_NE(error_of(cc).find("client_credentials needs your My Domain login_url"), std::string::npos) << error_of(cc);
  std::string jwt = conn("    type: salesforce\n    auth: {type: jwt_bearer, client_id: a, username: u}\n");
  EXPECT_NE(error_of(jwt).find("auth type jwt_bearer needs private_key_file"), std::string::npos) << error_of(jwt);
  std::string lightning = conn("    type: salesforce\n    login_url: https://acme.lightning.force.com\n"
                               "    auth: {type: authorization_code, client_id: a}\n");
  EXPECT_NE(error_of(lightning).find("is a Lightning UI address"), std::string::npos);
  std::string http = conn("    type: salesforce\n    login_url: http://login.salesforce.com\n"
                          "    auth: {type: authorization_code, client_id: a}\n");
  EXPECT_NE(error_of(http).find("must start with https://"), std::string::npos);
  std::string flat = conn("    type: salesforce\n    client_id: a\n    auth: {type: authorization_code, client_id: a}\n");
  EXPECT_NE(error_of(flat).find("connection \"x\": client_id: belongs under auth:"), std::string::npos) << error_of(flat);
  std::string type = conn("    type: salesforse\n");
  EXPECT_NE(error_of(type).find("(did you mean \"salesforce\"?)"), std::string::npos);
  std::string mc_key = conn("    type: salesforce\n    subdomain: x\n    auth: {type: authorization_code, client_id: a}\n");
  EXPECT_NE(error_of(mc_key).find("connection \"x\": unknown key \"subdomain\""), std::string::npos) << error_of(mc_key);
}

// utc_offset on a Marketing Cloud connection: "±HH:MM" (or "Z") within real zones, handed to
// its Data Extension syncs.
TEST(ConfigValidation, MarketingCloudUtcOffset) {
  auto yaml = [](const std::string& offset) {
    return "connections:\n  mc:\n    type: sfmc\n    subdomain: mc563885gzs27c5t9-63k636ttgm\n"
           "    client_id: a\n    client_secret: b\n    utc_offset: \"" + offset + "\"\n"
           "syncs:\n  - name: subs\n    connection: mc\n    source: {data_extension_key: K}\n"
           "    identifiers: [{type: email, field: EmailAddress}]\n";
  };
  for (auto [text, minutes] : std::vector<std::pair<std::string, int>>{{"-06:00", -360}, {"+05:30", 330}, {"Z", 0},
                                                                       {"+14:00", 840}, {"-12:00", -720}}) {
    auto c = parse_config(yaml(text), "test.yaml");
    ASSERT_TRUE(c.ok()) << text << ": " << c.error().message;
    EXPECT_EQ(c->find_connection("mc")->sfmc.utc_offset_minutes, minutes) << text;
    EXPECT_EQ(c->syncs[0].data_extension.utc_offset_minutes, minutes) << text;
  }
  for (const char* bad : {"-6", "CST", "+15:00", "-12:30", "+05:60", "06:00", "+5:30"})
    EXPECT_NE(error_of(yaml(bad)).find("utc_offset: \"" + std::string(bad) + "\" is not a UTC offset"), std::string::npos)
        << bad << ": " << error_of(yaml(bad));
}

TEST(ConfigValidation, ScopesTheSyncsNeed) {
  std::string de = "connections:\n  mc:\n    type: sfmc\n    subdomain: mc563885gzs27c5t9-63k636ttgm\n"
                   "    client_id: a\n    client_secret: b\n    scopes: offline list_and_subscribers_read\n"
                   "syncs:\n  - name: subs\n    connection: mc\n    source: {data_extension_key: K}\n"
                   "    identifiers: [{type: email, field: EmailAddress}]\n";
  expect_error(de, "connection: mc", "sync \"subs\": connection: connection \"mc\" lacks the scope data_extensions_read "
                                     "that Data Extension syncs need (add it to its scopes and to the Installed "
                                     "Package: both sides must list it)");
  std::string sf = "connections:\n  crm:\n    type: salesforce\n"
                   "    auth: {type: authorization_code, client_id: a, scopes: api}\nsyncs: []\n";
  EXPECT_NE(error_of(sf).find("auth.scopes: \"api\" has no refresh_token scope"), std::string::npos) << error_of(sf);
}

TEST(ConfigValidation, OptionRanges) {
  std::string batch = contacts_sync("    options: {batch_size: 5000}\n");
  EXPECT_NE(error_of(batch).find("options.batch_size: 5000 is out of range (use 200 to 2000)"), std::string::npos)
      << error_of(batch);
  std::string not_number = contacts_sync("    options: {batch_size: lots}\n");
  EXPECT_NE(error_of(not_number).find("\"lots\" is not a whole number"), std::string::npos);
  std::string not_bool = contacts_sync("    options: {skip_hook: maybe}\n");
  EXPECT_NE(error_of(not_bool).find("\"maybe\" is not true or false"), std::string::npos);
}

TEST(ConfigValidation, PhoneCountryAndTypes) {
  std::string country = contacts_sync("    default_phone_country: XX\n");
  EXPECT_NE(error_of(country).find("\"XX\" is not a two-letter country code"), std::string::npos);
  std::string type = contacts_sync("    attributes: [{field: Age__c, name: age, type: integer}]\n");
  EXPECT_NE(error_of(type).find("attributes[0].type: \"integer\" is not one of"), std::string::npos) << error_of(type);
  std::string fixed = contacts_sync("    attributes: [{name: score, value: high, type: number}]\n");
  EXPECT_NE(error_of(fixed).find("attributes[0].value: \"high\" (string) is not a valid number"), std::string::npos)
      << error_of(fixed);
}

TEST(ConfigValidation, TargetSpecificBlocks) {
  std::string event = contacts_sync("    target: event\n");
  EXPECT_NE(error_of(event).find("target event needs event:"), std::string::npos);
  std::string name = contacts_sync("    target: event\n    event: {timestamp: processing_time}\n");
  EXPECT_NE(error_of(name).find("set exactly one of name"), std::string::npos);
  std::string ts = contacts_sync("    target: event\n    event: {name: x, timestamp: now}\n");
  EXPECT_NE(error_of(ts).find("write processing_time or {field: CreatedDate}"), std::string::npos);
  std::string object = with_syncs("  - name: a\n    connection: crm\n    source: {object: Account}\n    target: object\n");
  EXPECT_NE(error_of(object).find("target object needs object:"), std::string::npos);
  std::string rel = contacts_sync("    target: relationship\n");
  EXPECT_NE(error_of(rel).find("target relationship needs relationship:"), std::string::npos);
  std::string rel_fixed = contacts_sync("    target: relationship\n    fixed: {source: crm}\n"
                                        "    relationship: {object_type: account, object_id_template: \"A_{{AccountId}}\"}\n");
  EXPECT_NE(error_of(rel_fixed).find("fixed: a relationship's fixed values go under relationship.attributes"),
            std::string::npos)
      << error_of(rel_fixed);
  std::string stray = contacts_sync("    object: {type: account, id_template: \"A_{{Id}}\"}\n");
  EXPECT_NE(error_of(stray).find("only used with target: object"), std::string::npos);
}

// A sync without a target makes profiles; over an object whose records are not people (Account,
// Opportunity) the error says what to write instead of asking for an email.
TEST(ConfigValidation, AProfileSyncOverANonPersonObjectSuggestsATarget) {
  std::string account = with_syncs("  - name: a\n    connection: crm\n    source: {object: Account}\n");
  EXPECT_NE(error_of(account).find("Account records are not people: set target: object with object: {type: account, "
                                   "id_template: \"SF_Account_{{Id}}\"}"),
            std::string::npos)
      << error_of(account);
  std::string lead = with_syncs("  - name: l\n    connection: crm\n    source: {object: lead}\n");
  EXPECT_NE(error_of(lead).find("at least one identifier mapping is required"), std::string::npos) << error_of(lead);
  std::string explicit_profile =
      with_syncs("  - name: o\n    connection: crm\n    source: {object: Opportunity}\n    target: profile\n");
  EXPECT_NE(error_of(explicit_profile).find("at least one identifier mapping is required"), std::string::npos)
      << error_of(explicit_profile);
}

// event.changed_to names a value of the when_changed field: one, or a list (a value may hold a
// comma, so one is never split); without when_changed it means nothing.
TEST(ConfigValidation, ChangedToNeedsWhenChanged) {
  std::string alone = contacts_sync("    event: {name: won, changed_to: Closed Won}\n");
  EXPECT_NE(error_of(alone).find("event.changed_to: needs when_changed"), std::string::npos) << error_of(alone);
  std::string empty = contacts_sync("    event: {name: won, when_changed: StageName, changed_to: []}\n");
  EXPECT_NE(error_of(empty).find("write the value the field must change to"), std::string::npos) << error_of(empty);
  auto one = parse(contacts_sync("    event: {name: won, when_changed: StageName, changed_to: \"Won, finally\"}\n"));
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(one->syncs[0].event.changed_to, (std::vector<std::string>{"Won, finally"}));
  auto two = parse(contacts_sync("    event: {name: closed, when_changed: StageName, changed_to: [Closed Won, Closed Lost]}\n"));
  ASSERT_TRUE(two.ok()) << two.error().message;
  EXPECT_EQ(two->syncs[0].event.changed_to, (std::vector<std::string>{"Closed Won", "Closed Lost"}));
}

TEST(ConfigValidation, FullScheduleIsACronOfPullSyncs) {
  std::string bad = contacts_sync("    options: {full_schedule: \"0 3 * * SUNDAY\"}\n");
  EXPECT_NE(error_of(bad).find("options.full_schedule: \"0 3 * * SUNDAY\": day-of-week field"), std::string::npos)
      << error_of(bad);
  auto good = parse(contacts_sync("    options: {schedule: \"*/15 * * * *\", full_schedule: \"0 3 * * SUN\"}\n"));
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_TRUE(good->syncs[0].options.full_schedule_cron.has_value());
  auto de = parse(with_syncs("  - name: subs\n    connection: mc\n    source: {data_extension_key: K}\n"
                             "    identifiers: [{type: email, field: EmailAddress}]\n"
                             "    options: {full_schedule: \"@weekly\"}\n"));
  ASSERT_TRUE(de.ok()) << de.error().message;
  EXPECT_TRUE(de->syncs[0].options.full_schedule_cron.has_value());
}

TEST(ConfigValidation, DuplicateNamesAndKinds) {
  std::string one = "  - name: c\n    connection: crm\n    source: {object: Contact}\n"
                    "    identifiers: [{type: email, field: Email}]\n";
  EXPECT_NE(error_of(with_syncs(one + one)).find("sync \"c\" is defined twice"), std::string::npos);
  std::string push_to_sqlite = with_syncs("  - name: p\n    kind: push\n    connection: warehouse\n"
                                          "    model: {connection: warehouse, sql: \"SELECT 1\"}\n"
                                          "    destination: {object: Contact, mapping: [{column: a, field: LastName}]}\n");
  EXPECT_NE(error_of(push_to_sqlite).find("a push sync writes to a salesforce or sfmc connection"), std::string::npos);
  std::string pull_keys_on_push = with_syncs("  - name: p\n    kind: push\n    connection: crm\n    source: {object: Contact}\n");
  EXPECT_NE(error_of(pull_keys_on_push).find("sync \"p\": unknown key \"source\""), std::string::npos);
  std::string skip_hook_on_push = with_syncs("  - name: p\n    kind: push\n    connection: crm\n"
                                             "    model: {connection: warehouse, sql: \"SELECT 1\"}\n"
                                             "    destination: {object: Contact, mapping: [{column: a, field: LastName}]}\n"
                                             "    options: {skip_hook: true}\n");
  EXPECT_NE(error_of(skip_hook_on_push).find("options: unknown key \"skip_hook\""), std::string::npos)
      << error_of(skip_hook_on_push);
  std::string no_model = with_syncs("  - name: p\n    kind: push\n    connection: crm\n"
                                    "    destination: {object: Contact, mapping: [{column: a, field: LastName}]}\n");
  EXPECT_NE(error_of(no_model).find("\"model\" is required"), std::string::npos);
  std::string audience = with_syncs("  - name: p\n    kind: push\n    connection: crm\n"
                                    "    model: {connection: warehouse, sql: \"SELECT 1\"}\n"
                                    "    destination: {object: Contact, audience: {campaign_id: 701000000000001, mode: upsert}}\n");
  EXPECT_NE(error_of(audience).find("audience mode upsert needs status_field"), std::string::npos) << error_of(audience);
}

TEST(ConfigValidation, EmptyFileAndWrongShapes) {
  EXPECT_NE(error_of("").find("the file is empty"), std::string::npos);
  EXPECT_NE(error_of("- a\n- b\n").find("must be a map"), std::string::npos);
  std::string ids_map = contacts_sync("", "    identifiers: {type: email, field: Email}\n");
  EXPECT_NE(error_of(ids_map).find("identifiers: must be a list"), std::string::npos) << error_of(ids_map);
}

TEST(ConfigValidation, NegativeStoreTuningValueNamesTheKey) {
  std::string yaml = "store: {path: ./s.db, identifier_buffer_above_profiles: -5}\n" + contacts_sync();
  EXPECT_NE(error_of(yaml).find("identifier_buffer_above_profiles"), std::string::npos) << error_of(yaml);
}
