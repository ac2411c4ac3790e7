// Placeholder: replaced by the real query surface.
#include "emulator/api/apis.h"

namespace emu {
void register_query_api(Router&, ApiContext&) {}
}  // namespace emu
