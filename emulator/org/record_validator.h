// RecordValidator: turns the field values of one record in a write request into typed
// FieldAssignments, rejecting what Salesforce rejects with its status codes and messages.
//
// Two sources feed it. REST and sObject Collections bodies give JSON values (simdjson elements);
// Bulk ingest gives CSV text. The same wrong value fails differently by source, as on Salesforce:
// a JSON value of the wrong type fails deserialization of the whole request (JSON_PARSER_ERROR,
// HTTP 400), while a CSV cell of the wrong type fails only its row (INVALID_TYPE_ON_FIELD_IN_RECORD).
//
// Checks that only need the schema live here (unknown field, type, length, e-mail syntax, id
// syntax, createable/updateable, required). Checks that need the org's data (a reference points to
// an existing record of the right object, unique values) live in RecordWriter.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/org/org_store.h"
#include "emulator/org/schema.h"

namespace emu {

// One Salesforce error on a record: the item of a Collections result ({statusCode,message,fields})
// or the body of a REST error ([{message,errorCode,fields}]).
struct WriteError {
  std::string status_code;
  std::string message;
  std::vector<std::string> fields;
  // True when Salesforce rejects the request as a whole rather than one record (unknown field,
  // JSON of the wrong type): REST and Collections answer HTTP 400 [{message,errorCode}].
  bool request_level = false;
};

enum class WriteOp { Insert, Update };

class RecordValidator {
 public:
  // `json_body` (optional) is the raw request text; JSON_PARSER_ERROR messages quote a position in it.
  explicit RecordValidator(const ObjectSchema& object, std::string_view json_body = {})
      : object_(object), json_body_(json_body) {}

  // Converts every member of a JSON record except "attributes". Stops at the first error.
  std::optional<WriteError> add_json_record(simdjson::dom::object record);
  // Converts one JSON member; `name` as written in the request (matched case-insensitively).
  std::optional<WriteError> add_json(std::string_view name, simdjson::dom::element value);
  // Converts one CSV cell. "" and "#N/A" mean null (Bulk callers drop "" on update themselves,
  // since there an empty cell leaves the field unchanged).
  std::optional<WriteError> add_text(std::string_view name, std::string_view text);

  // Checks the collected values against the operation: fields not createable (insert) or not
  // updateable (update), compound fields, required fields missing (insert) or set to null.
  std::optional<WriteError> check_access(WriteOp op) const;

  // Removes and returns the "Id" value when the record carried one (update selector, or an
  // error on insert). Empty string when the Id was null.
  std::optional<std::string> take_id();
  // The value given for a field, when the record carried it.
  const FieldValue* value_of(const FieldSchema& field) const;
  // Sets (or replaces) a value that did not come from the request: the external id from an
  // upsert URL.
  void set(const FieldSchema& field, FieldValue value);

  const std::vector<FieldAssignment>& values() const { return values_; }
  const ObjectSchema& object() const { return object_; }

 private:
  std::optional<WriteError> add(const FieldSchema& field, FieldValue value);

  const ObjectSchema& object_;
  std::string_view json_body_;
  std::vector<FieldAssignment> values_;
};

// Converts a text value (CSV cell, external id in an upsert URL) for one field. Shared by
// add_text and the upsert routes. Errors are INVALID_TYPE_ON_FIELD_IN_RECORD / MALFORMED_ID.
std::optional<WriteError> convert_text(const FieldSchema& field, std::string_view text,
                                       FieldValue& out);

// Errors shared with the API modules, built in one place so the texts stay identical.
WriteError invalid_field_error(const ObjectSchema& object, std::string_view name);
WriteError malformed_id_error(const FieldSchema& id_field, std::string_view value);
WriteError required_missing_error(const std::vector<std::string>& fields);

// Salesforce's label of a field in messages ("Email", "Account ID").
std::string message_label(const FieldSchema& field);

}  // namespace emu
