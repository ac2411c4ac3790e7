// Placeholder: replaced by the real sfmc surface.
#include "emulator/api/apis.h"

namespace emu {
void register_sfmc_api(Router&, ApiContext&) {}
}  // namespace emu
