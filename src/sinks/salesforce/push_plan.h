// PushPlan: a push sync checked against the org's Describe, before any data call.
//
// Every problem a user can fix in the config is found here and returned as Error{"bad_config"}
// naming it on one line: an unknown object ("Custom object not found", with the closest names),
// an unknown field (INVALID_FIELD, with the closest names), a field the mode cannot write (the
// read-only message Salesforce would give), a required field missing from an insert/upsert
// mapping (REQUIRED_FIELD_MISSING), an upsert key that is no external id field.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "config/config.h"
#include "salesforce/describe.h"
#include "sinks/salesforce/collections_writer.h"

namespace sfsync {

// One mapped field, with its Describe spelling.
struct PlannedField {
  std::string field;                 // API name as Describe spells it
  std::string column;                // model column ("" for a fixed value)
  std::optional<std::string> value;  // fixed value
};

struct PushPlan {
  ObjectInfo object;
  WriteTarget target;                // op for the changed rows (mirror: upsert)
  std::vector<PlannedField> fields;
  std::string key_field;             // the field whose value keys a row ("" = the row's hash: insert)
  std::string key_column;            // the model column mapped to key_field
  // A composite key (a Data Extension's primary key of several fields): the model columns, in
  // the DE's field order; the row's key joins their values. Empty: key_column alone.
  std::vector<std::string> key_columns;
  std::string fingerprint;           // mapping_fingerprint(sync)
  bool mirror = false;               // delete records this sync created that left the model
  bool audience = false;             // Campaign membership (key_field: ContactId or LeadId)
  bool data_extension = false;       // a Marketing Cloud Data Extension (object.name = its CustomerKey)
};

// Validates the sync's destination against Describe (`object` as described) — pure, for tests.
Result<PushPlan> plan_push_from(const SyncConfig& sync, const ObjectInfo& object);
// An audience sync (CampaignMember, `describe` of CampaignMember) — pure, for tests.
Result<PushPlan> plan_audience_from(const SyncConfig& sync, const ObjectInfo& campaign_member);
// Describes the object (suggesting the closest names when it is unknown) and validates.
Result<PushPlan> plan_push(SalesforceClient& client, const SyncConfig& sync);
// Every mapped column must be a model column (checked once the model is open).
Result<void> check_model_columns(const SyncConfig& sync, const std::vector<std::string>& columns);

}  // namespace sfsync
