#include "runner/de_pull_run.h"

#include <memory>

#include "common/text.h"
#include "common/time_util.h"
#include "config/describe_check.h"
#include "config/field_catalog.h"
#include "config/fingerprint.h"
#include "mapping/compiled_mapping.h"
#include "runner/page_run.h"

namespace sfsync {

namespace {

Error config_error(const SyncConfig& sync, const std::string& what) {
  return make_error("bad_config", sync.loc.str() + ": sync \"" + sync.name + "\": " + what);
}

// DE column types in the vocabulary of Describe, which the config checks speak.
std::string describe_type(const std::string& de_type) {
  std::string t = ascii_lower(de_type);
  if (t == "date") return "datetime";
  if (t == "number") return "int";
  if (t == "decimal") return "double";
  if (t == "boolean") return "boolean";
  if (t == "emailaddress") return "email";
  if (t == "phone") return "phone";
  return "string";
}

StaticFieldCatalog catalog_of(const DataExtensionInfo& de) {
  StaticFieldCatalog catalog(de.key);
  for (const auto& f : de.fields) catalog.add_field(f.name, describe_type(f.type));
  return catalog;
}

// Where this run starts: nothing for --full, a finished full pass or another source identity;
// else the stored checkpoint (an incremental sync always continues, a full one only mid-pass).
DeCheckpoint starting_checkpoint(const StoredSyncState& stored, const SyncConfig& sync, bool full) {
  if (full || !stored.matches) return {};
  auto cp = DeCheckpoint::parse(stored.state()->checkpoint);
  if (!cp || (sync.fetch_mode == FetchMode::Full && cp->complete)) return {};
  return *cp;
}

// A pass that starts over the DE whose rows the store already links (`fetch_mode: full` after
// its first pass, `--full`, another fetch mode) is tracked, so that it can find the rows deleted
// since (de_page_source.h); `on_delete: ignore` has no use for them. Rows another DE gave (the
// sync's key changed) were not deleted: like Salesforce records that only left a filter, they stay.
Result<void> track_new_pass(CustomerStore& store, const StoredSyncState& stored, const SyncConfig& sync,
                            const DataExtensionPlan& plan, DeCheckpoint& start) {
  bool new_pass = start.sort_value.empty() && start.seen.empty() && !start.tracked;
  // A filtered pass cannot tell a deleted row from one that only left the filter (which stays).
  if (!new_pass || sync.on_delete == DeletePolicy::Ignore || !sync.filter.rules.empty()) return {};
  if (!stored.read) return stored.read.error();
  const std::string same_de = "de:" + ascii_lower(plan.query.key) + ":";
  if (!stored.state() || stored.state()->fingerprint.rfind(same_de, 0) != 0) return {};
  auto any = store.linked_record_ids(sync.name, "", "", 1);
  if (!any) return any.error();
  if (any->empty()) return {};  // a first read: nothing to lose
  if (auto r = store.begin_full_pass(sync.name); !r) return r.error();
  start.tracked = true;
  return {};
}

}  // namespace

Result<DataExtensionPlan> plan_data_extension_pull(MarketingCloudClient& client, const SyncConfig& sync) {
  const DataExtensionSource& src = sync.data_extension;
  if (!sync.filter.where.empty())
    return config_error(sync, "filter.where is SOQL, which Data Extensions do not take: write the condition as "
                              "filter.rules (field, op, value)");
  auto info = describe_data_extension(client, src.key);
  if (!info) {
    if (info.error().code == "bad_config") return config_error(sync, info.error().message);
    return info.error();
  }
  auto catalog = catalog_of(*info);
  if (auto r = validate_against_describe(sync, catalog); !r) return r.error();

  DataExtensionPlan plan;
  plan.info = std::move(info.value());
  DePageQuery& q = plan.query;
  q.key = plan.info.key.empty() ? src.key : plan.info.key;
  q.primary_key = plan.info.primary_key();
  if (q.primary_key.empty())  // a DE without a primary key: every column orders the rows
    for (const auto& f : plan.info.fields) q.primary_key.push_back(f.name);
  const DataExtensionField* modified = plan.info.field(src.modified_field);
  bool incremental = sync.fetch_mode == FetchMode::Incremental;
  if (modified && ascii_lower(modified->type) == "date") q.modified_field = modified->name;
  q.sort_field = incremental ? q.modified_field : q.primary_key.front();
  if (q.sort_field.empty())  // validate_against_describe rejects this first; kept as a guard
    return config_error(sync, "Data Extension \"" + q.key + "\" has no date column \"" + src.modified_field +
                                  "\"; incremental syncs need one (or fetch_mode: full)");
  const DataExtensionField* sort = plan.info.field(q.sort_field);
  q.sort_is_date = sort && ascii_lower(sort->type) == "date";
  for (const auto& f : plan.info.fields) {
    q.column_types[ascii_lower(f.name)] = f.type;
    q.column_names[ascii_lower(f.name)] = f.name;
  }
  q.rules_filter = rowset_filter(sync.filter.rules);
  q.page_size = std::min(src.page_size, 2500);
  q.max_pages = src.max_pages_per_run;
  q.utc_offset_ms = int64_t{src.utc_offset_minutes} * 60'000;
  plan.fingerprint = pull_fingerprint(
      "de:" + ascii_lower(q.key) + ":" + (incremental ? "modified:" + ascii_lower(q.modified_field) : "full"), sync);
  return plan;
}

Result<PullOutcome> run_data_extension_pull(const SyncConfig& sync, MarketingCloudClient& client,
                                            CustomerStore& store, const PullRequest& request) {
  PageRunSource run;
  run.usage_before = client.usage();
  auto plan = plan_data_extension_pull(client, sync);
  if (!plan) return plan.error();
  auto compiled = CompiledMapping::compile(sync);
  if (!compiled) return compiled.error();
  Mapper mapper(std::move(compiled.value()));

  const StoredSyncState stored = read_stored_state(store, sync, plan->fingerprint);
  std::optional<std::string> note = changed_config_note(stored, sync, request.full);
  DeCheckpoint start = starting_checkpoint(stored, sync, request.full);
  if (auto r = track_new_pass(store, stored, sync, *plan, start); !r) return r.error();
  auto unseen = [&store, name = sync.name](const std::string& after, int limit) {
    return store.unseen_linked_ids(name, after, limit);
  };
  auto source = std::make_shared<DataExtensionPageSource>(client, plan->query, std::move(start), unseen);
  run.fetch = [source] { return source->next(); };
  run.usage = [&client] { return client.usage(); };
  run.fingerprint = plan->fingerprint;
  if (note) run.notes_before.push_back(*note);
  return run_pages(sync, std::move(run), mapper, store, request, request.now_ms ? request.now_ms : now_ms());
}

}  // namespace sfsync
