// One stored record as the REST API returns it from GET /sobjects/{Object}/{id} and sObject
// Collections retrieve: {"attributes":{"type","url"}, <fields in Describe order>}, datetimes as
// 2024-01-02T03:04:05.000+0000, dates as 2024-01-02, numbers as JSON numbers, compound address
// fields assembled from their components (null when every component is null).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_writer.h"
#include "emulator/org/org_store.h"
#include "emulator/org/schema.h"

namespace emu {

// Writes `record`. `fields` empty = every field of the object; otherwise those fields, then Id
// when it was not among them (as Salesforce does for ?fields=).
void write_record_json(sfsync::JsonWriter& out, const ObjectSchema& object, const StoredRecord& record,
                       std::string_view api_version, const std::vector<const FieldSchema*>& fields);

// Parses a ?fields=a,b list. On an unknown name returns nullopt and sets `bad_name`.
std::optional<std::vector<const FieldSchema*>> parse_field_list(const ObjectSchema& object,
                                                                std::string_view list,
                                                                std::string& bad_name);

// "/services/data/v63.0/sobjects/Contact/003..."
std::string record_url(std::string_view api_version, const ObjectSchema& object, std::string_view id);

}  // namespace emu
