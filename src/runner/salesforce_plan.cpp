#include "runner/salesforce_plan.h"

#include <cctype>

#include "common/text.h"
#include <set>

#include "config/describe_check.h"
#include "config/filter_soql.h"
#include "config/fingerprint.h"
#include "config/suggest.h"
#include "config/sync_fields.h"
#include "net/http_client.h"
#include "sources/salesforce/soql_builder.h"

namespace sfsync {

namespace {

Error config_error(const SyncConfig& sync, const std::string& what) {
  return make_error("bad_config", sync.loc.str() + ": sync \"" + sync.name + "\": " + what);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Describes the sync's object; an unknown one is a config error naming the closest real objects.
Result<ObjectInfo> describe_or_suggest(SalesforceClient& client, const SyncConfig& sync, const std::string& object) {
  auto info = describe_object(client, object);
  if (info || info.error().code != "unknown_object") return info;
  std::vector<std::string> names;
  if (auto global = describe_global(client))
    for (const auto& o : *global) names.push_back(o.name);
  std::string hint = joined(closest_names(object, names, 3));
  return config_error(sync, "Salesforce has no object '" + object + "'" +
                                (hint.empty() ? "" : " (closest: " + hint + ")") +
                                "; custom objects end in __c and are case-sensitive");
}

// Compound fields (their components carry the same data) and base64 bodies: not in a default
// SELECT list, and refused by Bulk API 2.0 queries.
bool compound_or_base64(const std::string& type) { return type == "address" || type == "location" || type == "base64"; }

// Every field a sync selects when `fields:` is empty: Describe's list without those.
std::vector<std::string> all_fields(const ObjectInfo& info) {
  std::vector<std::string> out;
  for (const auto& f : info.fields)
    if (!compound_or_base64(f.type)) out.push_back(f.name);
  return out;
}

// `api: bulk` holds unless the SELECT list has a field Bulk API 2.0 refuses ("Selecting compound
// data not supported in Bulk Query"): then the sync reads through REST, and says why.
void choose_bulk(const SyncConfig& sync, SalesforcePullPlan& plan) {
  if (sync.options.api != ApiChoice::Bulk) return;
  std::vector<std::string> refused;
  for (const std::string& f : plan.fields)
    if (auto type = plan.catalog->path_type(f); type && compound_or_base64(*type)) refused.push_back(f);
  plan.read_through_bulk = refused.empty();
  if (!refused.empty())
    plan.notes.push_back(joined(refused) + (refused.size() > 1 ? " are compound or base64 fields" : " is a compound or "
                         "base64 field") + ", which Bulk API 2.0 queries cannot select: this sync reads through REST "
                         "(list the components, e.g. MailingStreet and MailingCity, to use `api: bulk`)");
}

// The SELECT list: `fields:` and what the mapping uses; without `fields:`, every field from
// Describe too (unless `mapped_only`).
std::vector<std::string> fields_for(const SyncConfig& sync, const ObjectInfo& info, const std::string& cursor,
                                    bool mapped_only = false) {
  std::vector<std::string> fields = select_fields(sync);
  if (fields.empty()) {
    if (!mapped_only) fields = all_fields(info);
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

// Salesforce refuses a URI over 16,384 bytes (414), and a REST query travels in one. The run's
// longest query (incremental: cursor conditions and bound) must leave room for the path, the Id
// lookups of a deletion check (a hundred Ids, ~2.2 KB) and the request headers.
constexpr size_t kQueryUriBudget = 12000;

size_t longest_query_uri(const std::string& object, const std::vector<std::string>& fields, const std::string& filter,
                         const std::string& cursor_field) {
  ObjectQuery q;
  q.object = object;
  q.fields = fields;
  q.filter = filter;
  q.cursor_field = cursor_field;
  q.incremental = true;
  q.after = Cursor{253402300799000, std::string(18, 'x')};  // 9999-12-31T23:59:59Z, an 18-char Id
  q.upper_ms = 253402300799000;
  return std::string("/services/data/v63.0/queryAll?q=").size() + url_encode(build_object_soql(q)).size();
}

// Fits the object sync's SELECT list under the URI budget: a default list of every field falls
// back to the fields the mapping uses (with a note); a list the config gave is a config error.
Result<void> fit_query_uri(const SyncConfig& sync, SalesforcePullPlan& plan) {
  const ObjectInfo& info = plan.catalog->info();
  auto length = [&] { return longest_query_uri(info.name, plan.fields, plan.filter, plan.cursor_field); };
  if (length() <= kQueryUriBudget) return {};
  bool listed = !select_fields(sync).empty();
  if (!listed) {
    size_t all = plan.fields.size();
    plan.fields = fields_for(sync, info, plan.cursor_field, true);
    if (length() <= kQueryUriBudget) {
      plan.notes.push_back(info.name + " has " + std::to_string(all) + " readable fields, too many for one REST query "
                           "(Salesforce refuses URIs over 16 KB), so the sync reads the " +
                           std::to_string(plan.fields.size()) + " its mapping uses; name others in `fields:`");
      return {};
    }
  }
  return config_error(sync, "its query of " + std::to_string(plan.fields.size()) + " fields would be a " +
                                std::to_string(length()) + "-byte URI, more than Salesforce accepts (16,384 " +
                                "with the path and headers): list fewer fields" +
                                (listed ? " in `fields:`" : " in the mapping"));
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
                    "periodic `sfsync sync " + sync.name + " --full` (options.full_schedule) refreshes it");
  if (!related.empty())
    notes.push_back(joined(related) + (related.size() > 1 ? " come" : " comes") +
                    " from a related record: its changes do not move the " + object +
                    "'s SystemModstamp, so incremental runs see them only when the " + object +
                    " is saved; a periodic `sfsync sync " + sync.name + " --full` (options.full_schedule) "
                    "refreshes them");
  return notes;
}

// What decides which records an object sync reads, besides its mapping: the filter as sent and the
// configured field list (not Describe's: a field the org adds does not force a full read; one the
// mapping uses is in the mapping).
std::string fingerprint_scope(const SyncConfig& sync, const SalesforcePullPlan& plan) {
  return "filter:" + plan.filter + "\nfields:" + joined(sync.fields);
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
    plan.fingerprint = pull_fingerprint("soql:" + sync.soql, sync);
  } else {
    plan.fields = fields_for(sync, plan.catalog->info(), plan.cursor_field);
    plan.filter = filter_where_clause(sync.filter, plan.catalog.get());
    plan.fingerprint = pull_fingerprint("object:" + plan.catalog->info().name, sync, fingerprint_scope(sync, plan));
    if (auto r = fit_query_uri(sync, plan); !r) return r.error();
    choose_bulk(sync, plan);
  }
  for (const auto& path : plan.fields)
    if (auto type = plan.catalog->path_type(path)) plan.path_types[ascii_lower(path)] = *type;
  for (std::string& note : incremental_blind_spots(sync, *plan.catalog)) plan.notes.push_back(std::move(note));
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
