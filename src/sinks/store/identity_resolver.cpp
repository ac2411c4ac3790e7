#include "sinks/store/identity_resolver.h"

#include <algorithm>

#include "sinks/store/store_db.h"
#include "sinks/store/store_rows.h"

namespace sfsync::store {
namespace {

void check_identifiers(const std::vector<Identifier>& identifiers, const SourceRef& source) {
  if (identifiers.empty()) {
    throw StoreFailure("bad_mutation", "store: record " + source.record_id + " of sync " + source.sync_id +
                                           " has no identifier; the mapper must skip it instead");
  }
  for (const Identifier& id : identifiers) {
    if (id.type.empty() || id.value.empty()) {
      throw StoreFailure("bad_mutation", "store: record " + source.record_id + " of sync " + source.sync_id +
                                             " has an empty identifier type or value");
    }
  }
}

void sort_unique(std::vector<int64_t>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

std::string merge_reason(const std::vector<Identifier>& identifiers, const SourceRef& source) {
  std::string reason = "identifiers of " + source.sync_id + "/" + source.record_id + " matched both:";
  for (const Identifier& id : identifiers) reason += " " + id.type + "=" + id.value;
  return reason;
}

}  // namespace

// An identifier is in at most one of the two tables. The buffer first: for a person seen earlier in
// a first load it answers without a random read of the index (new identifiers need both lookups).
std::optional<int64_t> IdentityResolver::profile_of(const Identifier& id) {
  if (std::optional<int64_t> buffered = buffer_.find(db_, id)) return buffered;
  return indexed_profile_of(id);
}

std::optional<int64_t> IdentityResolver::indexed_profile_of(const Identifier& id) {
  if (auto known = known_.find(id)) return *known;
  auto q = db_.statement("SELECT profile_id FROM identifiers WHERE type = ?1 AND value = ?2");
  q.bind(1, id.type).bind(2, id.value);
  if (q.next()) return q.int64(0);
  return std::nullopt;
}

// ON CONFLICT: false when the identifier is already in the index.
bool IdentityResolver::insert_identifier(const Identifier& id, int64_t profile_id) {
  if (auto known = known_.find(id)) {
    if (*known) return false;
    // Known to be new, and no other writer can add it meanwhile: nothing to wait for. No ON
    // CONFLICT here: were the page's view wrong, the page fails instead of losing the identifier.
    db_.statement("INSERT INTO identifiers(type, value, profile_id) VALUES (?1, ?2, ?3)")
        .bind(1, id.type).bind(2, id.value).bind(3, profile_id).send();
    known_.set(id, profile_id);
    return true;
  }
  db_.statement("INSERT INTO identifiers(type, value, profile_id) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
      .bind(1, id.type).bind(2, id.value).bind(3, profile_id).run();
  return db_.changes() > 0;
}

IdentityResolver::Lookup IdentityResolver::look_up(const std::vector<Identifier>& identifiers) {
  Lookup l;
  for (const Identifier& id : identifiers) {
    if (std::optional<int64_t> p = profile_of(id)) {
      l.found.push_back(*p);
    } else if (std::none_of(l.missing.begin(), l.missing.end(), [&](const Identifier* m) { return *m == id; })) {
      l.missing.push_back(&id);  // once, also when the record repeats it
    }
  }
  sort_unique(l.found);
  return l;
}

std::optional<int64_t> IdentityResolver::existing_profile(const std::vector<Identifier>& identifiers) {
  Lookup l = look_up(identifiers);
  if (l.found.empty()) return std::nullopt;
  return l.found.front();
}

// A new identifier costs one descent of the index (the insert); a known one, an insert that
// conflicts and then a lookup. New identifiers go in with the id the profile gets when none is
// known; resolve() re-points them when one is.
IdentityResolver::Lookup IdentityResolver::insert_first(const std::vector<Identifier>& identifiers) {
  Lookup l;
  l.provisional_id = next_profile_id();
  for (const Identifier& id : identifiers) {
    if (std::optional<int64_t> buffered = buffer_.find(db_, id)) {
      l.found.push_back(*buffered);
      continue;
    }
    if (insert_identifier(id, l.provisional_id)) {
      l.inserted_provisional.push_back(&id);
      continue;
    }
    // The same identifier twice in one record finds the provisional id: not an existing profile.
    std::optional<int64_t> known = indexed_profile_of(id);
    if (known && *known != l.provisional_id) l.found.push_back(*known);
  }
  sort_unique(l.found);
  return l;
}

// A found profile marked deleted comes back. When the page knows the profile (prefetch) it knows
// the mark, and a living one needs no statement at all.
bool IdentityResolver::revive(int64_t profile_id, int64_t now_ms) {
  const char* sql = "UPDATE profiles SET deleted_ms = NULL, updated_ms = ?2 WHERE id = ?1 AND deleted_ms IS NOT NULL";
  if (const KnownIdentifiers::Profile* known = known_.profile(profile_id)) {
    if (!known->deleted) return false;
    db_.statement(sql).bind(1, profile_id).bind(2, now_ms).send();
    known_.set_deleted(profile_id, false);
    return true;
  }
  db_.statement(sql).bind(1, profile_id).bind(2, now_ms).run();
  return db_.changes() > 0;
}

// Read at most once per page (the store may have read it already to plan the page): only this
// resolver creates profiles inside the page's transaction.
int64_t IdentityResolver::next_profile_id() {
  if (next_profile_id_ == 0) {
    auto q = db_.statement("SELECT coalesce(max(id), 0) + 1 FROM profiles");
    next_profile_id_ = q.next() ? q.int64(0) : 1;
  }
  return next_profile_id_;
}

void IdentityResolver::add_identifier(const Identifier& id, int64_t profile_id) {
  if (mode_ == NewIdentifiers::kBuffer) {
    buffer_.add(db_, id, profile_id);
    return;
  }
  // A conflict cannot happen (look_up drops repeats); ON CONFLICT keeps a repeat from failing a page.
  insert_identifier(id, profile_id);
}

IdentityResolver::Resolution IdentityResolver::resolve(const std::vector<Identifier>& identifiers,
                                                       const SourceRef& source,
                                                       const std::function<std::string()>& initial_attributes,
                                                       int64_t now_ms) {
  check_identifiers(identifiers, source);
  Lookup l = mode_ == NewIdentifiers::kInsertFirst ? insert_first(identifiers) : look_up(identifiers);
  Resolution r;
  if (l.found.empty()) {
    std::string json = initial_attributes();
    // Ids are given here, not by the engine: insert-first has inserted the identifiers with this
    // id already, and one rule for both modes keeps SQLite and PostgreSQL numbering alike.
    int64_t id = l.provisional_id != 0 ? l.provisional_id : next_profile_id();
    db_.statement("INSERT INTO profiles(id, created_ms, updated_ms, attributes) VALUES (?1, ?2, ?2, ?3)")
        .bind(1, id).bind(2, now_ms).bind(3, json).send();
    next_profile_id_ = id + 1;
    r.profile_id = id;
    r.created = true;
  } else {
    r.profile_id = l.found.front();  // the oldest profile survives
    for (size_t i = 1; i < l.found.size(); ++i) {
      merge(r.profile_id, l.found[i], identifiers, source, now_ms);
      r.merged_ids.push_back(l.found[i]);
    }
    r.revived = revive(r.profile_id, now_ms);
  }
  if (!r.created) {
    for (const Identifier* id : l.inserted_provisional) {
      db_.statement("UPDATE identifiers SET profile_id = ?1 WHERE type = ?2 AND value = ?3")
          .bind(1, r.profile_id).bind(2, id->type).bind(3, id->value).send();
      known_.set(*id, r.profile_id);
    }
  }
  for (const Identifier* id : l.missing) add_identifier(*id, r.profile_id);
  r.identifiers_added = !r.created && (!l.missing.empty() || !l.inserted_provisional.empty());
  return r;
}

void IdentityResolver::merge(int64_t survivor, int64_t merged, const std::vector<Identifier>& identifiers,
                             const SourceRef& source, int64_t now_ms) {
  AttributeDoc survivor_doc = load_profile_attributes(db_, survivor);
  int64_t merged_created_ms = 0;
  {
    auto q = db_.statement("SELECT attributes, created_ms FROM profiles WHERE id = ?1");
    q.bind(1, merged);
    if (!q.next()) throw StoreFailure("corrupt", "store: profile " + std::to_string(merged) + " vanished");
    survivor_doc.merge_from(AttributeDoc::parse(q.text(0)));
    merged_created_ms = q.int64(1);
  }
  std::string json = survivor_doc.to_json();
  db_.statement("UPDATE profiles SET attributes = ?2, updated_ms = ?3, created_ms = CASE WHEN ?4 < created_ms THEN ?4 ELSE created_ms END WHERE id = ?1")
      .bind(1, survivor).bind(2, json).bind(3, now_ms).bind(4, merged_created_ms).send();
  db_.statement("UPDATE identifiers SET profile_id = ?1 WHERE profile_id = ?2").bind(1, survivor).bind(2, merged).send();
  buffer_.move_profile(db_, merged, survivor);
  known_.move_profile(merged, survivor);
  db_.statement("UPDATE events SET profile_id = ?1 WHERE profile_id = ?2").bind(1, survivor).bind(2, merged).send();
  db_.statement("UPDATE record_links SET profile_id = ?1 WHERE profile_id = ?2").bind(1, survivor).bind(2, merged).send();

  struct MovedRelationship {
    std::string type, id, attributes;
    std::optional<int64_t> deleted_ms;
  };
  std::vector<MovedRelationship> moved;
  {
    auto q = db_.statement("SELECT object_type, object_id, attributes, deleted_ms FROM relationships WHERE profile_id = ?1");
    q.bind(1, merged);
    while (q.next()) {
      MovedRelationship m{q.string(0), q.string(1), q.string(2), std::nullopt};
      if (!q.is_null(3)) m.deleted_ms = q.int64(3);
      moved.push_back(std::move(m));
    }
  }
  for (const MovedRelationship& m : moved) {
    upsert_relationship(db_, survivor, m.type, m.id, AttributeDoc::parse(m.attributes), m.deleted_ms, now_ms);
  }
  db_.statement("DELETE FROM relationships WHERE profile_id = ?1").bind(1, merged).send();
  db_.statement("DELETE FROM profiles WHERE id = ?1").bind(1, merged).send();

  std::string reason = merge_reason(identifiers, source);
  db_.statement("INSERT INTO merges(survivor_id, merged_id, merged_ms, reason, sync_id, record_id) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, survivor).bind(2, merged).bind(3, now_ms).bind(4, reason).bind(5, source.sync_id)
      .bind(6, source.record_id).send();
}

}  // namespace sfsync::store
