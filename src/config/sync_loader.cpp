// syncs: pull syncs from Salesforce and from Marketing Cloud Data Extensions (push syncs: push_loader.cpp).
#include <algorithm>
#include <array>
#include <cctype>

#include "common/text.h"
#include "config/config_loader.h"
#include "config/suggest.h"
#include "config/sync_fields.h"
#include "mapping/identifier_normalizer.h"
#include "mapping/template.h"

namespace sfsync {
namespace {

// The standard objects the products we match offer (see shared/seeds); others go through Describe.
const std::vector<std::string>& standard_objects() {
  static const std::vector<std::string> names{
      "Account", "Asset", "Campaign", "CampaignMember", "Case", "Contact", "Contract", "Event", "Lead",
      "Opportunity", "OpportunityLineItem", "Order", "Pricebook2", "Product2", "Quote", "ServiceAppointment", "Task"};
  return names;
}

bool has_scope(const std::string& scopes, std::string_view scope) {
  size_t pos = 0;
  while ((pos = scopes.find(scope, pos)) != std::string::npos) {
    size_t end = pos + scope.size();
    if ((pos == 0 || scopes[pos - 1] == ' ') && (end == scopes.size() || scopes[end] == ' ')) return true;
    pos = end;
  }
  return false;
}

bool iequal(std::string_view a, std::string_view b) { return a.size() == b.size() && edit_distance(a, b) == 0; }

bool is_api_name(std::string_view s) {
  return !s.empty() && std::isalpha(static_cast<unsigned char>(s[0])) &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string check_object_name(const MapReader& src, std::string name) {
  if (!is_api_name(name)) src.fail("object", "\"" + name + "\" is not an object API name (e.g. Contact, Invoice__c)");
  for (const auto& std_name : standard_objects())
    if (iequal(name, std_name)) return std_name;
  if (name.size() > 3 && name.compare(name.size() - 3, 3, "__c") == 0) return name;
  // Only a typo this close is an error: "Note" and "Quote" are both real objects.
  auto near = closest_names(name, standard_objects(), 1, 1);
  if (!near.empty())
    src.fail("object", "unknown object \"" + name + "\" (did you mean \"" + near[0] + "\"? custom objects end in __c)");
  return name;  // another standard object: Describe will tell
}

void read_salesforce_source(const MapReader& src, SyncConfig& s) {
  bool has_object = src.has("object"), has_soql = src.has("soql");
  if (has_object == has_soql)
    src.fail_here("set exactly one of object (Contact, Lead, Invoice__c, ...) or soql (SELECT ... FROM ...)");
  if (has_object) {
    s.source_kind = SourceKind::SalesforceObject;
    s.object = check_object_name(src, src.str("object"));
    return;
  }
  s.source_kind = SourceKind::SalesforceSoql;
  s.soql = src.str("soql");
  s.object = soql_from_object(s.soql);
  if (s.object.empty()) src.fail("soql", "must be SELECT <fields> FROM <object> ...");
}

void read_data_extension_source(const MapReader& src, SyncConfig& s) {
  s.source_kind = SourceKind::DataExtension;
  DataExtensionSource& de = s.data_extension;
  de.key = src.required("data_extension_key", "the Data Extension's CustomerKey (External Key), not its name");
  de.modified_field = src.str("modified_field", de.modified_field);
  de.page_size = static_cast<int>(src.integer("page_size", de.page_size, 1, 2500));
  de.max_pages_per_run = static_cast<int>(src.integer("max_pages_per_run", de.max_pages_per_run, 1, 100000));
}

FieldMapping read_field_mapping(const MapReader& m, const std::string& what) {
  FieldMapping f;
  f.loc = m.loc();
  f.field = m.str("field");
  f.name = m.str("name");
  if (m.has("value")) f.value = m.str("value");
  if (f.field.empty() == !f.value.has_value())
    m.fail_here(what + " needs either field (a source field) or value (a fixed value)");
  if (!f.field.empty() && !is_field_path(f.field)) m.fail("field", "\"" + f.field + "\" is not a field name");
  if (f.name.empty()) {
    if (f.value) m.fail_here("a fixed value needs a name (write {name: crm_source, value: salesforce})");
    f.name = f.field;
  }
  if (m.has("type")) {
    std::string t = m.str("type");
    auto parsed = parse_attribute_type(t);
    if (!parsed) {
      std::vector<std::string> names{"string", "number", "boolean", "date", "datetime", "phone"};
      auto near = closest_names(t, names, 1, 3);
      m.fail("type", "\"" + t + "\" is not one of " + quoted_list(names) +
                         (near.empty() ? std::string() : " (did you mean \"" + near[0] + "\"?)"));
    }
    f.type = *parsed;
  }
  if (f.value) {
    auto converted = convert_value(Value::string(*f.value), f.type);
    if (!converted.ok()) m.fail("value", converted.error().message);
  }
  return f;
}

std::vector<FieldMapping> read_field_mappings(const MapReader& parent, const std::string& key, const std::string& what) {
  std::vector<FieldMapping> out;
  auto items = parent.list(key, "{field: FirstName, name: first_name}");
  for (size_t i = 0; i < items.size(); ++i)
    out.push_back(read_field_mapping(parent.item(key, i, items[i], {"field", "name", "type", "value"}), what));
  return out;
}

bool is_identifier_type(std::string_view t) {
  return !t.empty() && std::islower(static_cast<unsigned char>(t[0])) &&
         std::all_of(t.begin(), t.end(), [](char c) {
           return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
         });
}

void read_identifiers(const MapReader& sync, SyncConfig& s) {
  auto items = sync.list("identifiers", "{type: email, field: Email}");
  for (size_t i = 0; i < items.size(); ++i) {
    MapReader m = sync.item("identifiers", i, items[i], {"type", "field", "template"});
    IdentifierMapping id;
    id.loc = m.loc();
    id.type = m.required("type", "email, phone, uuid or a custom name such as sf_contact_id");
    if (!is_identifier_type(id.type))
      m.fail("type", "\"" + id.type + "\" must be lower_case letters, digits and _ (email, phone, uuid, sf_id)");
    id.field = m.str("field");
    id.template_text = m.str("template");
    if (id.field.empty() == id.template_text.empty())
      m.fail_here("set exactly one of field (e.g. Email) or template (e.g. \"SF_Lead_{{Id}}\")");
    if (!id.field.empty() && !is_field_path(id.field)) m.fail("field", "\"" + id.field + "\" is not a field name");
    s.identifiers.push_back(std::move(id));
  }
}

void read_filter(const MapReader& sync, SyncConfig& s) {
  if (!sync.has("filter")) return;
  MapReader f = sync.child("filter", {"rules", "where"});
  s.filter.where = f.str("where");
  auto rules = f.list("rules", "{field: Email, op: not_null}");
  if (!rules.empty() && !s.filter.where.empty()) f.fail("where", "set either rules or where, not both");
  for (size_t i = 0; i < rules.size(); ++i) {
    MapReader r = f.item("rules", i, rules[i], {"field", "op", "value"});
    FilterRule rule;
    rule.loc = r.loc();
    rule.field = r.required("field", "the field to compare");
    if (!is_field_path(rule.field)) r.fail("field", "\"" + rule.field + "\" is not a field name");
    rule.op = r.choice<FilterOp>("op", {{"eq", FilterOp::Eq}, {"neq", FilterOp::Neq}, {"lt", FilterOp::Lt},
                                        {"lte", FilterOp::Lte}, {"gt", FilterOp::Gt}, {"gte", FilterOp::Gte},
                                        {"like", FilterOp::Like}, {"in", FilterOp::In}, {"not_in", FilterOp::NotIn},
                                        {"is_null", FilterOp::IsNull}, {"not_null", FilterOp::NotNull}},
                                 FilterOp::Eq);
    bool list_op = rule.op == FilterOp::In || rule.op == FilterOp::NotIn;
    bool no_value = rule.op == FilterOp::IsNull || rule.op == FilterOp::NotNull;
    if (no_value && r.has("value")) r.fail("value", std::string(filter_op_name(rule.op)) + " takes no value");
    if (!no_value && !r.has("value")) r.fail_here("op " + std::string(filter_op_name(rule.op)) + " needs a value");
    if (list_op) rule.values = r.string_list("value");
    else if (!no_value) rule.values.push_back(r.str("value"));
    if (list_op && rule.values.empty()) r.fail("value", "needs at least one value (write value: [a, b])");
    s.filter.rules.push_back(std::move(rule));
  }
}

// event.changed_to: one value, or a list of them (a picklist value may hold a comma, so a scalar is
// never split).
void read_changed_to(const MapReader& e, EventSpec& ev) {
  if (!e.has("changed_to")) return;
  if (ev.when_changed.empty())
    e.fail("changed_to", "needs when_changed: the field whose new value it names (when_changed: StageName)");
  YAML::Node values = e.node("changed_to");
  if (values.IsScalar()) ev.changed_to.push_back(e.str("changed_to"));
  else if (values.IsSequence()) ev.changed_to = e.string_list("changed_to");
  if (ev.changed_to.empty() || std::any_of(ev.changed_to.begin(), ev.changed_to.end(), [](auto& v) { return v.empty(); }))
    e.fail("changed_to", "write the value the field must change to (changed_to: Closed Won), or a list of them");
}

void read_event(const MapReader& sync, SyncConfig& s) {
  if (!sync.has("event")) return;
  MapReader e = sync.child("event", {"name", "name_field", "timestamp", "parameters", "when_changed", "changed_to"});
  EventSpec& ev = s.event;
  ev.loc = e.loc();
  ev.name = e.str("name");
  ev.name_field = e.str("name_field");
  if (ev.name.empty() == ev.name_field.empty())
    e.fail_here("set exactly one of name (a fixed event name) or name_field (the field holding the name)");
  if (!ev.name_field.empty() && !is_field_path(ev.name_field))
    e.fail("name_field", "\"" + ev.name_field + "\" is not a field name");
  if (e.has("timestamp")) {
    YAML::Node ts = e.node("timestamp");
    if (ts.IsScalar()) {
      std::string v = e.str("timestamp");
      if (v != "processing_time") e.fail("timestamp", "write processing_time or {field: CreatedDate}");
    } else {
      MapReader t = e.child("timestamp", {"field"});
      ev.timestamp_field = t.required("field", "a date or datetime field such as CreatedDate");
      if (!is_field_path(ev.timestamp_field)) t.fail("field", "\"" + ev.timestamp_field + "\" is not a field name");
    }
  }
  ev.parameters = read_field_mappings(e, "parameters", "an event parameter");
  ev.when_changed = e.str("when_changed");
  if (!ev.when_changed.empty() && !is_field_path(ev.when_changed))
    e.fail("when_changed", "\"" + ev.when_changed + "\" is not a field name");
  read_changed_to(e, ev);
}

void read_targets(const MapReader& sync, SyncConfig& s) {
  if (sync.has("object")) {
    MapReader o = sync.child("object", {"type", "id_template"});
    s.object_target.loc = o.loc();
    s.object_target.type = o.required("type", "the object type name, e.g. account");
    s.object_target.id_template = o.required("id_template", "e.g. \"SF_Account_{{Id}}\"");
  }
  if (sync.has("relationship")) {
    MapReader r = sync.child("relationship", {"object_type", "object_id_template", "attributes"});
    s.relationship.loc = r.loc();
    s.relationship.object_type = r.required("object_type", "the related object type, e.g. account");
    s.relationship.object_id_template = r.required("object_id_template", "e.g. \"SF_Account_{{AccountId}}\"");
    s.relationship.attributes = read_field_mappings(r, "attributes", "a relationship attribute");
  }
}

void read_fixed(const MapReader& sync, SyncConfig& s) {
  if (!sync.has("fixed")) return;
  YAML::Node fixed = sync.node("fixed");
  if (!fixed.IsMap()) sync.fail("fixed", "must be a map of name: value (e.g. fixed: {crm_source: salesforce})");
  for (const auto& kv : fixed) {
    FieldMapping f;
    f.loc = sync.ctx().at(kv.second);
    f.name = kv.first.as<std::string>();
    f.value = sync.ctx().scalar(kv.second, sync.scope() + ": fixed." + f.name);
    s.attributes.push_back(std::move(f));
  }
}

// Objects whose records are people, which a profile sync can take as they are.
bool is_person_object(const std::string& object) {
  for (const char* person : {"Contact", "Lead", "User", "Individual"})
    if (iequals_ascii(object, person)) return true;
  return false;
}

// Checks that depend on the target and the source kind.
void check_target(const MapReader& sync, const SyncConfig& s) {
  const bool needs_person = s.target != TargetKind::Object;
  if (needs_person && s.identifiers.empty() && !sync.has("target") && s.source_kind == SourceKind::SalesforceObject &&
      !is_person_object(s.object)) {
    sync.fail_here("identifiers: a sync makes profiles unless it says otherwise, and " + s.object +
                   " records are not people: set target: object with object: {type: " + ascii_lower(s.object) +
                   ", id_template: \"SF_" + s.object + "_{{Id}}\"}, or target: event / relationship with the "
                   "person's identifiers (e.g. {type: sf_contact_id, template: \"SF_Contact_{{ContactId}}\"})");
  }
  if (needs_person && s.identifiers.empty())
    sync.fail_here("identifiers: at least one identifier mapping is required (add {type: email, field: Email})");
  if (!needs_person && !s.identifiers.empty())
    sync.fail("identifiers", "target object has no person; identifiers are not used (use target: relationship to link people)");
  if (s.target == TargetKind::Event && !s.event.enabled())
    sync.fail_here("target event needs event: {name: ..., timestamp: processing_time}");
  if (s.target == TargetKind::Object && s.object_target.type.empty())
    sync.fail_here("target object needs object: {type: account, id_template: \"SF_Account_{{Id}}\"}");
  if (s.target != TargetKind::Object && sync.has("object"))
    sync.fail("object", "only used with target: object");
  if (s.target == TargetKind::Relationship && s.relationship.object_type.empty())
    sync.fail_here("target relationship needs relationship: {object_type: account, object_id_template: \"SF_Account_{{AccountId}}\"}");
  if (s.target != TargetKind::Relationship && sync.has("relationship"))
    sync.fail("relationship", "only used with target: relationship");
  if (s.target == TargetKind::Relationship && sync.has("attributes"))
    sync.fail("attributes", "a relationship's attributes go under relationship.attributes");
  if (s.target == TargetKind::Relationship && sync.has("fixed"))
    sync.fail("fixed", "a relationship's fixed values go under relationship.attributes as {name: ..., value: ...}");
  if (s.target == TargetKind::Object && s.event.enabled()) sync.fail("event", "an object has no person to send events for");
  if (s.target == TargetKind::Object && !s.delete_event.empty())
    sync.fail("delete_event", "an object has no person to send the delete event for");
  if (s.source_kind == SourceKind::DataExtension) {
    if (s.target != TargetKind::Profile || s.event.enabled())
      sync.fail(s.event.enabled() ? "event" : "target",
                "Data Extension syncs make profiles only; events are not part of DE syncs "
                "(use target: profile and remove event:)");
    if (!s.delete_event.empty())
      sync.fail("delete_event", "Data Extension syncs make no events, deletions included (on_delete still applies)");
  }
}

void compile_template(const MapReader& sync, const std::string& key, const std::string& text, const std::string& object) {
  auto t = Template::compile(text, object);
  if (!t.ok()) sync.fail(key, t.error().message);
}

void check_templates(const MapReader& sync, const SyncConfig& s) {
  for (size_t i = 0; i < s.identifiers.size(); ++i)
    if (!s.identifiers[i].template_text.empty())
      compile_template(sync, "identifiers[" + std::to_string(i) + "].template", s.identifiers[i].template_text, s.object);
  if (!s.object_target.id_template.empty()) compile_template(sync, "object", s.object_target.id_template, s.object);
  if (!s.relationship.object_id_template.empty())
    compile_template(sync, "relationship", s.relationship.object_id_template, s.object);
}

// Custom SOQL: every field the mapping reads must be selected by the query.
void check_soql_fields(const MapReader& sync, const SyncConfig& s) {
  if (s.source_kind != SourceKind::SalesforceSoql) return;
  // A child sub-query's rows arrive nested in each parent record, a batch at a time: nothing
  // would map them, so they would be dropped without a word.
  if (soql_has_child_subquery(s.soql))
    sync.fail("source", "parent-to-child sub-queries such as (SELECT Id FROM Contacts) are not supported: their "
                        "rows would not land; sync the child object itself (source: {object: Contact}) with a "
                        "relationship or object target");
  auto selected = soql_select_fields(s.soql);
  if (!selected) return;  // functions or sub-queries: Describe-time checks only
  for (const auto& f : referenced_fields(s)) {
    bool found = std::any_of(selected->begin(), selected->end(), [&](const std::string& x) { return iequal(x, f); });
    if (!found)
      sync.fail("source", "the mapping uses field \"" + f + "\", which the soql query does not select (add " + f +
                              " to its SELECT list)");
  }
}

void check_incremental_soql(const MapReader& src, const SyncConfig& s) {
  if (s.source_kind == SourceKind::SalesforceSoql && s.fetch_mode == FetchMode::Incremental &&
      s.soql.find("{lastSyncTime}") == std::string::npos)
    src.fail("soql", "an incremental custom query needs the {lastSyncTime} placeholder "
                     "(add WHERE SystemModstamp > {lastSyncTime}, or set fetch_mode: full)");
}

void read_pull_sync(const MapReader& sync, const Config& config, SyncConfig& s) {
  const Connection& conn = require_connection(sync, config, s.connection);
  if (conn.type != ConnectionType::Salesforce && conn.type != ConnectionType::Sfmc)
    sync.fail("connection", "\"" + conn.name + "\" is a " + std::string(connection_type_name(conn.type)) +
                                " connection; pull syncs read from salesforce or sfmc (kind: push reads models)");
  if (!sync.has("source")) sync.fail_here("\"source\" is required (write source: {object: Contact})");
  s.fetch_mode = sync.choice<FetchMode>("fetch_mode", {{"incremental", FetchMode::Incremental}, {"full", FetchMode::Full}},
                                        FetchMode::Incremental);
  if (conn.type == ConnectionType::Sfmc) {
    if (!has_scope(conn.sfmc.scopes, "data_extensions_read"))
      sync.fail("connection", "connection \"" + conn.name + "\" lacks the scope data_extensions_read that Data "
                              "Extension syncs need (add it to its scopes and to the Installed Package: both sides "
                              "must list it)");
    read_data_extension_source(sync.child("source", {"data_extension_key", "modified_field", "page_size",
                                                     "max_pages_per_run"}), s);
    s.data_extension.utc_offset_minutes = conn.sfmc.utc_offset_minutes;
  } else {
    MapReader src = sync.child("source", {"object", "soql"});
    read_salesforce_source(src, s);
    check_incremental_soql(src, s);
  }
  s.fields = sync.string_list("fields");
  for (const auto& f : s.fields)
    if (!is_field_path(f)) sync.fail("fields", "\"" + f + "\" is not a field name (parent paths like Account.Name are fine)");
  read_filter(sync, s);
  s.target = sync.choice<TargetKind>("target", {{"profile", TargetKind::Profile}, {"event", TargetKind::Event},
                                                {"object", TargetKind::Object}, {"relationship", TargetKind::Relationship}},
                                     TargetKind::Profile);
  read_identifiers(sync, s);
  s.on_invalid_identifier = sync.choice<InvalidIdentifierPolicy>(
      "on_invalid_identifier",
      {{"skip_identifier", InvalidIdentifierPolicy::SkipIdentifier}, {"skip_record", InvalidIdentifierPolicy::SkipRecord}},
      InvalidIdentifierPolicy::SkipIdentifier);
  s.default_phone_country = sync.str("default_phone_country", s.default_phone_country);
  if (!is_supported_phone_region(s.default_phone_country))
    sync.fail("default_phone_country", "\"" + s.default_phone_country +
                                           "\" is not a two-letter country code (ISO 3166-1: US, GB, DE, IN, ...)");
  s.attributes = read_field_mappings(sync, "attributes", "an attribute");
  // A field list and no attributes: the fields picked are the values wanted, each kept under its
  // own name (without this only the identifiers of such a sync would land).
  if (!sync.has("attributes") && (s.target == TargetKind::Profile || s.target == TargetKind::Object))
    for (const std::string& field : s.fields) {
      FieldMapping f;
      f.field = f.name = field;
      f.loc = sync.loc();
      s.attributes.push_back(std::move(f));
    }
  read_fixed(sync, s);
  read_event(sync, s);
  read_targets(sync, s);
  s.on_delete = sync.choice<DeletePolicy>("on_delete", {{"mark", DeletePolicy::Mark}, {"remove", DeletePolicy::Remove},
                                                        {"ignore", DeletePolicy::Ignore}},
                                          DeletePolicy::Mark);
  s.delete_event = sync.str("delete_event");
  s.options = read_sync_options(sync, false);
  check_target(sync, s);
  check_templates(sync, s);
  check_soql_fields(sync, s);
}

const std::vector<std::string> kPullKeys{
    "name", "kind", "connection", "source", "fields", "filter", "fetch_mode", "target", "identifiers",
    "on_invalid_identifier", "default_phone_country", "attributes", "fixed", "event", "object", "relationship",
    "on_delete", "delete_event", "options"};
const std::vector<std::string> kPushKeys{"name", "kind", "connection", "model", "destination", "options"};

bool is_sync_name(std::string_view n) {
  return !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

}  // namespace

const Connection& require_connection(const MapReader& sync, const Config& config, const std::string& name) {
  const Connection* c = config.find_connection(name);
  if (c == nullptr) {
    std::vector<std::string> names;
    for (const auto& x : config.connections) names.push_back(x.name);
    auto near = closest_names(name, names, 1);
    sync.fail("connection", "no connection named \"" + name + "\"" +
                                (near.empty() ? std::string() : " (did you mean \"" + near[0] + "\"?)"));
  }
  return *c;
}

std::string_view target_kind_name(TargetKind t) {
  switch (t) {
    case TargetKind::Profile: return "profile";
    case TargetKind::Event: return "event";
    case TargetKind::Object: return "object";
    case TargetKind::Relationship: return "relationship";
  }
  return "profile";
}

std::string_view filter_op_name(FilterOp op) {
  static constexpr std::array<std::string_view, 11> kNames{"eq", "neq", "lt", "lte", "gt", "gte",
                                                           "like", "in", "not_in", "is_null", "not_null"};
  return kNames[static_cast<size_t>(op)];
}

SyncOptions read_sync_options(const MapReader& sync, bool push, bool into_data_extension) {
  SyncOptions o;
  if (push) o.batch_size = into_data_extension ? 1000 : 200;
  if (!sync.has("options")) return o;
  // Push runs write nothing to the outbox, so skip_hook is a pull key: accepted on a push sync it
  // would promise something that cannot happen.
  std::vector<std::string> keys{"fast_fail", "schedule", "batch_size"};
  if (push && !into_data_extension) keys.push_back("bulk_threshold");
  else
    keys.insert(keys.end(),
                {"skip_hook", "full_schedule", "lag_seconds", "lookback_seconds", "api", "bulk_job_timeout_seconds"});
  MapReader m = sync.child("options", keys);
  o.skip_hook = m.boolean("skip_hook", o.skip_hook);
  o.fast_fail = m.boolean("fast_fail", o.fast_fail);
  auto read_cron = [&m](const char* key, std::string& text, std::optional<CronSchedule>& cron) {
    text = m.str(key);
    if (text.empty()) return;
    auto parsed = CronSchedule::parse(text);
    if (!parsed.ok()) m.fail(key, "\"" + text + "\": " + parsed.error().message);
    cron = parsed.value();
  };
  read_cron("schedule", o.schedule, o.schedule_cron);
  if (!push) read_cron("full_schedule", o.full_schedule, o.full_schedule_cron);
  if (push) {
    // A Data Extension request carries up to 5,000 rows (our bound: ~1 MB bodies at 200 B a row).
    o.batch_size = static_cast<int>(m.integer("batch_size", o.batch_size, 1, into_data_extension ? 5000 : 200));
    o.bulk_threshold = m.integer("bulk_threshold", o.bulk_threshold, 1, 1'000'000'000);
  } else {
    o.batch_size = static_cast<int>(m.integer("batch_size", o.batch_size, 200, 2000));
    o.lag_seconds = static_cast<int>(m.integer("lag_seconds", o.lag_seconds, 0, 86400));
    o.lookback_seconds = static_cast<int>(m.integer("lookback_seconds", o.lookback_seconds, 0, 86400));
    o.bulk_job_timeout_seconds =
        static_cast<int>(m.integer("bulk_job_timeout_seconds", o.bulk_job_timeout_seconds, 1, 86400));
    o.api = m.choice<ApiChoice>("api", {{"auto", ApiChoice::Auto}, {"rest", ApiChoice::Rest}, {"bulk", ApiChoice::Bulk}},
                                ApiChoice::Auto);
  }
  return o;
}

void read_syncs(const MapReader& top, Config& config) {
  if (!top.has("syncs")) top.fail_here("\"syncs\" is required (add syncs: [{name: contacts, connection: ..., source: ...}])");
  auto items = top.list("syncs", "{name: contacts, connection: crm, source: {object: Contact}}");
  for (size_t i = 0; i < items.size(); ++i) {
    const YAML::Node& n = items[i];
    std::string where = "syncs[" + std::to_string(i) + "]";
    SyncConfig s;
    s.loc = top.ctx().at(n);
    // First pass reads name and kind only (every key present is allowed): the kind decides the
    // real key set, checked below with the sync's name in the message.
    std::vector<std::string> present;
    if (n.IsMap())
      for (const auto& kv : n) present.push_back(kv.first.as<std::string>());
    MapReader probe(top.ctx(), n, "", where, present);
    s.name = probe.required("name", "a unique name such as contacts");
    if (!is_sync_name(s.name)) probe.fail("name", "\"" + s.name + "\" may hold letters, digits, _ - and . only");
    if (config.find_sync(s.name)) probe.fail("name", "sync \"" + s.name + "\" is defined twice");
    s.kind = probe.choice<SyncKind>("kind", {{"pull", SyncKind::Pull}, {"push", SyncKind::Push}}, SyncKind::Pull);
    std::string scope = "sync \"" + s.name + "\"";
    MapReader sync(top.ctx(), n, scope, "", s.kind == SyncKind::Push ? kPushKeys : kPullKeys);
    s.connection = sync.required("connection", "the name of an entry under connections:");
    if (s.kind == SyncKind::Push) read_push_sync(sync, config, s);
    else read_pull_sync(sync, config, s);
    config.syncs.push_back(std::move(s));
  }
}

}  // namespace sfsync
