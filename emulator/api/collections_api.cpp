// Placeholder: replaced by the real collections surface.
#include "emulator/api/apis.h"

namespace emu {
void register_collections_api(Router&, ApiContext&) {}
}  // namespace emu
