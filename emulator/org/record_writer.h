// RecordWriter: insert / update / upsert / delete of one record, with the checks Salesforce makes
// against the org's data, on top of RecordValidator's schema checks. REST sObject CRUD, sObject
// Collections and Bulk ingest all write through it, so a record is judged the same way whatever
// surface carried it.
//
// It does not open transactions: a caller that needs all-or-none wraps its calls in
// OrgStore::transaction(). Every write moves SystemModstamp (OrgStore does it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/org/org_store.h"
#include "emulator/org/record_validator.h"

namespace emu {

struct WriteResult {
  std::string id;        // the record written (empty on failure)
  bool created = false;  // upsert: a new record was inserted
  std::optional<WriteError> error;
  // Upsert: the ids of the records the external id matched when there were several (the REST
  // answer is HTTP 300 with their URLs; Collections and Bulk report an error item instead).
  std::vector<std::string> matches;
  // The id named no record at all (REST answers 404 NOT_FOUND; Collections an item error).
  bool not_found = false;

  bool ok() const { return !error && matches.empty(); }
};

// Whether a record read with include_deleted is in the recycle bin.
bool is_deleted(const StoredRecord& record);

class RecordWriter {
 public:
  explicit RecordWriter(OrgStore& store) : store_(store) {}

  // `record` holds the converted values of one record of record.object().
  WriteResult insert(RecordValidator& record);
  // `id` as given by the caller (15 or 18 characters); MALFORMED_ID when it is not an id of
  // the record's object.
  WriteResult update(std::string_view id, RecordValidator& record);
  // Matches `ext_field` = `ext_value`: none -> insert (with the external id set), one -> update,
  // several -> result.matches. `ext_field` may be Id (an empty value then inserts).
  WriteResult upsert(const FieldSchema& ext_field, const FieldValue& ext_value,
                     RecordValidator& record);
  // Soft delete of any object's record, found by the id's key prefix; `hard` (Bulk hardDelete)
  // skips the recycle bin: the record is purged at once, only the delete log keeps it.
  WriteResult remove(std::string_view id, bool hard = false);

  // The 18-character id of `object` named by `id`, or the MALFORMED_ID error Salesforce gives.
  static std::optional<WriteError> parse_record_id(const ObjectSchema& object, std::string_view id,
                                                   std::string& out);

 private:
  // Checks that need stored data: references point to live records of an allowed object, unique
  // fields hold no other record's value. `self_id` is the record being updated ("" on insert).
  std::optional<WriteError> check_against_org(const RecordValidator& record,
                                              const std::string& self_id);
  std::optional<WriteError> check_reference(const FieldSchema& field, const std::string& target_id);
  WriteResult update_existing(const std::string& id, RecordValidator& record);

  OrgStore& store_;
};

}  // namespace emu
