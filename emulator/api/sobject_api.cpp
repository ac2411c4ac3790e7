// Placeholder: replaced by the real sobject surface.
#include "emulator/api/apis.h"

namespace emu {
void register_sobject_api(Router&, ApiContext&) {}
}  // namespace emu
