// Data Extension cell values: how they are stored (typed, so dates sort and numbers compare) and
// how the rowset API prints them (always strings: "True"/"False", "6/23/2024 12:00:00 AM", "" for null).
//
// Storage by field type: Number and Boolean -> INTEGER, Decimal -> REAL, Date -> INTEGER epoch ms of
// the account's wall-clock time (no zone, like the platform's datetime columns), others -> TEXT.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "common/result.h"
#include "emulator/sfmc/data_extension.h"

namespace emu {

using DeCell = std::variant<std::monostate, int64_t, double, std::string>;

// Parses a value as a client or the config writes it: "" is null; Boolean true/false/1/0;
// Date as 2024-01-02, 2024-01-02T03:04:05[.fff][Z] or 1/2/2024 [3:04:05 AM]. Error code "bad_value".
sfsync::Result<DeCell> parse_de_value(const DeField& field, std::string_view text);

// The rowset API's text for a stored value.
std::string format_de_value(const DeField& field, const DeCell& cell);

// "M/D/YYYY h:mm:ss AM" for epoch ms.
std::string format_us_datetime(int64_t epoch_ms);

}  // namespace emu
