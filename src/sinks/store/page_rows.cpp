#include "sinks/store/page_rows.h"

#include "common/json_writer.h"
#include "sinks/store/known_identifiers.h"
#include "sinks/store/store_db.h"

namespace sfsync::store {

namespace {

// PostgreSQL's own SQL (store_db.h), like KnownIdentifiers' lookup: the page's keys travel as one
// JSON parameter, joined against each table's primary key (COLLATE "C": bytes, as the columns).
constexpr const char* kLinksOfPage =
    "SELECT k.s, k.r, l.kind, l.profile_id, l.object_type, l.object_id "
    "FROM json_to_recordset(?1::json) AS k(s text, r text) "
    "JOIN record_links l ON l.sync_id = k.s COLLATE \"C\" AND l.record_id = k.r COLLATE \"C\" "
    "WHERE l.kind <> 'profile'";
constexpr const char* kObjectsOfPage =
    "SELECT k.t, k.i, o.attributes, o.deleted_ms FROM json_to_recordset(?1::json) AS k(t text, i text) "
    "JOIN objects o ON o.type = k.t COLLATE \"C\" AND o.id = k.i COLLATE \"C\"";
constexpr const char* kRelationshipsOfPage =
    "SELECT k.p, k.t, k.i, r.attributes, r.deleted_ms FROM json_to_recordset(?1::json) AS k(p bigint, t text, i text) "
    "JOIN relationships r ON r.profile_id = k.p AND r.object_type = k.t COLLATE \"C\" AND r.object_id = k.i COLLATE \"C\"";
constexpr const char* kWatchedOfPage =
    "SELECT k.s, k.r, w.value FROM json_to_recordset(?1::json) AS k(s text, r text) "
    "JOIN watched_values w ON w.sync_id = k.s COLLATE \"C\" AND w.record_id = k.r COLLATE \"C\"";

std::optional<int64_t> nullable_int64(const Statement& q, int col) {
  if (q.is_null(col)) return std::nullopt;
  return q.int64(col);
}

// One query's keys, as the JSON array its ?1 takes.
class PageKeys {
 public:
  PageKeys() { w_.begin_array(); }
  JsonWriter& add() {  // the caller writes the key's members and ends the object
    any_ = true;
    return w_.begin_object();
  }
  // Runs `sql` with the keys, unless there are none; `on_row` reads each row of the answer.
  template <typename OnRow>
  void read(StoreDb& db, const char* sql, OnRow on_row) {
    if (!any_) return;
    w_.end_array();
    auto q = db.statement(sql);
    q.bind(1, json_);
    while (q.next()) on_row(q);
  }

 private:
  std::string json_;
  JsonWriter w_{json_};
  bool any_ = false;
};

}  // namespace

std::string PageRows::key(std::initializer_list<std::string_view> parts) {
  std::string k;
  for (std::string_view p : parts) k.append(p).push_back('\x1f');  // a separator no key part holds
  return k;
}

// One pass over the page collects each query's keys (each once); every key asked for and not
// found is known to be absent.
void PageRows::load(StoreDb& db, const std::vector<MappedRecord>& records, const KnownIdentifiers& known) {
  loaded_ = true;
  PageKeys links, objects, relationships, watched;
  // The links set_link() looks for: objects' and relationships' (a profile's link is not read).
  auto ask_links = [&](const SourceRef& s) {
    if (!links_.emplace(key({s.sync_id, s.record_id, "object"}), std::nullopt).second) return;
    links_.emplace(key({s.sync_id, s.record_id, "relationship"}), std::nullopt);
    links.add().member("s", s.sync_id).member("r", s.record_id).end_object();
  };
  // Only the people the page's identifiers already lead to: a person the page creates has none.
  auto ask_relationships = [&](const RelationshipUpsert& r) {
    for (const Identifier& id : r.person) {
      std::optional<std::optional<int64_t>> profile = known.find(id);
      if (!profile || !*profile) continue;
      if (!relationships_.emplace(key({std::to_string(**profile), r.object_type, r.object_id}), std::nullopt).second)
        continue;
      relationships.add().member("p", **profile).member("t", r.object_type).member("i", r.object_id).end_object();
    }
  };
  for (const MappedRecord& record : records) {
    for (const Mutation& m : record.mutations) {
      if (const auto* o = std::get_if<ObjectUpsert>(&m)) {
        ask_links(o->source);
        if (objects_.emplace(key({o->object_type, o->object_id}), std::nullopt).second)
          objects.add().member("t", o->object_type).member("i", o->object_id).end_object();
      } else if (const auto* r = std::get_if<RelationshipUpsert>(&m)) {
        ask_links(r->source);
        ask_relationships(*r);
      } else if (const auto* e = std::get_if<EventAppend>(&m); e && e->watched) {
        if (watched_.emplace(key({e->source.sync_id, e->source.record_id}), std::nullopt).second)
          watched.add().member("s", e->source.sync_id).member("r", e->source.record_id).end_object();
      }
    }
  }
  links.read(db, kLinksOfPage, [&](const Statement& q) {
    links_[key({q.text(0), q.text(1), q.text(2)})] = StoredLink{nullable_int64(q, 3), q.string(4), q.string(5)};
  });
  objects.read(db, kObjectsOfPage, [&](const Statement& q) {
    objects_[key({q.text(0), q.text(1)})] = StoredRow{q.string(2), nullable_int64(q, 3)};
  });
  relationships.read(db, kRelationshipsOfPage, [&](const Statement& q) {
    relationships_[key({q.text(0), q.text(1), q.text(2)})] = StoredRow{q.string(3), nullable_int64(q, 4)};
  });
  watched.read(db, kWatchedOfPage, [&](const Statement& q) { watched_[key({q.text(0), q.text(1)})] = q.string(2); });
}

std::optional<std::optional<StoredLink>> PageRows::link(const SourceRef& source, const std::string& kind) const {
  auto it = links_.find(key({source.sync_id, source.record_id, kind}));
  if (it == links_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::optional<StoredRow>> PageRows::object(const std::string& type, const std::string& id) const {
  auto it = objects_.find(key({type, id}));
  if (it == objects_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::optional<StoredRow>> PageRows::relationship(int64_t profile_id, const std::string& type,
                                                               const std::string& id) const {
  auto it = relationships_.find(key({std::to_string(profile_id), type, id}));
  if (it != relationships_.end()) return it->second;
  if (created_.count(profile_id)) return std::optional<StoredRow>{};
  return std::nullopt;
}

std::optional<std::optional<std::string>> PageRows::watched(const SourceRef& source) const {
  auto it = watched_.find(key({source.sync_id, source.record_id}));
  if (it == watched_.end()) return std::nullopt;
  return it->second;
}

void PageRows::set_watched(const SourceRef& source, std::string value) {
  if (loaded_) watched_[key({source.sync_id, source.record_id})] = std::move(value);
}

void PageRows::set_link(const SourceRef& source, const std::string& kind, StoredLink link) {
  if (loaded_) links_[key({source.sync_id, source.record_id, kind})] = std::move(link);
}

void PageRows::drop_links(const SourceRef& source) {
  if (!loaded_) return;
  for (const char* kind : {"object", "relationship"}) links_[key({source.sync_id, source.record_id, kind})].reset();
}

void PageRows::set_object(const std::string& type, const std::string& id, StoredRow row) {
  if (loaded_) objects_[key({type, id})] = std::move(row);
}

void PageRows::forget_object(const std::string& type, const std::string& id) { objects_.erase(key({type, id})); }

void PageRows::set_relationship(int64_t profile_id, const std::string& type, const std::string& id, StoredRow row) {
  if (loaded_) relationships_[key({std::to_string(profile_id), type, id})] = std::move(row);
}

void PageRows::forget_relationship(int64_t profile_id, const std::string& type, const std::string& id) {
  relationships_.erase(key({std::to_string(profile_id), type, id}));
}

void PageRows::profile_created(int64_t profile_id) {
  if (loaded_) created_.insert(profile_id);
}

void PageRows::forget_people() {
  links_.clear();
  relationships_.clear();
  created_.clear();
}

}  // namespace sfsync::store
