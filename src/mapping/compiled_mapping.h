// CompiledMapping: a sync's mapping settings, compiled once before a run.
//
// Templates are parsed, fixed values converted to their type, enum settings resolved, so that the
// per-record work in Mapper is lookups and copies only. Immutable after compile(): one instance is
// shared by every mapping thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/value.h"
#include "config/config.h"
#include "mapping/attribute_types.h"
#include "mapping/identifier_normalizer.h"
#include "mapping/template.h"

namespace sfsync {

struct CompiledIdentifier {
  std::string type;
  std::string field;                // either a field ...
  std::optional<Template> pattern;  // ... or a template
  std::string source() const { return pattern ? pattern->text() : field; }  // for messages
};

struct CompiledField {
  std::string field;           // source field path; empty for a fixed value
  std::string name;            // attribute / parameter name
  AttributeType type = AttributeType::Auto;
  std::optional<Value> fixed;  // already converted to `type`
};

struct CompiledEvent {
  bool enabled = false;
  std::string name;        // fixed name, or
  std::string name_field;  // the field holding it
  std::string timestamp_field;  // empty: processing time
  std::vector<CompiledField> parameters;
  std::string when_changed;     // EventSpec::when_changed
  std::vector<std::string> changed_to;  // EventSpec::changed_to
};

struct CompiledMapping {
  std::string sync_id;
  TargetKind target = TargetKind::Profile;
  InvalidIdentifierPolicy policy = InvalidIdentifierPolicy::SkipIdentifier;
  IdentifierNormalizer normalizer;
  std::vector<CompiledIdentifier> identifiers;
  std::vector<CompiledField> attributes;  // profile / object attributes, fixed values last
  CompiledEvent event;
  std::string object_type;                 // target object / relationship
  std::optional<Template> object_id;       // object.id_template / relationship.object_id_template
  std::vector<CompiledField> relationship_attributes;
  DeletePolicy on_delete = DeletePolicy::Mark;
  std::string delete_event;

  // `sync_id` defaults to the sync's name. Fails (code bad_config) on a template or a fixed value
  // that the loader would also have rejected, so a hand-built SyncConfig is safe too.
  static Result<CompiledMapping> compile(const SyncConfig& sync, std::string sync_id = "");
};

}  // namespace sfsync
