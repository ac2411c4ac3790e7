#include "runner/salesforce_plan.h"

#include <cctype>

#include "common/text.h"
#include <set>

#include "config/describe_check.h"
#include "config/filter_soql.h"
#include "config/suggest.h"
#include "config/sync_fields.h"

namespace sfsync {

namespace {

Error config_error(const SyncConfig& sync, const std::string& what) {
  return make_error("bad_config", sync.loc.str() + ": sync \"" + sync.name + "\": " + what);
}

// Describes the sync's object; an unknown one is a config error naming the closest real objects.
Result<ObjectInfo> describe_or_suggest(SalesforceClient& client, const SyncConfig& sync, const std::string& object) {
  auto info = describe_object(client, object);
  if (info || info.error().code != "unknown_object") return info;
  std::vector<std::string> names;
  if (auto global = describe_global(client))
    for (const auto& o : *global) names.push_back(o.name);
  std::string hint;
  for (const auto& n : closest_names(object, names, 3)) hint += (hint.empty() ? "" : ", ") + n;
  return config_error(sync, "Salesforce has no object '" + object + "'" +
                                (hint.empty() ? "" : " (closest: " + hint + ")") +
                                "; custom objects end in __c and are case-sensitive");
}

// Every field a sync selects when `fields:` is empty: Describe's list, without compound fields
// (their components carry the same data) and base64 bodies.
std::vector<std::string> all_fields(const ObjectInfo& info) {
  std::vector<std::string> out;
  for (const auto& f : info.fields)
    if (f.type != "address" && f.type != "location" && f.type != "base64") out.push_back(f.name);
  return out;
}

std::vector<std::string> fields_for(const SyncConfig& sync, const ObjectInfo& info, const std::string& cursor) {
  std::vector<std::string> fields = select_fields(sync);
  if (fields.empty()) {
    fields = all_fields(info);
    for (const auto& f : referenced_fields(sync)) fields.push_back(f);
  }
  for (const std::string& must : {std::string("Id"), std::string("IsDeleted"), cursor})
    if (!must.empty() && info.field(must)) fields.push_back(must);
  std::set<std::string> seen;
  std::vector<std::string> unique;
  for (const auto& f : fields)
    if (seen.insert(ascii_lower(f)).second) unique.push_back(f);
  return unique;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Salesforce moves a record's SystemModstamp when the record is saved, not when a formula's
// result or a related record changes: an incremental run reads neither change until the record
// itself is saved again.
std::vector<std::string> incremental_blind_spots(const SyncConfig& sync, const DescribeCatalog& catalog) {
  if (sync.fetch_mode != FetchMode::Incremental) return {};
  std::vector<std::string> formulas, related;
  for (const std::string& path : referenced_fields(sync)) {
    if (path.find('.') != std::string::npos) related.push_back(path);
    else if (const FieldInfo* f = catalog.info().field(path); f && f->calculated) formulas.push_back(f->name);
  }
  std::vector<std::string> notes;
  const std::string& object = catalog.info().name;
  if (!formulas.empty())
    notes.push_back(joined(formulas) + (formulas.size() > 1 ? " are formula fields" : " is a formula field") +
                    ": a change of the result does not move the " + object +
                    "'s SystemModstamp, so incremental runs keep the old value until the record is saved; a "
                    "periodic `sfsync sync " + sync.name + " --full` refreshes it");
  if (!related.empty())
    notes.push_back(joined(related) + (related.size() > 1 ? " come" : " comes") +
                    " from a related record: its changes do not move the " + object +
                    "'s SystemModstamp, so incremental runs see them only when the " + object +
                    " is saved; a periodic `sfsync sync " + sync.name + " --full` refreshes them");
  return notes;
}

}  // namespace

Result<SalesforcePullPlan> plan_salesforce_pull(SalesforceClient& client, const SyncConfig& sync) {
  std::string object = sync.object;
  if (sync.source_kind == SourceKind::SalesforceSoql && object.empty()) object = soql_from_object(sync.soql);
  if (object.empty()) return config_error(sync, "cannot tell which object the SOQL reads (no FROM)");
  auto info = describe_or_suggest(client, sync, object);
  if (!info) return info.error();

  SalesforcePullPlan plan;
  plan.cursor_field = info->cursor_field();
  if (sync.fetch_mode == FetchMode::Incremental && plan.cursor_field.empty() &&
      sync.source_kind == SourceKind::SalesforceObject)
    return config_error(sync, object + " has neither SystemModstamp nor LastModifiedDate; use fetch_mode: full");

  Describer describer = [&client](const std::string& name) { return describe_object(client, name); };
  plan.catalog = std::make_unique<DescribeCatalog>(std::move(info.value()), describer);
  if (auto r = validate_against_describe(sync, *plan.catalog); !r) return r.error();

  if (sync.source_kind == SourceKind::SalesforceSoql) {
    plan.fields = soql_select_fields(sync.soql).value_or(std::vector<std::string>{});
    plan.fingerprint = "soql:" + sync.soql;
  } else {
    plan.fields = fields_for(sync, plan.catalog->info(), plan.cursor_field);
    plan.filter = filter_where_clause(sync.filter, plan.catalog.get());
    plan.fingerprint = "object:" + plan.catalog->info().name;
  }
  for (const auto& path : plan.fields)
    if (auto type = plan.catalog->path_type(path)) plan.path_types[ascii_lower(path)] = *type;
  plan.notes = incremental_blind_spots(sync, *plan.catalog);
  return plan;
}

bool is_query_shape_error(const Error& e) {
  return e.code == "MALFORMED_QUERY" || e.code == "INVALID_FIELD" || e.code == "INVALID_TYPE" ||
         e.code == "INVALID_QUERY_FILTER_OPERATOR";
}

Error refused_query_error(const SyncConfig& sync, const Error& e) {
  return config_error(sync, "Salesforce refused its query: " + e.code + ": " + e.message);
}

}  // namespace sfsync
