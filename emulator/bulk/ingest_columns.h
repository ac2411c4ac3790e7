// The header row of an ingest CSV, resolved against the object's schema.
//
// A column is a field API name ("LastName", case-insensitive), "Id", or a relationship by external
// id ("Account.External_Id__c": the AccountId lookup, matched on Account's External_Id__c). A name
// that is none of these fails the whole job, as Salesforce does
// ("InvalidBatch : Field name not found : X").
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "emulator/bulk/csv.h"
#include "emulator/org/schema.h"

namespace emu {

struct IngestColumn {
  enum class Kind { Id, Field, Relationship };
  Kind kind = Kind::Field;
  std::string header;                           // as written
  const FieldSchema* field = nullptr;           // Field; Relationship: the lookup field (AccountId)
  const ObjectSchema* target = nullptr;         // Relationship: the parent object
  const FieldSchema* target_field = nullptr;    // Relationship: the parent's external id field
};

// Error code "InvalidBatch", message "Field name not found : X" when a column is unknown (the job's
// errorMessage is "<code> : <message>").
sfsync::Result<std::vector<IngestColumn>> resolve_columns(const Catalog& catalog, const ObjectSchema& object,
                                                          const std::vector<std::string>& header);

}  // namespace emu
