// KnownIdentifiers: the identifiers one page mentions and the profiles they led to when the page
// began — with those profiles' attribute documents and deletion marks — read in one query, then
// kept in step with what the page writes.
//
// Why: on an engine where every statement that answers is a round trip to a server
// (StoreDb::round_trips(), PostgreSQL), identity resolution asked the index once or twice per
// record and the writer spent its time waiting (bench/pull --postgres: ~330 µs a record). With
// the page's identifiers known up front, lookups answer from memory and a new identifier is
// sent without waiting for a reply (there is one writer at a time, so nothing else adds it); a
// known person's document is merged without reading it again, and a revival needs no answer.
// SQLite answers a lookup in a few µs in-process and never loads this.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "mapping/mutation.h"

namespace sfsync::store {

class StoreDb;

class KnownIdentifiers {
 public:
  // Reads in one query which profile each of `ids` belongs to (repeats allowed).
  void load(StoreDb& db, const std::vector<const Identifier*>& ids);
  bool loaded() const { return loaded_; }

  // Not loaded (ask the index): nullopt. Loaded: the profile, or nullopt inside when it is new.
  std::optional<std::optional<int64_t>> find(const Identifier& id) const;

  // A profile the page's identifiers led to, as it is now; null when not known (read the store).
  struct Profile {
    std::string attributes;  // the JSON document
    bool deleted = false;
  };
  const Profile* profile(int64_t profile_id) const;

  // What the page wrote, mirrored (no-ops unless loaded): an identifier now points at a profile;
  // a merge moved every identifier of one profile to another (both documents changed); a removed
  // profile took its identifiers; a profile's document or deletion mark changed.
  void set(const Identifier& id, int64_t profile_id);
  void move_profile(int64_t from, int64_t to);
  void drop_profile(int64_t profile_id);
  void set_attributes(int64_t profile_id, std::string json);
  void set_deleted(int64_t profile_id, bool deleted);

 private:
  static std::string key(const std::string& type, const std::string& value);
  bool loaded_ = false;
  std::unordered_map<std::string, std::optional<int64_t>> by_key_;
  std::unordered_map<int64_t, Profile> profiles_;
};

}  // namespace sfsync::store
