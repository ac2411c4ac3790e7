// Data Extensions declared in the emulator's YAML config:
//
//   data_extensions:
//     - key: Orders_DE            # external key (required)
//       name: Orders              # defaults to the key
//       rows: 250000              # rows to generate (default 0)
//       fields:
//         - {name: OrderId, type: Text, length: 50, is_primary_key: true}
//         - {name: Amount, type: Decimal, length: 18, scale: 2}
//         - {name: ModifiedDate, type: Date}
//
// Types: Text, Number, Date, Boolean, EmailAddress, Phone, Decimal, Locale.
// An entry without `fields` only sets the row count of a demo DE (`- {key: Subscribers_DE, rows: 250000}`);
// build_data_extension_store rejects it for any other key.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "emulator/sfmc/data_extension.h"

namespace emu {

// The DEs of the config at `path` (none when it has no data_extensions section). Error "bad_config".
sfsync::Result<std::vector<DataExtensionDef>> load_data_extensions_yaml(const std::string& path);

}  // namespace emu
