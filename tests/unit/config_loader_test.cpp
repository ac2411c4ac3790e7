// Loading a full config: every key lands in the model, defaults are filled, ${ENV} is substituted
// and secrets never show in the redacted dump.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "config/config_dump.h"
#include "config/config_loader.h"
#include "config/fingerprint.h"
#include "config_test_support.h"

using namespace sfsync;
using namespace sfsync::testing;

namespace {

const std::string kFull = R"(store:
  path: ./data/sfsync.db
  identifier_buffer_above_profiles: 5000
hooks:
  webhook:
    url: https://hooks.example.com/sfsync
    batch_size: 50
    max_retries: 3
    headers:
      Authorization: Bearer ${HOOK_TOKEN}
    signing_secret: ${HOOK_SIGNING}
connections:
  crm:
    type: salesforce
    login_url: https://test.salesforce.com/
    api_version: v62.0
    auth:
      type: password
      client_id: sf-client
      client_secret: ${SF_SECRET}
      username: integration@example.com
      password: ${SF_PASSWORD}
  mc:
    type: sfmc
    subdomain: mc563885gzs27c5t9-63k636ttgm
    client_id: mc-client
    client_secret: ${MC_SECRET}
    account_id: "514009001"
    auth_base_url: http://127.0.0.1:8080
    rest_base_url: http://127.0.0.1:8080
  warehouse:
    type: postgres
    url: postgresql://etl:${PG_PASSWORD}@db.internal/analytics
syncs:
  - name: contacts
    connection: crm
    source: {object: contact}
    fields: [Email, Phone, Account.Name]
    filter:
      rules:
        - {field: Email, op: not_null}
        - {field: LeadSource, op: in, value: [Web, Phone Inquiry]}
    fetch_mode: full
    identifiers:
      - {type: email, field: Email}
      - {type: phone, field: Phone}
      - {type: sf_contact_id, template: "SF_Contact_{{Id}}"}
    on_invalid_identifier: skip_record
    default_phone_country: GB
    attributes:
      - {field: FirstName, name: first_name}
      - {field: NumberOfEmployees__c, name: employees, type: number}
    fixed: {crm_source: salesforce}
    event:
      name: contact_synced
      timestamp: {field: LastModifiedDate}
      parameters:
        - {field: LeadSource, name: source}
        - {name: origin, value: crm}
    on_delete: remove
    delete_event: contact_deleted
    options: {skip_hook: true, fast_fail: true, schedule: "*/15 * * * *", batch_size: 500, lag_seconds: 30, lookback_seconds: 60, api: bulk, bulk_job_timeout_seconds: 600}
  - name: subscribers
    connection: mc
    source: {data_extension_key: Subscribers_DE, page_size: 1000, max_pages_per_run: 3}
    identifiers: [{type: email, field: EmailAddress}]
  - name: push_contacts
    kind: push
    connection: crm
    model: {connection: warehouse, sql: "SELECT * FROM contacts"}
    destination:
      object: Contact
      mode: upsert
      external_id_field: External_Id__c
      mapping:
        - {column: last_name, field: LastName}
        - {field: LeadSource, value: Warehouse}
    options: {batch_size: 100, bulk_threshold: 5000}
)";

EnvLookup full_env() {
  return fake_env({{"SF_SECRET", "sf-secret-1"}, {"SF_PASSWORD", "pw-2"}, {"MC_SECRET", "mc-secret-3"},
                   {"HOOK_TOKEN", "hook-token-4"}, {"PG_PASSWORD", "pg-pass-5"}, {"HOOK_SIGNING", "hook-signing-6"}});
}

}  // namespace

TEST(ConfigLoader, ReadsEveryKindOfSetting) {
  auto r = parse(kFull, full_env());
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Config& c = r.value();
  EXPECT_EQ(c.store.path, "./data/sfsync.db");
  EXPECT_EQ(c.store.identifier_buffer_above_profiles, 5000);
  EXPECT_EQ(c.webhook.url, "https://hooks.example.com/sfsync");
  EXPECT_EQ(c.webhook.batch_size, 50);
  ASSERT_EQ(c.webhook.headers.size(), 1u);
  EXPECT_EQ(c.webhook.headers[0].second.reveal(), "Bearer hook-token-4");
  EXPECT_EQ(c.webhook.signing_secret.reveal(), "hook-signing-6");

  const Connection* crm = c.find_connection("crm");
  ASSERT_NE(crm, nullptr);
  EXPECT_EQ(crm->salesforce.login_url, "https://test.salesforce.com");  // trailing slash dropped
  EXPECT_EQ(crm->salesforce.api_version, "62.0");                       // "v" dropped
  EXPECT_EQ(crm->salesforce.auth.type, SalesforceAuthType::Password);
  EXPECT_EQ(crm->salesforce.auth.password.reveal(), "pw-2");
  EXPECT_EQ(crm->salesforce.auth.token_url, "https://test.salesforce.com/services/oauth2/token");
  const Connection* mc = c.find_connection("mc");
  EXPECT_EQ(mc->sfmc.rest_base_url, "http://127.0.0.1:8080");
  EXPECT_EQ(mc->sfmc.scopes, "data_extensions_read offline");
  EXPECT_EQ(c.find_connection("warehouse")->database.url.reveal(), "postgresql://etl:pg-pass-5@db.internal/analytics");

  const SyncConfig& s = c.syncs[0];
  EXPECT_EQ(s.object, "Contact");  // standard names are normalized
  EXPECT_EQ(s.fields, (std::vector<std::string>{"Email", "Phone", "Account.Name"}));
  ASSERT_EQ(s.filter.rules.size(), 2u);
  EXPECT_EQ(s.filter.rules[1].op, FilterOp::In);
  EXPECT_EQ(s.filter.rules[1].values, (std::vector<std::string>{"Web", "Phone Inquiry"}));
  EXPECT_EQ(s.fetch_mode, FetchMode::Full);
  ASSERT_EQ(s.identifiers.size(), 3u);
  EXPECT_EQ(s.identifiers[2].template_text, "SF_Contact_{{Id}}");
  EXPECT_EQ(s.on_invalid_identifier, InvalidIdentifierPolicy::SkipRecord);
  EXPECT_EQ(s.default_phone_country, "GB");
  ASSERT_EQ(s.attributes.size(), 3u);  // two mapped, one fixed
  EXPECT_EQ(s.attributes[1].type, AttributeType::Number);
  EXPECT_EQ(s.attributes[2].name, "crm_source");
  EXPECT_EQ(s.attributes[2].value, "salesforce");
  EXPECT_EQ(s.event.name, "contact_synced");
  EXPECT_EQ(s.event.timestamp_field, "LastModifiedDate");
  ASSERT_EQ(s.event.parameters.size(), 2u);
  EXPECT_EQ(s.event.parameters[1].value, "crm");
  EXPECT_EQ(s.on_delete, DeletePolicy::Remove);
  EXPECT_EQ(s.delete_event, "contact_deleted");
  EXPECT_TRUE(s.options.skip_hook);
  EXPECT_TRUE(s.options.schedule_cron.has_value());
  EXPECT_EQ(s.options.batch_size, 500);
  EXPECT_EQ(s.options.lag_seconds, 30);
  EXPECT_EQ(s.options.lookback_seconds, 60);
  EXPECT_EQ(s.options.bulk_job_timeout_seconds, 600);
  EXPECT_EQ(s.options.api, ApiChoice::Bulk);
  EXPECT_EQ(s.loc.line, line_of(kFull, "- name: contacts"));

  const SyncConfig& de = c.syncs[1];
  EXPECT_EQ(de.source_kind, SourceKind::DataExtension);
  EXPECT_EQ(de.data_extension.key, "Subscribers_DE");
  EXPECT_EQ(de.data_extension.modified_field, "ModifiedDate");
  EXPECT_EQ(de.data_extension.page_size, 1000);
  EXPECT_EQ(de.data_extension.max_pages_per_run, 3);
  EXPECT_EQ(de.on_delete, DeletePolicy::Mark);  // a tracked full pass finds deleted rows

  const SyncConfig& push = c.syncs[2];
  EXPECT_TRUE(push.is_push());
  EXPECT_EQ(push.push.model.sql, "SELECT * FROM contacts");
  EXPECT_EQ(push.push.external_id_field, "External_Id__c");
  ASSERT_EQ(push.push.mapping.size(), 2u);
  EXPECT_EQ(push.push.mapping[1].value, "Warehouse");
  EXPECT_EQ(push.options.batch_size, 100);
  EXPECT_EQ(push.options.bulk_threshold, 5000);
}

TEST(ConfigLoader, FillsDefaults) {
  auto r = parse(contacts_sync());
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Config& c = r.value();
  EXPECT_EQ(c.store.path, "./sfsync.db");
  EXPECT_EQ(c.store.identifier_buffer_above_profiles, 1000000);
  EXPECT_FALSE(c.store.is_postgres());
  EXPECT_TRUE(c.webhook.url.empty());
  const auto& sf = c.find_connection("crm")->salesforce;
  EXPECT_EQ(sf.api_version, "63.0");
  EXPECT_EQ(sf.auth.authorize_url, "https://acme.my.salesforce.com/services/oauth2/authorize");
  EXPECT_EQ(sf.auth.revoke_url, "https://acme.my.salesforce.com/services/oauth2/revoke");
  const auto& mc = c.find_connection("mc")->sfmc;
  EXPECT_EQ(mc.auth_base_url, "https://mc563885gzs27c5t9-63k636ttgm.auth.marketingcloudapis.com");
  EXPECT_EQ(mc.grant, SfmcGrant::ClientCredentials);
  const SyncConfig& s = c.syncs[0];
  EXPECT_EQ(s.kind, SyncKind::Pull);
  EXPECT_EQ(s.fetch_mode, FetchMode::Incremental);
  EXPECT_EQ(s.target, TargetKind::Profile);
  EXPECT_EQ(s.on_invalid_identifier, InvalidIdentifierPolicy::SkipIdentifier);
  EXPECT_EQ(s.default_phone_country, "US");
  EXPECT_EQ(s.on_delete, DeletePolicy::Mark);
  EXPECT_EQ(s.options.batch_size, 2000);
  EXPECT_EQ(s.options.api, ApiChoice::Auto);
  EXPECT_TRUE(s.fields.empty());
}

TEST(ConfigLoader, SubstitutesEnvironmentVariables) {
  auto r = parse(contacts_sync());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->find_connection("crm")->salesforce.auth.client_secret.reveal(), "s3cr3t-value");
  EXPECT_EQ(r->find_connection("crm")->salesforce.auth.refresh_token.reveal(), "5Aep861-refresh");
}

TEST(ConfigLoader, EnvDefaultAndEmbeddedValues) {
  std::string yaml = contacts_sync();
  yaml.replace(yaml.find("https://acme.my.salesforce.com"), 30, "${SFSYNC_LOGIN_URL:-http://127.0.0.1:9}");
  auto r = parse(yaml);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->find_connection("crm")->salesforce.login_url, "http://127.0.0.1:9");
  auto env = fake_env({{"SF_SECRET", "a"}, {"SF_REFRESH", "b"}, {"MC_SECRET", "c"},
                       {"SFSYNC_LOGIN_URL", "http://127.0.0.1:4711"}});
  auto r2 = parse(yaml, env);
  ASSERT_TRUE(r2.ok()) << r2.error().message;
  EXPECT_EQ(r2->find_connection("crm")->salesforce.login_url, "http://127.0.0.1:4711");
  EXPECT_EQ(r2->find_connection("crm")->salesforce.auth.token_url, "http://127.0.0.1:4711/services/oauth2/token");
}

TEST(ConfigLoader, UnsetEnvironmentVariableNamesItAndTheLine) {
  std::string yaml = contacts_sync();
  std::string err = error_of(yaml, fake_env({{"SF_SECRET", "x"}, {"MC_SECRET", "y"}}));
  EXPECT_EQ(err.rfind(at_line(yaml, "refresh_token: ${SF_REFRESH}"), 0), 0u) << err;
  EXPECT_NE(err.find("environment variable SF_REFRESH is not set"), std::string::npos) << err;
}

TEST(ConfigLoader, RedactedDumpHidesEverySecret) {
  auto r = parse(kFull, full_env());
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::string dump = redacted_dump(r.value());
  for (const char* secret : {"sf-secret-1", "pw-2", "mc-secret-3", "hook-token-4", "pg-pass-5", "hook-signing-6"})
    EXPECT_EQ(dump.find(secret), std::string::npos) << secret << " leaked:\n" << dump;
  EXPECT_NE(dump.find("postgresql://etl:***@db.internal/analytics"), std::string::npos) << dump;
  EXPECT_NE(dump.find("client_secret: \"***\""), std::string::npos) << dump;
  EXPECT_NE(dump.find("sf-client"), std::string::npos) << "non-secrets stay visible:\n" << dump;
  EXPECT_NE(dump.find("Subscribers_DE"), std::string::npos);
  EXPECT_NE(dump.find("utc_offset: +00:00"), std::string::npos) << dump;
}

TEST(ConfigLoader, RedactsUrlPasswords) {
  EXPECT_EQ(redact_url("postgresql://u:p@h/db"), "postgresql://u:***@h/db");
  EXPECT_EQ(redact_url("postgresql://h/db"), "postgresql://h/db");
  EXPECT_EQ(redact_url("host=h password=secret dbname=x"), "host=h password=*** dbname=x");
}

TEST(ConfigLoader, UnreadableYamlGivesTheParserMessageWithLine) {
  std::string yaml = "connections:\n  crm: {type: salesforce\nsyncs: []\n";
  std::string err = error_of(yaml);
  EXPECT_EQ(err.rfind("sfsync.yaml:", 0), 0u) << err;
  EXPECT_NE(err.find("invalid YAML"), std::string::npos) << err;
  std::string tabs = "connections:\n\tcrm: 1\n";
  EXPECT_NE(error_of(tabs).find("sfsync.yaml:2:"), std::string::npos) << error_of(tabs);
}

TEST(ConfigLoader, MissingFileSaysSo) {
  auto r = load_config_file("/nonexistent/sfsync.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("/nonexistent/sfsync.yaml: cannot read"), std::string::npos);
}

TEST(ConfigLoader, LoadsAFileAndTheDemoExample) {
  std::string path = std::string(SFSYNC_BINARY_DIR) + "/config_loader_test.yaml";
  {
    std::ofstream out(path);
    out << contacts_sync();
  }
  auto r = load_config_file(path, default_env());
  std::remove(path.c_str());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->syncs[0].loc.file, path);

  auto demo = load_config_file(std::string(SFSYNC_SOURCE_DIR) + "/examples/demo.yaml",
                               fake_env({{"SFSYNC_LOGIN_URL", "http://127.0.0.1:7777"}}));
  ASSERT_TRUE(demo.ok()) << demo.error().message;
  EXPECT_GE(demo->syncs.size(), 6u);
}

TEST(ConfigLoader, MappingFingerprintChangesWithTheMappingOnly) {
  auto fp = [](const std::string& yaml) {
    auto r = parse(yaml);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? mapping_fingerprint(r->syncs[0]) : std::string();
  };
  std::string base = fp(contacts_sync("    attributes: [{field: FirstName, name: first_name}]\n"));
  EXPECT_EQ(base.size(), 16u);
  EXPECT_EQ(base, fp(contacts_sync("    attributes: [{field: FirstName, name: first_name}]\n"
                                   "    options: {schedule: \"@daily\", batch_size: 500}\n")));
  EXPECT_NE(base, fp(contacts_sync("    attributes: [{field: FirstName, name: given_name}]\n")));
  EXPECT_NE(base, fp(contacts_sync("    attributes: [{field: FirstName, name: first_name, type: string}]\n")));
  EXPECT_NE(base, fp(contacts_sync("    attributes: [{field: FirstName, name: first_name}]\n"
                                   "    on_invalid_identifier: skip_record\n")));
  std::string push = "  - name: p\n    kind: push\n    connection: crm\n    model: {connection: warehouse, sql: \"SELECT 1\"}\n"
                     "    destination: {object: Contact, mapping: [{column: a, field: LastName}]}\n";
  std::string push_fp = fp(with_syncs(push));
  std::string changed = push;
  changed.replace(changed.find("column: a"), 9, "column: b");
  EXPECT_NE(push_fp, fp(with_syncs(changed)));
  changed = push;
  changed.replace(changed.find("SELECT 1"), 8, "SELECT 2");
  EXPECT_EQ(push_fp, fp(with_syncs(changed)));  // the model's rows are compared by their own hashes
}

// `fields:` without `attributes:` keeps the fields picked, each under its own name; a sync that
// lists attributes, or makes events, keeps only what it maps.
TEST(ConfigLoader, PickedFieldsWithoutAttributesBecomeAttributes) {
  auto picked = parse(contacts_sync("    fields: [FirstName, Account.Name]\n    fixed: {crm_source: salesforce}\n"));
  ASSERT_TRUE(picked.ok()) << picked.error().message;
  const auto& attrs = picked->syncs[0].attributes;
  ASSERT_EQ(attrs.size(), 3u);
  EXPECT_EQ(attrs[0].field, "FirstName");
  EXPECT_EQ(attrs[0].name, "FirstName");
  EXPECT_EQ(attrs[1].field, "Account.Name");
  EXPECT_EQ(attrs[2].name, "crm_source");
  auto mapped = parse(contacts_sync("    fields: [FirstName, Title]\n    attributes: [{field: Title, name: title}]\n"));
  ASSERT_TRUE(mapped.ok()) << mapped.error().message;
  ASSERT_EQ(mapped->syncs[0].attributes.size(), 1u);
  EXPECT_EQ(mapped->syncs[0].attributes[0].name, "title");
  auto events = parse(contacts_sync("    fields: [FirstName]\n    target: event\n    event: {name: seen}\n"));
  ASSERT_TRUE(events.ok()) << events.error().message;
  EXPECT_TRUE(events->syncs[0].attributes.empty());
}
