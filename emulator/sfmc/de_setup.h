// Builds the Marketing Cloud tenant's Data Extensions for an emulator: the demo DEs
// (Subscribers_DE, Preferences_DE) plus those of the YAML config (options.config_path), each
// filled with its generated rows from options.seed. Row counts come from the definitions (YAML
// `rows:`; a `{key: Subscribers_DE, rows: N}` entry resizes a demo DE) or options.counts["<DE key>"].
#pragma once

#include <memory>

#include "common/result.h"
#include "emulator/server/options.h"
#include "emulator/sfmc/data_extension_store.h"

namespace emu {

sfsync::Result<std::unique_ptr<DataExtensionStore>> build_data_extension_store(const EmulatorOptions& options);

}  // namespace emu
