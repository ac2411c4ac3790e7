// PageRows: what a page's object, relationship and watched-event records find in the store —
// their record links, the objects they name, the relationships of the people already known and
// the watched values (event.when_changed) — read in a query each before the page is applied,
// then kept in step with what the page writes.
//
// Why: on an engine where every statement that answers is a round trip (PostgreSQL), an object
// or relationship record read its previous link and the stored row before writing, two round
// trips a record (bench/pull --postgres --relationships: 5,015 records/s against SQLite's ~98k).
// KnownIdentifiers does the same for the page's identifiers. SQLite never loads this.
//
// Every lookup answers "not known: read the store" (nullopt) unless the page loaded or wrote
// the row since. What the page changes beside the cached writes — a merge or a removed profile
// moving links and relationships — makes it forget the people's rows (forget_people()).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "mapping/mutation.h"
#include "sinks/store/store_rows.h"

namespace sfsync::store {

class KnownIdentifiers;
class StoreDb;

// A record link of kind "object" or "relationship".
struct StoredLink {
  std::optional<int64_t> profile_id;
  std::string object_type, object_id;
};

class PageRows {
 public:
  // Reads the rows `records` will look for; `known`: the page's identifiers, already loaded.
  void load(StoreDb& db, const std::vector<MappedRecord>& records, const KnownIdentifiers& known);

  // Lookups: nullopt when not known (read the store); else the row, or nullopt inside for none.
  std::optional<std::optional<StoredLink>> link(const SourceRef& source, const std::string& kind) const;
  std::optional<std::optional<StoredRow>> object(const std::string& type, const std::string& id) const;
  std::optional<std::optional<StoredRow>> relationship(int64_t profile_id, const std::string& type,
                                                       const std::string& id) const;
  // The value an event's watched field had at the record's last version (event.when_changed).
  std::optional<std::optional<std::string>> watched(const SourceRef& source) const;

  // What the page wrote (no-ops unless loaded).
  void set_link(const SourceRef& source, const std::string& kind, StoredLink link);
  void drop_links(const SourceRef& source);  // a source deletion removed every link of the record
  void set_object(const std::string& type, const std::string& id, StoredRow row);
  void forget_object(const std::string& type, const std::string& id);  // marked or removed
  void set_relationship(int64_t profile_id, const std::string& type, const std::string& id, StoredRow row);
  void forget_relationship(int64_t profile_id, const std::string& type, const std::string& id);
  void set_watched(const SourceRef& source, std::string value);
  void profile_created(int64_t profile_id);  // a new person has no relationships yet
  void forget_people();  // a merge or a removed profile moved links and relationships

 private:
  static std::string key(std::initializer_list<std::string_view> parts);

  bool loaded_ = false;
  std::unordered_map<std::string, std::optional<StoredLink>> links_;  // sync, record, kind
  std::unordered_map<std::string, std::optional<StoredRow>> objects_;  // type, id
  std::unordered_map<std::string, std::optional<StoredRow>> relationships_;  // profile, type, id
  std::unordered_map<std::string, std::optional<std::string>> watched_;       // sync, record
  std::unordered_set<int64_t> created_;  // profiles the page created
};

}  // namespace sfsync::store
