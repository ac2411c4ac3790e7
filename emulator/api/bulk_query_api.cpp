// Placeholder: replaced by the real bulk_query surface.
#include "emulator/api/apis.h"

namespace emu {
void register_bulk_query_api(Router&, ApiContext&) {}
}  // namespace emu
