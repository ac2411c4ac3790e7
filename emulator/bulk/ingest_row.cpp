#include "emulator/bulk/ingest_row.h"

namespace emu {

namespace {

WriteError row_error(std::string code, std::string message, std::vector<std::string> fields = {}) {
  return WriteError{std::move(code), std::move(message), std::move(fields), false};
}

RowOutcome failure(WriteError error) {
  RowOutcome o;
  o.error = std::move(error);
  return o;
}

// External ids compare case-insensitively unless the field is case sensitive.
std::string duplicate_key(const FieldSchema& field, std::string_view text) {
  return field.case_sensitive ? std::string(text) : to_lower(text);
}

// The column holding the upsert key, or -1 (Id keys come from the Id column).
int key_column(const IngestTarget& target) {
  for (size_t i = 0; i < target.columns.size(); ++i) {
    if (target.columns[i].field == target.external_id) return static_cast<int>(i);
  }
  return -1;
}

RowOutcome from_write(const WriteResult& r, const std::string& key_text, const FieldSchema* key_field = nullptr) {
  if (!r.matches.empty()) {
    return failure(row_error("DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + key_text,
                             {key_field ? key_field->name : "Id"}));
  }
  RowOutcome o;
  o.error = r.error;
  if (!r.error) {
    o.id = r.id;
    o.created = r.created;
  }
  return o;
}

// The parent's id for a relationship cell ("Account.Ext__c" = "A-1"), or the error.
std::optional<WriteError> resolve_parent(const IngestColumn& column, const std::string& text, OrgStore& store,
                                         std::string& parent_id) {
  FieldValue key;
  if (auto err = convert_text(*column.target_field, text, key)) return err;
  if (column.target_field->type == FieldType::Id) {
    parent_id = std::get<std::string>(key);
    return std::nullopt;
  }
  auto ids = store.find_ids(*column.target, *column.target_field, key);
  if (ids.size() == 1) {
    parent_id = ids.front();
    return std::nullopt;
  }
  const std::string where = " for field " + column.target_field->name + " in entity " + column.target->name;
  if (ids.empty()) return row_error("INVALID_FIELD", "Foreign key external ID: " + text + " not found" + where);
  return row_error("INVALID_FIELD", "Foreign key external ID: " + text + " matches more than one record" + where);
}

// Collects the row's cells into `record`; `id_text` receives the Id column's cell.
std::optional<WriteError> collect(const IngestTarget& target, const std::vector<std::string>& values,
                                  OrgStore& store, RecordValidator& record, std::string& id_text) {
  const bool insert = target.operation == "insert";
  for (size_t i = 0; i < target.columns.size(); ++i) {
    const IngestColumn& column = target.columns[i];
    const std::string& text = values[i];
    if (column.kind == IngestColumn::Kind::Id) {
      id_text = text;
      if (!insert || text.empty()) continue;  // an Id on insert is rejected by the validator
    }
    if (text.empty()) continue;  // unchanged on update, null on insert
    if (column.kind == IngestColumn::Kind::Relationship) {
      std::string parent_id = text == "#N/A" ? text : "";
      if (parent_id.empty()) {
        if (auto err = resolve_parent(column, text, store, parent_id)) return err;
      }
      if (auto err = record.add_text(column.field->name, parent_id)) return err;
      continue;
    }
    if (auto err = record.add_text(column.field->name, text)) return err;
  }
  return std::nullopt;
}

RowOutcome apply_delete(const IngestTarget& target, const std::string& id_text, RecordWriter& writer) {
  if (id_text.empty()) return failure(row_error("MISSING_ARGUMENT", "Id not specified in a delete call"));
  std::string id;
  if (auto err = RecordWriter::parse_record_id(*target.object, id_text, id)) return failure(*err);
  return from_write(writer.remove(id, target.operation == "hardDelete"), id_text);
}

RowOutcome apply_upsert(const IngestTarget& target, const std::vector<std::string>& values,
                        const std::string& id_text, RecordValidator& record, RecordWriter& writer) {
  const FieldSchema& key_field = *target.external_id;
  if (key_field.type == FieldType::Id) return from_write(writer.upsert(key_field, id_text, record), id_text);
  const int column = key_column(target);
  const FieldValue* key = record.value_of(key_field);
  if (column < 0 || !key || std::holds_alternative<std::monostate>(*key)) {
    return failure(row_error("MISSING_ARGUMENT", key_field.name + " not specified"));
  }
  const std::string& key_text = values[column];
  if (target.duplicate_keys.count(duplicate_key(key_field, key_text))) {
    return failure(row_error("DUPLICATE_VALUE", "Duplicate external id specified: " + key_text));
  }
  const FieldValue key_value = *key;  // a copy: upsert may write the key into `record`
  return from_write(writer.upsert(key_field, key_value, record), key_text, &key_field);
}

}  // namespace

RowOutcome apply_row(const IngestTarget& target, const std::vector<std::string>& values, OrgStore& store,
                     RecordWriter& writer) {
  if (values.size() != target.columns.size()) {
    return failure(row_error("INVALID_FIELD", "Incorrect number of fields in row: expected " +
                                                  std::to_string(target.columns.size()) + ", found " +
                                                  std::to_string(values.size())));
  }
  RecordValidator record(*target.object);
  std::string id_text;
  if (target.operation == "delete" || target.operation == "hardDelete") {
    for (size_t i = 0; i < target.columns.size(); ++i) {
      if (target.columns[i].kind == IngestColumn::Kind::Id) id_text = values[i];
    }
    return apply_delete(target, id_text, writer);
  }
  if (auto err = collect(target, values, store, record, id_text)) return failure(*err);
  if (target.operation == "insert") return from_write(writer.insert(record), "");
  if (target.operation == "update") {
    if (id_text.empty()) return failure(row_error("MISSING_ARGUMENT", "Id not specified in an update call"));
    return from_write(writer.update(id_text, record), id_text);
  }
  return apply_upsert(target, values, id_text, record, writer);
}

std::set<std::string> find_duplicate_keys(const IngestTarget& target, csv::Reader reader) {
  std::set<std::string> seen, duplicates;
  const int column = target.external_id ? key_column(target) : -1;
  if (column < 0) return duplicates;
  csv::Row row;
  while (reader.next(row)) {
    if (row.fields.size() <= static_cast<size_t>(column) || row.fields[column].empty()) continue;
    std::string key = duplicate_key(*target.external_id, row.fields[column]);
    if (!seen.insert(key).second) duplicates.insert(std::move(key));
  }
  return duplicates;
}

std::string sf_error_text(const WriteError& error) {
  std::string out = error.status_code + ":" + error.message + ":";
  for (size_t i = 0; i < error.fields.size(); ++i) {
    if (i) out += ',';
    out += error.fields[i];
  }
  out += error.fields.empty() ? "--" : " --";
  return out;
}

}  // namespace emu
