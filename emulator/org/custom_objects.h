// Custom objects and custom fields from the emulator's YAML config (EmulatorOptions::config_path):
//
//   custom_objects:
//     - name: Invoice__c            # must end in __c
//       label: Invoice              # optional (default: from the name); label_plural optional too
//       fields:
//         - {name: Amount__c, type: currency, precision: 18, scale: 2}
//         - {name: Contact__c, type: reference, reference_to: Contact}     # relationship Contact__r
//         - {name: External_Id__c, type: string, length: 64, external_id: true, unique: true}
//   custom_fields:                  # custom fields on standard (or custom) objects
//     Contact:
//       - {name: Loyalty_Tier__c, type: picklist, values: [Gold, Silver], default: Silver}
//
// Field keys: name, type, label, length, precision, scale, digits, required, unique, external_id,
// values, default, reference_to (name or list), relationship_name, help. Types: string (text),
// textarea, longtextarea, email, phone, url, picklist, multipicklist, boolean (checkbox), int,
// double (number), currency, percent, date, datetime, time, reference (lookup).
// Other top-level keys (data_extensions:, apps, users) belong to other readers and are ignored.
#pragma once

#include <string>

#include "common/result.h"
#include "emulator/org/schema.h"

namespace emu {

// Adds the config's custom objects (key prefixes a00, a01, ...; Id, Name, OwnerId and the system
// fields) and custom fields. Errors (code "bad_config") name the file, the entry and the problem.
sfsync::Result<void> add_custom_objects_from_yaml(Catalog& catalog, const std::string& yaml_path);
// Same, from YAML text (tests); `origin` names the source in error messages.
sfsync::Result<void> add_custom_objects_from_yaml_text(Catalog& catalog, const std::string& yaml_text,
                                                       const std::string& origin = "config");

}  // namespace emu
