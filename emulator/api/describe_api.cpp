// Placeholder: replaced by the real describe surface.
#include "emulator/api/apis.h"

namespace emu {
void register_describe_api(Router&, ApiContext&) {}
}  // namespace emu
