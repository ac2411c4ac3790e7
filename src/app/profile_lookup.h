// ProfileQuery: the ways to name a profile (`sfsync find`, the daemon's /api/profile): by email,
// phone or any identifier (normalized as the mappings normalize them), by the source record that
// made it, or by its id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sinks/store/customer_store.h"

namespace sfsync {

struct FindQuery {
  std::string email, phone, identifier;  // identifier: "type=value"
  std::string record;                    // "sync:record Id"
  std::optional<int64_t> profile_id;
};

// The profile, nullopt when none matches. Error "bad_input" for a query that names nothing (or a
// record not written SYNC:ID); the store's errors otherwise.
Result<std::optional<ProfileView>> look_up_profile(CustomerStore& store, const FindQuery& q, int last_events = 10);

}  // namespace sfsync
