#include "mapping/compiled_mapping.h"

namespace sfsync {
namespace {

Result<std::vector<CompiledField>> compile_fields(const SyncConfig& sync, const std::vector<FieldMapping>& in) {
  std::vector<CompiledField> out;
  for (const FieldMapping& f : in) {
    CompiledField c{f.field, f.name.empty() ? f.field : f.name, f.type, std::nullopt};
    if (f.value) {
      auto v = convert_value(Value::string(*f.value), f.type);
      if (!v.ok())
        return make_error("bad_config", f.loc.str() + ": sync \"" + sync.name + "\": fixed value \"" + c.name +
                                            "\": " + v.error().message);
      c.fixed = std::move(v.value());
    }
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::optional<Template>> compile_template(const SyncConfig& sync, const std::string& text, const Location& loc) {
  if (text.empty()) return std::optional<Template>();
  auto t = Template::compile(text, sync.object);
  if (!t.ok()) return make_error("bad_config", loc.str() + ": sync \"" + sync.name + "\": " + t.error().message);
  return std::optional<Template>(std::move(t.value()));
}

}  // namespace

Result<CompiledMapping> CompiledMapping::compile(const SyncConfig& sync, std::string sync_id) {
  CompiledMapping m;
  m.sync_id = sync_id.empty() ? sync.name : std::move(sync_id);
  m.target = sync.target;
  m.policy = sync.on_invalid_identifier;
  m.normalizer = IdentifierNormalizer(sync.default_phone_country);
  for (const auto& id : sync.identifiers) {
    auto t = compile_template(sync, id.template_text, id.loc);
    if (!t.ok()) return t.error();
    m.identifiers.push_back({id.type, id.field, std::move(t.value())});
  }
  auto attrs = compile_fields(sync, sync.attributes);
  if (!attrs.ok()) return attrs.error();
  m.attributes = std::move(attrs.value());
  const EventSpec& ev = sync.event;
  m.event.enabled = ev.enabled();
  m.event.name = ev.name;
  m.event.name_field = ev.name_field;
  m.event.timestamp_field = ev.timestamp_field;
  m.event.when_changed = ev.when_changed;
  m.event.changed_to = ev.changed_to;
  auto params = compile_fields(sync, ev.parameters);
  if (!params.ok()) return params.error();
  m.event.parameters = std::move(params.value());
  if (sync.target == TargetKind::Object) {
    m.object_type = sync.object_target.type;
    auto t = compile_template(sync, sync.object_target.id_template, sync.object_target.loc);
    if (!t.ok()) return t.error();
    m.object_id = std::move(t.value());
  } else if (sync.target == TargetKind::Relationship) {
    m.object_type = sync.relationship.object_type;
    auto t = compile_template(sync, sync.relationship.object_id_template, sync.relationship.loc);
    if (!t.ok()) return t.error();
    m.object_id = std::move(t.value());
    auto rel = compile_fields(sync, sync.relationship.attributes);
    if (!rel.ok()) return rel.error();
    m.relationship_attributes = std::move(rel.value());
  }
  if ((m.target == TargetKind::Object || m.target == TargetKind::Relationship) && !m.object_id)
    return make_error("bad_config", sync.loc.str() + ": sync \"" + sync.name + "\": target " +
                                        std::string(target_kind_name(m.target)) + " needs an id template");
  m.on_delete = sync.on_delete;
  m.delete_event = sync.delete_event;
  return m;
}

}  // namespace sfsync
