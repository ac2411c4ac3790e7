#include "sinks/data_extension/de_push_plan.h"

#include "common/text.h"
#include "config/fingerprint.h"
#include "config/suggest.h"

namespace sfsync {

namespace {

Error config_error(const SyncConfig& sync, const Location& loc, const std::string& what) {
  return make_error("bad_config", loc.str() + ": sync \"" + sync.name + "\": " + what);
}

const PlannedField* planned(const PushPlan& plan, const std::string& field) {
  for (const auto& p : plan.fields)
    if (iequals_ascii(p.field, field)) return &p;
  return nullptr;
}

Result<void> map_fields(const SyncConfig& sync, const DataExtensionInfo& de, PushPlan& plan) {
  std::vector<std::string> names;
  for (const auto& f : de.fields) names.push_back(f.name);
  for (const auto& m : sync.push.mapping) {
    const DataExtensionField* f = de.field(m.field);
    if (!f) {
      auto near = closest_names(m.field, names, 3);
      return config_error(sync, m.loc, "Data Extension " + de.key + " has no field \"" + m.field + "\"" +
                                           (near.empty() ? "" : " (closest: " + quoted_list(near) + ")"));
    }
    if (planned(plan, f->name)) return config_error(sync, m.loc, "field " + f->name + " is mapped twice");
    plan.fields.push_back({f->name, m.column, m.value});
    plan.target.kinds[f->name] = FieldKind::Text;  // the rows API takes every value as text
  }
  return {};
}

// The primary key: every field from a model column, in the DE's field order.
Result<void> choose_key(const SyncConfig& sync, const DataExtensionInfo& de, PushPlan& plan) {
  for (const auto& f : de.fields) {
    if (!f.is_primary_key) continue;
    const PlannedField* p = planned(plan, f.name);
    if (!p || p->column.empty())
      return config_error(sync, sync.push.loc, "map a model column to " + f.name + ": it is the primary key of " +
                                                   de.key + " and identifies each row of the upsert");
    if (!plan.key_field.empty()) plan.key_field += ",";
    plan.key_field += f.name;
    plan.key_columns.push_back(p->column);
  }
  if (plan.key_columns.empty())
    return config_error(sync, sync.push.loc, "Data Extension " + de.key + " has no primary key, and a push upserts "
                                             "rows by it; give the DE a primary key in Contact Builder");
  plan.key_column = plan.key_columns.front();
  return {};
}

Result<void> check_required(const SyncConfig& sync, const DataExtensionInfo& de, const PushPlan& plan) {
  std::vector<std::string> missing;
  for (const auto& f : de.fields)
    if (!f.is_nullable && !f.is_primary_key && !planned(plan, f.name)) missing.push_back(f.name);
  if (missing.empty()) return {};
  return config_error(sync, sync.push.loc, "Data Extension " + de.key + " requires " + quoted_list(missing) +
                                               " (not nullable): map a model column or a fixed value to each");
}

}  // namespace

Result<PushPlan> plan_data_extension_push(const SyncConfig& sync, const DataExtensionInfo& de) {
  PushPlan plan;
  plan.data_extension = true;
  plan.object.name = de.key;
  plan.fingerprint = mapping_fingerprint(sync);
  if (auto r = map_fields(sync, de, plan); !r) return r.error();
  if (auto r = choose_key(sync, de, plan); !r) return r.error();
  if (auto r = check_required(sync, de, plan); !r) return r.error();
  plan.target.object = de.key;
  plan.target.op = WriteOp::Upsert;
  plan.target.external_id_field = plan.key_field;
  return plan;
}

Result<PushPlan> plan_data_extension_push(MarketingCloudClient& client, const SyncConfig& sync) {
  auto de = describe_data_extension(client, sync.push.data_extension);
  if (!de) return de.error();
  if (!client.granted(MarketingCloudClient::kWriteScope))
    return MarketingCloudClient::missing_scope_error(MarketingCloudClient::kWriteScope,
                                                     "the token was granted \"" + client.granted_scopes() + "\"");
  return plan_data_extension_push(sync, *de);
}

}  // namespace sfsync
