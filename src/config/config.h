// The sync configuration: what `sfsync.yaml` says, parsed and validated (see docs/config.md).
//
// One file holds three kinds of work: pull syncs from Salesforce CRM, pull syncs from Marketing
// Cloud Data Extensions (profiles only) and push syncs (reverse ETL). They share connections,
// store, hooks and options, so they share this model. Every element keeps its YAML location so
// that later checks (Describe, templates) can still point at the line to fix.
//
// Secrets (client secrets, tokens, passwords, database URLs, webhook headers) are held in Secret,
// which has no way to print itself; use redacted_dump() (config_dump.h) for logs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/cron.h"
#include "mapping/attribute_types.h"

namespace sfsync {

struct Location {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  std::string str() const { return file + ":" + std::to_string(line); }
};

// A secret value: read it with reveal() where it is sent, never log it.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string v) : value_(std::move(v)) {}
  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }

 private:
  std::string value_;
};

// ---- store and hooks -------------------------------------------------------------------------

struct StoreConfig {
  std::string path = "./sfsync.db";  // SQLite file (the default store)
  Secret postgres_url;               // set: PostgreSQL store (accepted now, implemented later)
  int64_t identifier_buffer_above_profiles = 1000000;  // SqliteStoreOptions (a tuning knob; same default)
  bool is_postgres() const { return !postgres_url.empty(); }
};

struct WebhookConfig {
  std::string url;  // empty: no webhook, and no outbox rows are kept
  int batch_size = 100;
  int max_retries = 5;
  std::vector<std::pair<std::string, Secret>> headers;  // often an Authorization header
  Secret signing_secret;  // when set, each POST is signed (X-Sfsync-Timestamp, X-Sfsync-Signature)
};

// ---- connections -----------------------------------------------------------------------------

enum class ConnectionType { Salesforce, Sfmc, Postgres, Sqlite, Csv };
std::string_view connection_type_name(ConnectionType t);

enum class SalesforceAuthType { RefreshToken, ClientCredentials, JwtBearer, AuthorizationCode, Password };
std::string_view salesforce_auth_name(SalesforceAuthType t);

struct SalesforceAuth {
  SalesforceAuthType type = SalesforceAuthType::RefreshToken;
  std::string client_id;
  Secret client_secret;
  Secret refresh_token;
  std::string username;
  Secret password;
  std::string private_key_file;  // jwt_bearer
  std::string authorize_url;     // defaults: <login_url>/services/oauth2/{authorize,token,revoke}
  std::string token_url;
  std::string revoke_url;
  std::string scopes = "api refresh_token offline_access";
  int redirect_port = 1717;  // authorization_code: local callback listener
};

struct SalesforceConnection {
  std::string login_url = "https://login.salesforce.com";  // no trailing slash
  std::string api_version = "63.0";
  SalesforceAuth auth;
  // sfsync stops making calls once the org's daily API usage (Sforce-Limit-Info) reaches this share
  // of its limit, leaving the rest to the org's other integrations; 100 = up to Salesforce's limit.
  int max_api_usage_percent = 90;
};

enum class SfmcGrant { ClientCredentials, AuthorizationCode };

struct SfmcConnection {
  std::string subdomain;  // 28 chars, "mc..."
  std::string client_id;
  Secret client_secret;
  std::string account_id;  // MID, optional
  std::string scopes = "data_extensions_read offline";
  SfmcGrant grant = SfmcGrant::ClientCredentials;
  Secret refresh_token;  // authorization_code (normally kept in the store by `sfsync connect`)
  int redirect_port = 1717;
  std::string auth_base_url;  // default https://<subdomain>.auth.marketingcloudapis.com
  std::string rest_base_url;  // default https://<subdomain>.rest.marketingcloudapis.com
  // The account's time zone, as an offset from UTC: Data Extension dates come as wall times
  // without a zone, and are read as UTC minus this (utc_offset "-06:00" = -360).
  int utc_offset_minutes = 0;
};

// Reverse-ETL model sources.
struct DatabaseConnection {
  Secret url;        // postgres: libpq connection string / URL (may hold a password)
  std::string path;  // sqlite: database file; csv: file or folder
  char csv_delimiter = ',';
};

struct Connection {
  std::string name;
  ConnectionType type = ConnectionType::Salesforce;
  Location loc;
  SalesforceConnection salesforce;  // type == Salesforce
  SfmcConnection sfmc;              // type == Sfmc
  DatabaseConnection database;      // type == Postgres | Sqlite | Csv
};

// ---- syncs -----------------------------------------------------------------------------------

enum class SyncKind { Pull, Push };
enum class SourceKind { SalesforceObject, SalesforceSoql, DataExtension, Model };
enum class FetchMode { Incremental, Full };
enum class TargetKind { Profile, Event, Object, Relationship };
enum class InvalidIdentifierPolicy { SkipIdentifier, SkipRecord };
enum class DeletePolicy { Mark, Remove, Ignore };
enum class ApiChoice { Auto, Rest, Bulk };
enum class FilterOp { Eq, Neq, Lt, Lte, Gt, Gte, Like, In, NotIn, IsNull, NotNull };
std::string_view target_kind_name(TargetKind t);
std::string_view filter_op_name(FilterOp op);

struct IdentifierMapping {
  std::string type;           // "email", "phone", "uuid" or a custom type
  std::string field;          // either a field path ...
  std::string template_text;  // ... or a template such as "SF_Lead_{{Id}}"
  Location loc;
};

// A field copied to a named attribute/parameter, or a fixed value (field empty, value set).
struct FieldMapping {
  std::string field;
  std::string name;
  AttributeType type = AttributeType::Auto;
  std::optional<std::string> value;  // fixed value
  Location loc;
};

struct FilterRule {
  std::string field;
  FilterOp op = FilterOp::Eq;
  std::vector<std::string> values;  // one for comparisons, many for in/not_in, none for (not_)null
  Location loc;
};

struct Filter {
  std::vector<FilterRule> rules;  // ANDed
  std::string where;              // raw WHERE clause (exclusive with rules)
  bool empty() const { return rules.empty() && where.empty(); }
};

struct DataExtensionSource {
  std::string key;  // CustomerKey
  std::string modified_field = "ModifiedDate";
  int page_size = 2500;
  int max_pages_per_run = 50;
  int utc_offset_minutes = 0;  // the connection's utc_offset
};

struct EventSpec {
  std::string name;        // fixed name ...
  std::string name_field;  // ... or read from this field
  std::string timestamp_field;  // empty: processing time
  std::vector<FieldMapping> parameters;
  // Only versions in which this field's value differs from the one the sync last saw of the record
  // make an event (the first version seen counts as a change); empty: every version does.
  std::string when_changed;
  // With when_changed: only moves to one of these values make an event (compared as text, ASCII
  // case-insensitively); empty: any move does.
  std::vector<std::string> changed_to;
  Location loc;
  bool enabled() const { return !name.empty() || !name_field.empty(); }
};

struct ObjectSpec {
  std::string type;
  std::string id_template;
  Location loc;
};

struct RelationshipSpec {
  std::string object_type;
  std::string object_id_template;
  std::vector<FieldMapping> attributes;
  Location loc;
};

struct SyncOptions {
  bool skip_hook = false;
  bool fast_fail = false;
  std::string schedule;                  // cron text, "" = manual only
  std::optional<CronSchedule> schedule_cron;
  // Pull syncs: when the daemon re-reads everything (`sync --full`): formula and related-record
  // fields refreshed, deletions older than the recycle bin found. "" = never.
  std::string full_schedule;
  std::optional<CronSchedule> full_schedule_cron;
  int batch_size = 2000;                 // pull: 200..2000 (query page size); push: 1..200
  int lag_seconds = 0;                   // upper bound of a run = start - lag
  int lookback_seconds = 300;            // object syncs: re-read changes stamped this long before the last bound
  ApiChoice api = ApiChoice::Auto;
  int bulk_job_timeout_seconds = 3600;   // pull, api: bulk: a query job still running then is aborted
  int64_t bulk_threshold = 10000;        // push: change sets above this go through Bulk API 2.0
};

// Reverse ETL (kind: push).
enum class PushMode { Upsert, Insert, Update, Mirror };
enum class AudienceMode { Add, Remove, Mirror, Upsert };

struct ModelSpec {
  std::string connection;  // a postgres/sqlite/csv connection, or "store" (the customer store)
  std::string sql;
  std::string file;
};

struct ColumnMapping {
  std::string column;               // model column ...
  std::string field;                // ... to this Salesforce field
  std::optional<std::string> value; // or a fixed value
  Location loc;
};

struct AudienceSpec {
  std::string campaign_id;
  AudienceMode mode = AudienceMode::Add;
  std::string status_field;
};

struct PushSpec {
  ModelSpec model;
  std::string object;           // a Salesforce object (salesforce connection) ...
  std::string data_extension;   // ... or a Data Extension's CustomerKey (sfmc connection)
  PushMode mode = PushMode::Upsert;
  std::string external_id_field = "Id";
  std::vector<ColumnMapping> mapping;
  std::optional<AudienceSpec> audience;
  Location loc;
};

struct SyncConfig {
  std::string name;
  Location loc;
  SyncKind kind = SyncKind::Pull;
  std::string connection;
  SourceKind source_kind = SourceKind::SalesforceObject;
  std::string object;  // SalesforceObject: API name; SalesforceSoql: the FROM object
  std::string soql;    // SalesforceSoql, with the {lastSyncTime} placeholder for incremental runs
  DataExtensionSource data_extension;

  std::vector<std::string> fields;  // empty: all fields from Describe
  Filter filter;
  FetchMode fetch_mode = FetchMode::Incremental;
  TargetKind target = TargetKind::Profile;
  std::vector<IdentifierMapping> identifiers;
  InvalidIdentifierPolicy on_invalid_identifier = InvalidIdentifierPolicy::SkipIdentifier;
  std::string default_phone_country = "US";
  std::vector<FieldMapping> attributes;  // field mappings, then fixed values
  EventSpec event;
  ObjectSpec object_target;
  RelationshipSpec relationship;
  DeletePolicy on_delete = DeletePolicy::Mark;
  std::string delete_event;  // optional event name appended when a record is deleted
  SyncOptions options;

  PushSpec push;  // kind == Push

  bool is_push() const { return kind == SyncKind::Push; }
  bool from_salesforce() const { return kind == SyncKind::Pull && source_kind != SourceKind::DataExtension; }
};

struct Config {
  std::string file;  // where it was loaded from (for messages)
  StoreConfig store;
  WebhookConfig webhook;
  std::vector<Connection> connections;
  std::vector<SyncConfig> syncs;

  const Connection* find_connection(std::string_view name) const;
  const SyncConfig* find_sync(std::string_view name) const;
};

}  // namespace sfsync
