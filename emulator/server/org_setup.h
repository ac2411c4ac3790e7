// Builds the org an emulator serves: its Catalog (standard + configured custom objects) and its
// records (default user, generated data, fixtures).
#pragma once

#include "common/result.h"
#include "emulator/org/org_store.h"
#include "emulator/org/schema.h"
#include "emulator/server/options.h"

namespace emu {

sfsync::Result<void> build_catalog(EmulatorOptions& options, Catalog& catalog);
sfsync::Result<void> seed_org(const EmulatorOptions& options, OrgStore& store);

}  // namespace emu
