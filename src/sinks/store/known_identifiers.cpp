#include "sinks/store/known_identifiers.h"

#include "common/json_writer.h"
#include "sinks/store/store_db.h"

namespace sfsync::store {

namespace {

// The one statement of the store's logic that is PostgreSQL's own (store_db.h): the page's keys
// travel as one JSON parameter and are joined against the identifier index. COLLATE "C": the
// keys compare by bytes, like the columns, so the primary key's index serves the join.
constexpr const char* kLookUpPage =
    "SELECT k.t, k.v, i.profile_id, p.attributes, p.deleted_ms IS NOT NULL "
    "FROM json_to_recordset(?1::json) AS k(t text, v text) "
    "JOIN identifiers i ON i.type = k.t COLLATE \"C\" AND i.value = k.v COLLATE \"C\" "
    "JOIN profiles p ON p.id = i.profile_id";

}  // namespace

std::string KnownIdentifiers::key(const std::string& type, const std::string& value) {
  std::string k;
  k.reserve(type.size() + value.size() + 1);
  k.append(type).push_back('\x1f');  // a separator no identifier type holds
  k.append(value);
  return k;
}

void KnownIdentifiers::load(StoreDb& db, const std::vector<const Identifier*>& ids) {
  std::string keys;
  JsonWriter w(keys);
  w.begin_array();
  for (const Identifier* id : ids) {
    if (!by_key_.emplace(key(id->type, id->value), std::nullopt).second) continue;
    w.begin_object().member("t", id->type).member("v", id->value).end_object();
  }
  w.end_array();
  loaded_ = true;
  if (by_key_.empty()) return;
  auto q = db.statement(kLookUpPage);
  q.bind(1, keys);
  while (q.next()) {
    int64_t profile_id = q.int64(2);
    by_key_[key(q.string(0), q.string(1))] = profile_id;
    profiles_.try_emplace(profile_id, Profile{q.string(3), q.int64(4) != 0});
  }
}

std::optional<std::optional<int64_t>> KnownIdentifiers::find(const Identifier& id) const {
  if (!loaded_) return std::nullopt;
  auto it = by_key_.find(key(id.type, id.value));
  if (it == by_key_.end()) return std::nullopt;  // not one of the page's: ask the index
  return it->second;
}

void KnownIdentifiers::set(const Identifier& id, int64_t profile_id) {
  if (loaded_) by_key_[key(id.type, id.value)] = profile_id;
}

const KnownIdentifiers::Profile* KnownIdentifiers::profile(int64_t profile_id) const {
  auto it = profiles_.find(profile_id);
  return it == profiles_.end() ? nullptr : &it->second;
}

void KnownIdentifiers::move_profile(int64_t from, int64_t to) {
  for (auto& [k, profile] : by_key_)
    if (profile == from) profile = to;
  profiles_.erase(from);
  profiles_.erase(to);  // its document took the merged one's entries: read it again if needed
}

void KnownIdentifiers::drop_profile(int64_t profile_id) {
  for (auto& [k, profile] : by_key_)
    if (profile == profile_id) profile.reset();
  profiles_.erase(profile_id);
}

void KnownIdentifiers::set_attributes(int64_t profile_id, std::string json) {
  if (auto it = profiles_.find(profile_id); it != profiles_.end()) it->second.attributes = std::move(json);
}

void KnownIdentifiers::set_deleted(int64_t profile_id, bool deleted) {
  if (auto it = profiles_.find(profile_id); it != profiles_.end()) it->second.deleted = deleted;
}

}  // namespace sfsync::store
