// Placeholder: replaced by the real oauth surface.
#include "emulator/api/apis.h"

namespace emu {
void register_oauth_api(Router&, ApiContext&) {}
}  // namespace emu
