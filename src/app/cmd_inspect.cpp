// sfsync check | discover [OBJECT] | preview SYNC: look before you sync; nothing is written.
#include <cstdio>
#include <iostream>
#include <optional>

#include "app/cmd_sfmc.h"
#include "app/commands.h"
#include "app/progress.h"
#include "common/json_writer.h"
#include "common/time_util.h"
#include "mapping/compiled_mapping.h"
#include "mapping/mapper.h"
#include "runner/salesforce_plan.h"
#include "sinks/data_extension/de_push_plan.h"
#include "sinks/salesforce/push_plan.h"
#include "sinks/store/attribute_doc.h"
#include "sources/models/model_source.h"
#include "salesforce/describe.h"
#include "salesforce/query_pager.h"
#include "salesforce/record_parser.h"
#include "sources/salesforce/soql_builder.h"

namespace sfsync {

namespace {

// The first page of what the sync reads: at most `limit` records of an object sync when a limit is
// given (a check), else the first 200 with the query's whole totalSize (a preview says "2 of 5,000").
// A query that Salesforce refuses (a raw WHERE clause, a custom SOQL) is bad input naming the sync.
Result<QueryPage> first_query_page(SalesforceClient& client, const SyncConfig& sync, const SalesforcePullPlan& plan,
                                   std::optional<int> limit) {
  std::string soql;
  if (sync.source_kind == SourceKind::SalesforceSoql) {
    soql = expand_custom_soql(sync.soql, 0);
  } else {
    ObjectQuery q;
    q.object = plan.catalog->info().name;
    q.fields = plan.fields;
    q.filter = plan.filter;
    soql = build_object_soql(q);
    if (limit) soql += " LIMIT " + std::to_string(*limit);
  }
  QueryPager pager(client, soql, false, 200);  // 200: the smallest batch Salesforce serves
  auto page = pager.next();
  if (!page && is_query_shape_error(page.error())) return refused_query_error(sync, page.error());
  return page;
}

// A push sync: its destination against Describe, and its model (query or file) against the mapping.
Result<PushPlan> plan_any_push(CliContext& ctx, const SyncConfig& sync) {
  if (!sync.push.data_extension.empty()) {
    MarketingCloudClient* mc = ctx.marketing_cloud(sync.connection);
    if (!mc) return make_error("bad_config", "no Marketing Cloud client for connection " + sync.connection);
    return plan_data_extension_push(*mc, sync);
  }
  SalesforceClient* client = ctx.salesforce(sync.connection);
  if (!client) return make_error("bad_config", "no Salesforce client for connection " + sync.connection);
  return plan_push(*client, sync);
}

bool check_push_sync(CliContext& ctx, const Config& config, const SyncConfig& sync) {
  Result<void> result;
  if (auto plan = plan_any_push(ctx, sync); !plan) {
    result = plan.error();
  } else if (auto model = open_model(config, sync, config.store.path); !model) {
    result = model.error();
  } else {
    result = check_model_columns(sync, (*model)->columns());
  }
  std::printf("%-5s sync %s%s\n", result ? "ok" : "FAIL", sync.name.c_str(),
              result ? (sync.push.data_extension.empty() ? " (push)" : " (push into a Data Extension)")
                     : (": " + result.error().message).c_str());
  return result.ok();
}

}  // namespace

int cmd_check(CliContext& ctx) {
  const Config* config = ctx.config();
  if (!config) return kExitBadInput;
  int failures = 0;
  for (const auto& connection : config->connections) {
    if (connection.type == ConnectionType::Sfmc) failures += check_sfmc_connection(ctx, connection) ? 0 : 1;
    if (connection.type != ConnectionType::Salesforce) continue;
    SalesforceClient* client = ctx.salesforce(connection.name);
    auto r = client ? client->connect() : Result<void>(make_error("bad_config", "no client"));
    std::string usage;
    if (r) {
      // One call: its Sforce-Limit-Info says how much of the org's daily API quota is used.
      if (auto limits = client->get("limits"); !limits) r = limits.error();
      const ApiUsage& u = client->usage();
      if (r && u.org_limit > 0)
        usage = " (org API usage " + format_count(u.org_used) + " of " + format_count(u.org_limit) +
                " today; runs stop at " + std::to_string(connection.salesforce.max_api_usage_percent) + "%)";
    }
    std::printf("%-5s connection %s%s\n", r ? "ok" : "FAIL", connection.name.c_str(),
                r ? usage.c_str() : (": " + r.error().message).c_str());
    failures += r ? 0 : 1;
  }
  for (const auto& sync : config->syncs) {
    if (sync.source_kind == SourceKind::DataExtension && !sync.is_push()) {
      failures += check_data_extension_sync(ctx, sync) ? 0 : 1;
      continue;
    }
    if (sync.is_push()) {
      failures += check_push_sync(ctx, *config, sync) ? 0 : 1;
      continue;
    }
    SalesforceClient* client = ctx.salesforce(sync.connection);
    if (!client) return kExitBadInput;
    auto plan = plan_salesforce_pull(*client, sync);
    // Salesforce alone checks a raw WHERE clause or a custom SOQL: run the query for one page.
    Result<void> queried;
    if (plan)
      if (auto page = first_query_page(*client, sync, *plan, 1); !page) queried = page.error();
    const Error* error = !plan ? &plan.error() : !queried ? &queried.error() : nullptr;
    std::printf("%-5s sync %s%s\n", error ? "FAIL" : "ok", sync.name.c_str(),
                error ? (": " + error->message).c_str()
                      : (" (" + std::to_string(plan->fields.size()) + " fields)").c_str());
    if (!error)
      for (const std::string& note : plan->notes) std::printf("      note: %s\n", note.c_str());
    failures += error ? 1 : 0;
  }
  return failures == 0 ? kExitOk : kExitBadInput;
}

namespace {

const Connection* first_salesforce_connection(const Config& config, const std::string& wanted) {
  for (const auto& c : config.connections)
    if (c.type == ConnectionType::Salesforce && (wanted.empty() || c.name == wanted)) return &c;
  return nullptr;
}

}  // namespace

int cmd_discover(CliContext& ctx, const std::string& connection_name, const std::string& object) {
  const Config* config = ctx.config();
  if (!config) return kExitBadInput;
  const Connection* connection = first_salesforce_connection(*config, connection_name);
  for (const auto& c : config->connections)  // a named Marketing Cloud connection, or the only kind there is
    if (c.type == ConnectionType::Sfmc && !connection && (connection_name.empty() || c.name == connection_name))
      return discover_data_extensions(ctx, c, object);
  if (!connection) {
    CliContext::print_error(make_error("bad_input", "no Salesforce connection" +
                                                        (connection_name.empty() ? "" : " named " + connection_name)));
    return kExitBadInput;
  }
  SalesforceClient* client = ctx.salesforce(connection->name);
  if (!client) return kExitBadInput;
  if (object.empty()) {
    auto objects = describe_global(*client);
    if (!objects) return CliContext::print_error(objects.error()), CliContext::exit_code_for(objects.error());
    for (const auto& o : *objects)
      if (o.queryable) std::printf("%-32s %s%s\n", o.name.c_str(), o.label.c_str(), o.custom ? "  (custom)" : "");
    return kExitOk;
  }
  auto info = describe_object(*client, object);
  if (!info) {
    CliContext::print_error(info.error());
    return info.error().code == "unknown_object" ? kExitBadInput : kExitRunFailed;
  }
  std::printf("%s (%s), cursor: %s\n", info->name.c_str(), info->label.c_str(),
              info->cursor_field().empty() ? "none (full syncs only)" : info->cursor_field().c_str());
  for (const auto& f : info->fields) {
    std::string flags;
    if (!f.nillable && f.createable && !f.defaulted_on_create) flags += " required";
    if (f.external_id) flags += " external-id";
    if (!f.updateable) flags += " read-only";
    if (f.calculated) flags += " formula";  // its changes do not move SystemModstamp
    if (!f.relationship_name.empty()) flags += " -> " + f.relationship_name;
    std::printf("  %-32s %-14s %s%s\n", f.name.c_str(), f.type.c_str(), f.label.c_str(), flags.c_str());
  }
  return kExitOk;
}

namespace {

void write_attributes(JsonWriter& w, const char* key, const std::vector<Attribute>& attributes) {
  w.key(key).begin_object();
  for (const auto& a : attributes) {
    if (a.value.is_null()) w.null_member(a.name);
    else w.key(a.name).raw(store::value_json(a.value));  // typed, as the store will hold it
  }
  w.end_object();
}

void write_identifiers(JsonWriter& w, const std::vector<Identifier>& ids) {
  w.key("identifiers").begin_object();
  for (const auto& id : ids) w.member(id.type, id.value);
  w.end_object();
}

// One mutation as a JSON line: what the sync would write.
std::string mutation_json(const Mutation& m) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  if (auto* p = std::get_if<ProfileUpsert>(&m)) {
    w.member("profile", p->source.record_id);
    write_identifiers(w, p->identifiers);
    write_attributes(w, "attributes", p->attributes);
  } else if (auto* e = std::get_if<EventAppend>(&m)) {
    w.member("event", e->name).member("timestamp", format_iso_datetime_z(e->timestamp_ms));
    // event.when_changed: sent only when the watched value moved (and, with changed_to, to an
    // awaited value) since the version last stored: preview cannot know, so it says what decides.
    if (e->watched) w.member("sent_if", e->watched_matches ? "the watched field moved" : "never: not a changed_to value");
    write_identifiers(w, e->identifiers);
    write_attributes(w, "parameters", e->parameters);
  } else if (auto* o = std::get_if<ObjectUpsert>(&m)) {
    w.member("object", o->object_type).member("id", o->object_id);
    write_attributes(w, "attributes", o->attributes);
  } else if (auto* r = std::get_if<RelationshipUpsert>(&m)) {
    w.member("relationship", r->object_type + "/" + r->object_id);
    write_identifiers(w, r->person);
  } else if (auto* d = std::get_if<SourceDeletion>(&m)) {
    w.member("deleted", d->source.record_id);
  }
  w.end_object();
  return out;
}

// The first records of a Salesforce sync, as a run would read them.
int salesforce_preview_records(CliContext& ctx, const SyncConfig& sync, std::vector<Record>& records,
                               int64_t& total) {
  SalesforceClient* client = ctx.salesforce(sync.connection);
  if (!client) return kExitBadInput;
  auto plan = plan_salesforce_pull(*client, sync);
  if (!plan) return CliContext::print_error(plan.error()), CliContext::exit_code_for(plan.error());
  auto page = first_query_page(*client, sync, *plan, std::nullopt);
  if (!page) return CliContext::print_error(page.error()), CliContext::exit_code_for(page.error());
  total = page->total_size;
  RecordParser parser(plan->path_types, plan->cursor_field);
  if (auto r = parser.parse_page(page->body, records); !r) return CliContext::print_error(r.error()), kExitRunFailed;
  return kExitOk;
}

}  // namespace

int cmd_preview(CliContext& ctx, const std::string& sync_name, int limit) {
  std::vector<const SyncConfig*> syncs;
  if (!ctx.select_syncs({sync_name}, syncs)) return kExitBadInput;
  const SyncConfig& sync = *syncs.front();
  if (sync.is_push()) {
    CliContext::print_error(make_error("bad_input", "preview of this sync type is not available yet"));
    return kExitBadInput;
  }
  auto compiled = CompiledMapping::compile(sync);
  if (!compiled) return CliContext::print_error(compiled.error()), kExitBadInput;
  Mapper mapper(std::move(compiled.value()));
  std::vector<Record> records;
  int64_t total = -1;
  if (sync.source_kind == SourceKind::DataExtension) {
    auto rows = preview_data_extension_records(ctx, sync, limit, total);
    if (!rows) return CliContext::print_error(rows.error()), CliContext::exit_code_for(rows.error());
    records = std::move(rows.value());
  } else if (int code = salesforce_preview_records(ctx, sync, records, total); code != kExitOk) {
    return code;
  }
  int shown = 0;
  for (const auto& record : records) {
    if (shown++ >= limit) break;
    MappedRecord mapped = mapper.map(record, now_ms());
    for (const auto& m : mapped.mutations) std::printf("%s\n", mutation_json(m).c_str());
    for (const auto& issue : mapped.issues) {
      std::string line;
      JsonWriter(line).begin_object().member("record", issue.record_id)
          .member(issue.skipped ? "skipped" : "dropped", issue.code).member("message", issue.message).end_object();
      std::printf("%s\n", line.c_str());
    }
  }
  std::fprintf(stderr, "preview of %s: %d of %s matching records, nothing written\n", sync.name.c_str(),
               std::min<int>(limit, static_cast<int>(records.size())), format_count(total).c_str());
  return kExitOk;
}

}  // namespace sfsync
