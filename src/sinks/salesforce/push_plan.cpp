#include "sinks/salesforce/push_plan.h"

#include "config/fingerprint.h"
#include "config/suggest.h"

namespace sfsync {

namespace {

Error config_error(const SyncConfig& sync, const Location& loc, const std::string& what) {
  return make_error("bad_config", loc.str() + ": sync \"" + sync.name + "\": " + what);
}

std::vector<std::string> field_names(const ObjectInfo& object) {
  std::vector<std::string> names;
  for (const auto& f : object.fields) names.push_back(f.name);
  return names;
}

// Salesforce's own sentence for a field the operation cannot write.
std::string read_only_message(const std::string& field) {
  return "Unable to create/update fields: " + field +
         ". Please check the security settings of this field and verify that it is read/write for your profile "
         "or permission set.";
}

Result<void> check_writable(const SyncConfig& sync, const ColumnMapping& m, const FieldInfo& f, PushMode mode,
                            bool is_key) {
  bool creates = mode != PushMode::Update;
  bool updates = mode != PushMode::Insert;
  if (is_key && f.type == "id") return {};  // the key of an update / upsert on Id
  if (creates && !f.createable)
    return config_error(sync, m.loc, "INVALID_FIELD_FOR_INSERT_UPDATE: " + read_only_message(f.name));
  if (updates && !f.updateable)
    return config_error(sync, m.loc, "INSUFFICIENT_ACCESS_OR_READONLY: " + read_only_message(f.name));
  return {};
}

Result<void> check_required(const SyncConfig& sync, const PushPlan& plan) {
  if (sync.push.mode == PushMode::Update) return {};
  std::vector<std::string> missing;
  for (const auto& f : plan.object.fields) {
    if (!f.createable || f.nillable || f.defaulted_on_create || f.type == "boolean") continue;
    bool mapped = false;
    for (const auto& p : plan.fields) mapped = mapped || iequals_ascii(p.field, f.name);
    if (!mapped) missing.push_back(f.name);
  }
  if (missing.empty()) return {};
  std::string list;
  for (const auto& m : missing) {
    if (!list.empty()) list += ", ";
    list += m;
  }
  return config_error(sync, sync.push.loc,
                      "REQUIRED_FIELD_MISSING: Required fields are missing: [" + list + "] — map a column or a fixed "
                      "value to each for " + std::string(sync.push.mode == PushMode::Insert ? "insert" : "upsert") +
                      " on " + plan.object.name);
}

// The key: Id or an External ID field (upsert, mirror); for update also an idLookup field such as
// Contact.Email, whose records are found by a query.
Result<void> choose_key(const SyncConfig& sync, PushPlan& plan) {
  const PushSpec& p = sync.push;
  const std::string& key = p.external_id_field;
  const FieldInfo* f = plan.object.field(key);
  if (!f)
    return config_error(sync, p.loc, "INVALID_FIELD: external_id_field: No such column '" + key +
                                         "' on sobject of type " + plan.object.name);
  bool lookup_ok = f->type == "id" || f->external_id || (p.mode == PushMode::Update && f->id_lookup);
  if (p.mode != PushMode::Insert && !lookup_ok)
    return config_error(sync, p.loc, "external_id_field " + f->name + " on " + plan.object.name +
                                         (p.mode == PushMode::Update
                                              ? " cannot find records (update needs Id, an External ID or an idLookup field)"
                                              : " is not an External ID field (upsert needs an External ID field or Id)"));
  plan.key_field = f->name;
  for (const auto& pf : plan.fields)
    if (iequals_ascii(pf.field, f->name) && !pf.column.empty()) plan.key_column = pf.column;
  if (plan.key_column.empty()) {
    if (p.mode == PushMode::Insert) { plan.key_field.clear(); return {}; }  // keyed by the row's hash
    return config_error(sync, p.loc, "map a model column to " + f->name + ": it identifies the record for " +
                                         (p.mode == PushMode::Update ? "update" : "upsert"));
  }
  return {};
}

}  // namespace

Result<PushPlan> plan_push_from(const SyncConfig& sync, const ObjectInfo& object) {
  const PushSpec& p = sync.push;
  PushPlan plan;
  plan.object = object;
  plan.fingerprint = mapping_fingerprint(sync);
  plan.mirror = p.mode == PushMode::Mirror;
  const std::string& key = p.external_id_field;
  for (const auto& m : p.mapping) {
    const FieldInfo* f = object.field(m.field);
    if (!f) {
      auto near = closest_names(m.field, field_names(object), 3);
      return config_error(sync, m.loc, "INVALID_FIELD: No such column '" + m.field + "' on sobject of type " +
                                           object.name + (near.empty() ? "" : " (closest: " + quoted_list(near) + ")"));
    }
    if (auto r = check_writable(sync, m, *f, p.mode, iequals_ascii(f->name, key)); !r) return r.error();
    plan.fields.push_back({f->name, m.column, m.value});
    plan.target.kinds[f->name] = field_kind(*f);
  }
  if (auto r = check_required(sync, plan); !r) return r.error();
  if (auto r = choose_key(sync, plan); !r) return r.error();
  plan.target.object = object.name;
  plan.target.external_id_field = plan.key_field;
  plan.target.op = p.mode == PushMode::Insert ? WriteOp::Insert
                   : p.mode == PushMode::Update ? WriteOp::Update
                                                : WriteOp::Upsert;
  return plan;
}

Result<PushPlan> plan_audience_from(const SyncConfig& sync, const ObjectInfo& campaign_member) {
  const PushSpec& p = sync.push;
  PushPlan plan;
  plan.object = campaign_member;
  plan.fingerprint = mapping_fingerprint(sync);
  plan.audience = true;
  plan.mirror = p.audience->mode == AudienceMode::Mirror;
  for (const auto& m : p.mapping) {
    bool person = iequals_ascii(m.field, "ContactId") || iequals_ascii(m.field, "LeadId");
    if (!person || m.column.empty() || !plan.key_column.empty())
      return config_error(sync, m.loc, "an audience maps exactly one model column to ContactId or LeadId "
                                       "(the Status comes from audience.status_field)");
    plan.key_field = iequals_ascii(m.field, "ContactId") ? "ContactId" : "LeadId";
    plan.key_column = m.column;
    plan.fields.push_back({plan.key_field, m.column, std::nullopt});
  }
  if (plan.key_column.empty())
    return config_error(sync, p.loc, "audience: map the model column holding each person's Id to ContactId or LeadId "
                                     "(mapping: [{column: contact_id, field: ContactId}])");
  if (!p.audience->status_field.empty()) plan.fields.push_back({"Status", p.audience->status_field, std::nullopt});
  plan.target.object = "CampaignMember";
  plan.target.op = WriteOp::Upsert;  // change detection by hash; AudienceWriter picks the calls
  for (const auto& f : plan.fields) plan.target.kinds[f.field] = FieldKind::Text;
  return plan;
}

namespace {

Error object_not_found(const SyncConfig& sync, const std::vector<std::string>& near) {
  return config_error(sync, sync.push.loc, "Custom object not found: '" + sync.push.object + "'" +
                                               (near.empty() ? "" : " (closest: " + quoted_list(near) + ")") +
                                               "; API names are case-sensitive and custom ones end in __c");
}

}  // namespace

Result<PushPlan> plan_push(SalesforceClient& client, const SyncConfig& sync) {
  if (sync.push.audience) {
    auto member = describe_object(client, "CampaignMember");
    if (!member) return member.error();
    return plan_audience_from(sync, *member);
  }
  auto info = describe_object(client, sync.push.object);
  if (!info && info.error().code == "unknown_object") {
    std::vector<std::string> names;
    if (auto global = describe_global(client))
      for (const auto& o : *global) names.push_back(o.name);
    return object_not_found(sync, closest_names(sync.push.object, names, 3));
  }
  if (!info) return info.error();
  // Describe finds "contact" too; the destination name must be the exact API name (issue 5).
  if (info->name != sync.push.object) return object_not_found(sync, {info->name});
  return plan_push_from(sync, *info);
}

Result<void> check_model_columns(const SyncConfig& sync, const std::vector<std::string>& columns) {
  std::vector<ColumnMapping> wanted = sync.push.mapping;
  if (sync.push.audience && !sync.push.audience->status_field.empty())
    wanted.push_back({sync.push.audience->status_field, "Status", std::nullopt, sync.push.loc});
  for (const auto& m : wanted) {
    if (m.column.empty()) continue;
    bool found = false;
    for (const auto& c : columns) found = found || c == m.column;
    if (!found) {
      auto near = closest_names(m.column, columns, 3);
      return make_error("bad_config", m.loc.str() + ": sync \"" + sync.name + "\": the model has no column \"" +
                                          m.column + "\"" + (near.empty() ? "" : " (closest: " + quoted_list(near) + ")"));
    }
  }
  return {};
}

}  // namespace sfsync
