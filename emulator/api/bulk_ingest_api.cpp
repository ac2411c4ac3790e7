// Placeholder: replaced by the real bulk_ingest surface.
#include "emulator/api/apis.h"

namespace emu {
void register_bulk_ingest_api(Router&, ApiContext&) {}
}  // namespace emu
