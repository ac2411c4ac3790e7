// syncs with kind: push (reverse ETL): a model (SQL or file) sent to a Salesforce object, or
// upserted into a Marketing Cloud Data Extension.
// Parsed with basic checks now; Describe-time checks (required fields, read-only fields) belong to
// the push engine.
#include <algorithm>
#include <cctype>

#include "config/config_loader.h"

namespace sfsync {
namespace {

void read_model(const MapReader& sync, const Config& config, ModelSpec& model) {
  if (!sync.has("model")) sync.fail_here("\"model\" is required (write model: {connection: warehouse, sql: \"SELECT ...\"})");
  MapReader m = sync.child("model", {"connection", "sql", "file"});
  model.connection = m.required("connection", "a postgres, sqlite or csv connection, or store");
  model.sql = m.str("sql");
  model.file = m.str("file");
  if (model.sql.empty() == model.file.empty()) m.fail_here("set exactly one of sql or file");
  if (model.connection == "store") return;  // the customer store itself
  const Connection& c = require_connection(m, config, model.connection);
  if (c.type == ConnectionType::Salesforce || c.type == ConnectionType::Sfmc)
    m.fail("connection", "a model reads from a postgres, sqlite or csv connection (or store), not " +
                             std::string(connection_type_name(c.type)));
  if (c.type == ConnectionType::Csv && !model.sql.empty())
    m.fail("sql", "a csv connection has no SQL; write file: <name>.csv");
}

ColumnMapping read_column_mapping(const MapReader& m) {
  ColumnMapping c;
  c.loc = m.loc();
  c.column = m.str("column");
  c.field = m.required("field", "the Salesforce field API name, e.g. LastName");
  if (m.has("value")) c.value = m.str("value");
  if (c.column.empty() == !c.value.has_value())
    m.fail_here("set exactly one of column (a model column) or value (a fixed value)");
  return c;
}

void read_mapping(const MapReader& d, PushSpec& p) {
  auto items = d.list("mapping", "{column: last_name, field: LastName}");
  for (size_t i = 0; i < items.size(); ++i)
    p.mapping.push_back(read_column_mapping(d.item("mapping", i, items[i], {"column", "field", "value"})));
}

// destination: {data_extension: KEY, mapping: [...]} on an sfmc connection: rows are upserted by
// the DE's primary key (the async rows API has no delete, so no mirror; no insert, so that a
// resent batch cannot double rows).
void read_data_extension_destination(const MapReader& sync, PushSpec& p) {
  if (!sync.has("destination"))
    sync.fail_here("\"destination\" is required (write destination: {data_extension: Customer_Scores_DE, mapping: [...]})");
  MapReader d = sync.child("destination", {"data_extension", "mode", "mapping"});
  p.loc = d.loc();
  p.data_extension = d.required("data_extension", "the Data Extension's CustomerKey (External Key)");
  if (d.has("mode") && d.str("mode") != "upsert")
    d.fail("mode", "a Data Extension push upserts rows by the DE's primary key; remove mode or write mode: upsert");
  read_mapping(d, p);
  if (p.mapping.empty()) d.fail_here("mapping: at least one column mapping is required (add {column: email, field: EmailAddress})");
}

void read_destination(const MapReader& sync, PushSpec& p) {
  if (!sync.has("destination"))
    sync.fail_here("\"destination\" is required (write destination: {object: Contact, mode: upsert, mapping: [...]})");
  MapReader d = sync.child("destination", {"object", "mode", "external_id_field", "mapping", "audience"});
  p.loc = d.loc();
  p.object = d.required("object", "Contact, Lead, Account, Opportunity or a custom object such as Invoice__c");
  p.mode = d.choice<PushMode>("mode", {{"upsert", PushMode::Upsert}, {"insert", PushMode::Insert},
                                       {"update", PushMode::Update}, {"mirror", PushMode::Mirror}},
                              PushMode::Upsert);
  p.external_id_field = d.str("external_id_field", p.external_id_field);
  read_mapping(d, p);
  if (p.mapping.empty() && !d.has("audience"))
    d.fail_here("mapping: at least one column mapping is required (add {column: email, field: Email})");
  if (d.has("audience")) {
    MapReader a = d.child("audience", {"campaign_id", "mode", "status_field"});
    AudienceSpec au;
    au.campaign_id = a.required("campaign_id", "the Campaign's 15 or 18 character Id");
    au.mode = a.choice<AudienceMode>("mode", {{"add", AudienceMode::Add}, {"remove", AudienceMode::Remove},
                                              {"mirror", AudienceMode::Mirror}, {"upsert", AudienceMode::Upsert}},
                                     AudienceMode::Add);
    au.status_field = a.str("status_field");
    if (au.mode == AudienceMode::Upsert && au.status_field.empty())
      a.fail_here("audience mode upsert needs status_field (the model column holding the member status)");
    p.audience = au;
  }
}

}  // namespace

void read_push_sync(const MapReader& sync, const Config& config, SyncConfig& s) {
  const Connection& conn = require_connection(sync, config, s.connection);
  if (conn.type != ConnectionType::Salesforce && conn.type != ConnectionType::Sfmc)
    sync.fail("connection", "a push sync writes to a salesforce or sfmc connection; \"" + conn.name + "\" is " +
                                std::string(connection_type_name(conn.type)));
  s.source_kind = SourceKind::Model;
  read_model(sync, config, s.push.model);
  if (conn.type == ConnectionType::Sfmc) {
    read_data_extension_destination(sync, s.push);
    if (conn.sfmc.scopes.find("data_extensions_write") == std::string::npos)
      sync.fail("connection", "connection \"" + conn.name + "\" does not ask for the data_extensions_write scope, "
                              "which a push into a Data Extension needs; add it to the connection's scopes "
                              "(and to the Installed Package)");
  } else {
    read_destination(sync, s.push);
  }
  s.object = conn.type == ConnectionType::Sfmc ? s.push.data_extension : s.push.object;
  s.options = read_sync_options(sync, true, conn.type == ConnectionType::Sfmc);
}

}  // namespace sfsync
