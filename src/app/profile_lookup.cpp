#include "app/profile_lookup.h"

#include "mapping/identifier_normalizer.h"

namespace sfsync {

Result<std::optional<ProfileView>> look_up_profile(CustomerStore& store, const FindQuery& q, int last_events) {
  if (q.profile_id) return store.find_profile_by_id(*q.profile_id, last_events);
  if (!q.record.empty()) {
    auto colon = q.record.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == q.record.size())
      return make_error("bad_input", "a record is named SYNC:RECORD_ID (e.g. contacts:0035g00000AbCdE)");
    auto profile_id = store.profile_of_record(q.record.substr(0, colon), q.record.substr(colon + 1));
    if (!profile_id) return profile_id.error();
    if (!*profile_id) return std::optional<ProfileView>{};
    return store.find_profile_by_id(**profile_id, last_events);
  }
  Identifier id;
  if (!q.email.empty()) id = {"email", q.email};
  else if (!q.phone.empty()) id = {"phone", q.phone};
  else if (auto eq = q.identifier.find('='); eq != std::string::npos)
    id = {q.identifier.substr(0, eq), q.identifier.substr(eq + 1)};
  else
    return make_error("bad_input", "name the profile by email, phone, id, record (SYNC:ID) or identifier (type=value)");
  IdentifierNormalizer normalizer;
  if (auto normalized = normalizer.normalize(id.type, id.value); normalized.ok()) id.value = *normalized;
  return store.find_profile(id, last_events);
}

}  // namespace sfsync
