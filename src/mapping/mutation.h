// Mutations: what the Mapper makes of a record and the customer store applies.
//
// Every mutation names its source (sync id + source record id) so that re-reading a page is
// harmless (upserts are idempotent, events have a deterministic dedup key) and so that a deletion
// in the source can find exactly what that record produced.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/value.h"

namespace sfsync {

struct Identifier {
  std::string type;   // "email", "phone", "uuid" or a custom type name
  std::string value;  // normalized: lower-cased email, E.164 phone, ...
  bool operator==(const Identifier& o) const { return type == o.type && value == o.value; }
};

struct Attribute {
  std::string name;
  Value value;
};

struct SourceRef {
  std::string sync_id;
  std::string record_id;
  int64_t source_ts_ms = 0;  // SystemModstamp: attributes merge last-write-wins by it
};

struct ProfileUpsert {
  SourceRef source;
  std::vector<Identifier> identifiers;  // at least one
  std::vector<Attribute> attributes;
};

struct EventAppend {
  SourceRef source;
  std::vector<Identifier> identifiers;  // the person the event belongs to
  std::string name;
  int64_t timestamp_ms = 0;
  std::vector<Attribute> parameters;
  std::string dedup_key;  // sync id + record id + record version: unique in the store
  // event.when_changed: the watched field's value in this version ("=text", "" for null). The
  // store sends the event only when it differs from the last value it kept for the record.
  std::optional<std::string> watched;
  // event.changed_to: whether the watched value is one the event waits for. The store keeps the
  // value either way (a later move to it is a change), but sends the event only then.
  bool watched_matches = true;
  // A delete event: it belongs to the profile the deleted record made (its record link), else to
  // the existing profile its identifiers match (possibly none: a purged record has only its Id);
  // the store never creates or revives a profile for it, and sends nothing when it finds none.
  bool of_deleted_record = false;
};

struct ObjectUpsert {
  SourceRef source;
  std::string object_type;  // "account"
  std::string object_id;    // from the id template
  std::vector<Attribute> attributes;
};

struct RelationshipUpsert {
  SourceRef source;
  std::vector<Identifier> person;
  std::string object_type;
  std::string object_id;
  std::vector<Attribute> attributes;
};

// The source record was deleted: mark (or remove) whatever this sync made from it.
struct SourceDeletion {
  SourceRef source;
  enum class Policy { Mark, Remove } policy = Policy::Mark;
  bool unless_read_in_pass = false;  // Record::absent_from_pass: void if the pass read the record
};

using Mutation = std::variant<ProfileUpsert, EventAppend, ObjectUpsert, RelationshipUpsert, SourceDeletion>;

// A record the mapper skipped or could not map, with the reason (stored per execution).
struct RecordIssue {
  std::string record_id;
  std::string code;     // "no_valid_identifier", "invalid_email", "invalid_phone", "bad_value", ...
  std::string message;  // one line
  bool skipped = true;  // true: record skipped; false: record landed but something was dropped
};

struct MappedRecord {
  std::vector<Mutation> mutations;
  std::vector<RecordIssue> issues;
};

}  // namespace sfsync
