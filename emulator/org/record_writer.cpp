#include "emulator/org/record_writer.h"

#include "common/time_util.h"
#include "emulator/org/sfid.h"

namespace emu {
namespace {

WriteError entity_is_deleted() { return WriteError{"ENTITY_IS_DELETED", "entity is deleted", {}, false}; }
WriteError invalid_cross_reference() {
  return WriteError{"INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", {}, false};
}

WriteResult failed(WriteError error) {
  WriteResult r;
  r.error = std::move(error);
  return r;
}

WriteResult store_failure(const sfsync::Error& e) {
  return failed(WriteError{e.code, e.message, {}, false});
}

enum class RecordState { Live, Deleted, Missing };

RecordState state_of(OrgStore& store, const ObjectSchema& object, const std::string& id) {
  auto rec = store.get(object, id, /*include_deleted=*/true);
  if (!rec) return RecordState::Missing;
  return is_deleted(*rec) ? RecordState::Deleted : RecordState::Live;
}

const FieldSchema& id_field_of(const ObjectSchema& object) {
  static const FieldSchema kFallback = [] {
    FieldSchema f;
    f.name = "Id";
    f.label = "Record ID";
    f.type = FieldType::Id;
    return f;
  }();
  const FieldSchema* f = object.field("Id");
  return f ? *f : kFallback;
}

std::string fifteen(const std::string& id) { return id.substr(0, 15); }

}  // namespace

bool is_deleted(const StoredRecord& record) {
  const FieldValue* v = record.get("IsDeleted");
  if (!v) return false;
  if (const auto* n = std::get_if<int64_t>(v)) return *n != 0;
  if (const auto* b = std::get_if<bool>(v)) return *b;
  return false;
}

std::optional<WriteError> RecordWriter::parse_record_id(const ObjectSchema& object,
                                                        std::string_view id, std::string& out) {
  auto normalized = normalize_sfid(id);
  if (!normalized || normalized->compare(0, 3, object.key_prefix) != 0)
    return malformed_id_error(id_field_of(object), id);
  out = *normalized;
  return std::nullopt;
}

std::optional<WriteError> RecordWriter::check_reference(const FieldSchema& field,
                                                        const std::string& target_id) {
  const Catalog& catalog = store_.catalog();
  const ObjectSchema* target = catalog.find_by_prefix(target_id.substr(0, 3));
  bool allowed = false;
  bool unknown_target = false;  // a target object this org does not model (User, Group, ...)
  for (const auto& name : field.reference_to) {
    const ObjectSchema* o = catalog.find(name);
    if (!o) unknown_target = true;
    else if (o == target) allowed = true;
  }
  if (!target) {
    if (unknown_target) return std::nullopt;  // cannot be verified here: accepted
    return invalid_cross_reference();
  }
  if (!allowed)
    return WriteError{"INVALID_CROSS_REFERENCE_KEY",
                      message_label(field) + ": id value of incorrect type: " + target_id,
                      {field.name}, false};
  switch (state_of(store_, *target, target_id)) {
    case RecordState::Live: return std::nullopt;
    case RecordState::Deleted: return entity_is_deleted();
    case RecordState::Missing: return invalid_cross_reference();
  }
  return std::nullopt;
}

std::optional<WriteError> RecordWriter::check_against_org(const RecordValidator& record,
                                                          const std::string& self_id) {
  for (const auto& a : record.values()) {
    const FieldSchema& f = *a.field;
    if (std::holds_alternative<std::monostate>(a.value)) continue;
    if (f.type == FieldType::Reference) {
      if (auto err = check_reference(f, std::get<std::string>(a.value))) return err;
    }
    if (f.unique) {
      for (const auto& other : store_.find_ids(record.object(), f, a.value)) {
        if (other == self_id) continue;
        return WriteError{"DUPLICATE_VALUE",
                          "duplicate value found: " + f.name +
                              " duplicates value on record with id: " + fifteen(other),
                          {}, false};
      }
    }
  }
  return std::nullopt;
}

WriteResult RecordWriter::insert(RecordValidator& record) {
  if (auto err = record.check_access(WriteOp::Insert)) return failed(*err);
  if (auto err = check_against_org(record, "")) return failed(*err);
  auto id = store_.insert(record.object(), record.values(), sfsync::now_ms());
  if (!id.ok()) return store_failure(id.error());
  WriteResult r;
  r.id = id.value();
  r.created = true;
  return r;
}

WriteResult RecordWriter::update_existing(const std::string& id, RecordValidator& record) {
  switch (state_of(store_, record.object(), id)) {
    case RecordState::Live: break;
    case RecordState::Deleted: return failed(entity_is_deleted());
    case RecordState::Missing: {
      WriteResult r = failed(invalid_cross_reference());
      r.not_found = true;
      return r;
    }
  }
  if (auto err = record.check_access(WriteOp::Update)) return failed(*err);
  if (auto err = check_against_org(record, id)) return failed(*err);
  auto done = store_.update(record.object(), id, record.values(), sfsync::now_ms());
  if (!done.ok()) return store_failure(done.error());
  WriteResult r;
  r.id = id;
  return r;
}

WriteResult RecordWriter::update(std::string_view id, RecordValidator& record) {
  std::string normalized;
  if (auto err = parse_record_id(record.object(), id, normalized)) return failed(*err);
  return update_existing(normalized, record);
}

WriteResult RecordWriter::upsert(const FieldSchema& ext_field, const FieldValue& ext_value,
                                 RecordValidator& record) {
  std::vector<std::string> matches;
  if (ext_field.type == FieldType::Id) {
    const auto* id = std::get_if<std::string>(&ext_value);
    if (!id || id->empty()) return insert(record);
    matches.push_back(*id);
  } else {
    matches = store_.find_ids(record.object(), ext_field, ext_value);
  }
  if (matches.size() > 1) {
    WriteResult r;
    r.matches = std::move(matches);
    return r;
  }
  if (matches.empty()) {
    record.set(ext_field, ext_value);
    return insert(record);
  }
  return update_existing(matches.front(), record);
}

WriteResult RecordWriter::remove(std::string_view id, bool hard) {
  auto normalized = normalize_sfid(id);
  const ObjectSchema* object =
      normalized ? store_.catalog().find_by_prefix(normalized->substr(0, 3)) : nullptr;
  if (!object) return failed(WriteError{"MALFORMED_ID", "malformed id " + std::string(id), {}, false});
  switch (state_of(store_, *object, *normalized)) {
    case RecordState::Live: break;
    case RecordState::Deleted: return failed(entity_is_deleted());
    case RecordState::Missing: {
      WriteResult r = failed(entity_is_deleted());
      r.not_found = true;
      return r;
    }
  }
  auto done = store_.remove(*object, *normalized, sfsync::now_ms());
  if (done.ok() && hard) done = store_.purge(*object, *normalized);
  if (!done.ok()) return store_failure(done.error());
  WriteResult r;
  r.id = *normalized;
  return r;
}

}  // namespace emu
