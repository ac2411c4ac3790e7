#include "sinks/store/page_writer.h"

#include <algorithm>
#include <functional>

#include "common/json_writer.h"
#include "sinks/store/attribute_doc.h"
#include "sinks/store/store_db.h"
#include "sinks/store/store_rows.h"

namespace sfsync::store {
namespace {

void require(bool ok, const SourceRef& source, const char* what) {
  if (!ok) {
    throw StoreFailure("bad_mutation",
                       "store: record " + source.record_id + " of sync " + source.sync_id + ": " + what);
  }
}

void write_identifiers(JsonWriter& w, const std::vector<Identifier>& identifiers) {
  w.key("identifiers").begin_array();
  for (const Identifier& id : identifiers) w.begin_object().member("type", id.type).member("value", id.value).end_object();
  w.end_array();
}

void write_source(JsonWriter& w, const SourceRef& source) {
  w.member("sync", source.sync_id).member("record", source.record_id);
}

std::string event_hook_payload(const EventAppend& m, int64_t event_id, int64_t profile_id, const std::string& parameters) {
  std::string payload;
  JsonWriter o(payload);
  o.begin_object().member("type", "event").member("event_id", event_id).member("profile_id", profile_id);
  write_source(o, m.source);
  o.member("name", m.name).member("timestamp_ms", m.timestamp_ms).key("parameters").raw(parameters);
  write_identifiers(o, m.identifiers);
  o.end_object();
  return payload;
}

// What a hook receives for a changed profile: who, from which record, and what changed.
std::string profile_hook_payload(const ProfileUpsert& m, const IdentityResolver::Resolution& r,
                                 const std::vector<const AttributeEntry*>& changed) {
  std::string payload;
  JsonWriter w(payload);
  w.begin_object().member("type", "profile").member("profile_id", r.profile_id).member("created", r.created);
  write_source(w, m.source);
  write_identifiers(w, m.identifiers);
  w.key("merged").begin_array();
  for (int64_t id : r.merged_ids) w.value(id);
  w.end_array();
  w.key("attributes").begin_object();
  for (const AttributeEntry* e : changed) w.key(e->name).raw(e->value_json);
  w.end_object().end_object();
  return payload;
}

// What a hook receives for a changed object: which, from which record, the values that changed.
std::string object_hook_payload(const ObjectUpsert& m, const std::vector<const AttributeEntry*>& changed) {
  std::string payload;
  JsonWriter w(payload);
  w.begin_object().member("type", "object").member("object_type", m.object_type).member("object_id", m.object_id);
  write_source(w, m.source);
  w.key("attributes").begin_object();
  for (const AttributeEntry* e : changed) w.key(e->name).raw(e->value_json);
  w.end_object().end_object();
  return payload;
}

// What a hook receives when a source deletion marked or removed a product of a record.
std::string deletion_hook_payload(const SourceRef& source, const char* kind, std::optional<int64_t> profile_id,
                                  const std::string& object_type, const std::string& object_id, bool removed,
                                  int64_t deleted_ms) {
  std::string payload;
  JsonWriter w(payload);
  w.begin_object().member("type", "deletion").member("of", kind);
  if (profile_id) w.member("profile_id", *profile_id);
  if (!object_type.empty()) w.member("object_type", object_type).member("object_id", object_id);
  w.member("removed", removed).member("deleted_ms", deleted_ms);
  write_source(w, source);
  w.end_object();
  return payload;
}

}  // namespace

void PageWriter::apply(const Mutation& mutation) {
  std::visit(
      [this](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, ProfileUpsert>) apply_profile(m);
        if constexpr (std::is_same_v<T, EventAppend>) apply_event(m);
        if constexpr (std::is_same_v<T, ObjectUpsert>) apply_object(m);
        if constexpr (std::is_same_v<T, RelationshipUpsert>) apply_relationship(m);
        if constexpr (std::is_same_v<T, SourceDeletion>) apply_deletion(m);
      },
      mutation);
}

void PageWriter::prefetch(const std::vector<MappedRecord>& records) {
  std::vector<const Identifier*> ids;
  auto add = [&](const std::vector<Identifier>& of) {
    for (const Identifier& id : of) ids.push_back(&id);
  };
  for (const MappedRecord& record : records) {
    for (const Mutation& mutation : record.mutations) {
      if (auto* p = std::get_if<ProfileUpsert>(&mutation)) add(p->identifiers);
      if (auto* e = std::get_if<EventAppend>(&mutation)) add(e->identifiers);
      if (auto* r = std::get_if<RelationshipUpsert>(&mutation)) add(r->person);
    }
  }
  resolver_.prefetch(ids);
  rows_.load(db_, records, resolver_.known());
}

void PageWriter::note_resolution(const IdentityResolver::Resolution& r) {
  if (r.created) rows_.profile_created(r.profile_id);
  if (!r.merged_ids.empty()) rows_.forget_people();  // the merge moved links and relationships
}

int64_t PageWriter::resolve_person(const std::vector<Identifier>& person, const SourceRef& source) {
  IdentityResolver::Resolution r = resolver_.resolve(person, source, IdentityResolver::no_attributes, now_ms_);
  note_resolution(r);
  if (r.created) ++stats_.profiles_created;
  stats_.profiles_merged += static_cast<int64_t>(r.merged_ids.size());
  return r.profile_id;
}

void PageWriter::apply_profile(const ProfileUpsert& m) {
  IdentityResolver::Resolution r = resolver_.resolve(
      m.identifiers, m.source, [&] { return new_document_json(m.attributes, m.source); }, now_ms_);
  note_resolution(r);
  AttributeDoc incoming;  // entries: to merge into a found profile, or for a hook
  if (!r.created || emit_hooks_) incoming = AttributeDoc::of_record(m.attributes, m.source);
  std::vector<const AttributeEntry*> changed;
  if (r.created) {
    for (const AttributeEntry& e : incoming.entries()) changed.push_back(&e);
  } else {
    changed = merge_into_profile(r.profile_id, incoming);
  }
  // The record's profile link. A record whose identity changed completely moves its claim to the
  // new profile; the old profile keeps its identifiers and lives on (it is a person we saw).
  db_.statement("INSERT INTO record_links(sync_id, record_id, kind, profile_id) VALUES (?1, ?2, 'profile', ?3) "
                "ON CONFLICT(sync_id, record_id, kind) DO UPDATE SET profile_id = excluded.profile_id "
                "WHERE record_links.profile_id IS DISTINCT FROM excluded.profile_id")
      .bind(1, m.source.sync_id).bind(2, m.source.record_id).bind(3, r.profile_id).send();

  bool any_change = r.created || r.identifiers_added || r.revived || !r.merged_ids.empty() || !changed.empty();
  if (r.created) {
    ++stats_.profiles_created;
  } else if (any_change) {
    ++stats_.profiles_updated;
  } else {
    ++stats_.profiles_unchanged;
  }
  stats_.profiles_merged += static_cast<int64_t>(r.merged_ids.size());
  if (emit_hooks_ && any_change) outbox("profile", profile_hook_payload(m, r, changed));
}

std::vector<const AttributeEntry*> PageWriter::merge_into_profile(int64_t profile_id, const AttributeDoc& incoming) {
  const KnownIdentifiers::Profile* known = resolver_.known_profile(profile_id);
  AttributeDoc stored = known ? AttributeDoc::parse(known->attributes) : load_profile_attributes(db_, profile_id);
  AttributeDoc::MergeEffect merged = stored.merge_from(incoming);
  if (!merged.rewrite) return {};
  std::string json = stored.to_json();
  db_.statement("UPDATE profiles SET attributes = ?2, updated_ms = CASE WHEN ?4 THEN ?3 ELSE updated_ms END "
                "WHERE id = ?1")
      .bind(1, profile_id).bind(2, json).bind(3, now_ms_).bind(4, int64_t{merged.values_changed()}).send();
  resolver_.profile_rewritten(profile_id, std::move(json));
  return std::move(merged.changed);
}

// event.when_changed: whether the watched value moved since the version last seen of the record
// (kept from now on). A re-read page finds its own value and sends nothing again.
bool PageWriter::watched_value_changed(const EventAppend& m) {
  std::optional<std::optional<std::string>> kept = rows_.watched(m.source);
  if (!kept) {
    kept.emplace();
    auto q = db_.statement("SELECT value FROM watched_values WHERE sync_id = ?1 AND record_id = ?2");
    q.bind(1, m.source.sync_id).bind(2, m.source.record_id);
    if (q.next()) *kept = q.string(0);
  }
  if (*kept == *m.watched) return false;
  rows_.set_watched(m.source, *m.watched);
  db_.statement("INSERT INTO watched_values(sync_id, record_id, value) VALUES (?1, ?2, ?3) "
                "ON CONFLICT(sync_id, record_id) DO UPDATE SET value = excluded.value")
      .bind(1, m.source.sync_id).bind(2, m.source.record_id).bind(3, *m.watched).send();
  return true;
}

// A delete event's person: the profile the record made or belongs to (its link; the deletion
// after it removes the link), else the one its identifiers lead to.
std::optional<int64_t> PageWriter::person_of_deleted_record(const EventAppend& m) {
  {
    auto q = db_.statement("SELECT profile_id FROM record_links WHERE sync_id = ?1 AND record_id = ?2 "
                           "AND profile_id IS NOT NULL ORDER BY kind = 'profile' DESC LIMIT 1");
    if (q.bind(1, m.source.sync_id).bind(2, m.source.record_id).next()) return q.int64(0);
  }
  if (m.identifiers.empty()) return std::nullopt;
  return resolver_.existing_profile(m.identifiers);
}

void PageWriter::apply_event(const EventAppend& m) {
  require(!m.dedup_key.empty(), m.source, "event without a dedup key");
  require(!m.name.empty(), m.source, "event without a name");
  // The value is kept whether or not the event waits for it (event.changed_to).
  if (m.watched && (!watched_value_changed(m) || !m.watched_matches)) {
    ++stats_.events_unchanged;
    return;
  }
  int64_t profile_id = 0;
  if (m.of_deleted_record) {
    std::optional<int64_t> person = person_of_deleted_record(m);
    if (!person) return;
    profile_id = *person;
  } else {
    profile_id = resolve_person(m.identifiers, m.source);
  }
  std::string parameters;
  JsonWriter w(parameters);
  w.begin_object();
  for (const Attribute& p : m.parameters) w.key(p.name).raw(value_json(p.value));
  w.end_object();
  // The answer (the new event's id, or no row for a dedup key stored already) is not waited
  // for: a server's store would otherwise wait a round trip per event.
  auto insert = db_.statement("INSERT INTO events(dedup_key, profile_id, name, timestamp_ms, parameters, source_sync, "
                              "source_record, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                              "ON CONFLICT(dedup_key) DO NOTHING RETURNING id");
  insert.bind(1, m.dedup_key).bind(2, profile_id).bind(3, m.name).bind(4, m.timestamp_ms).bind(5, parameters)
      .bind(6, m.source.sync_id).bind(7, m.source.record_id).bind(8, now_ms_);
  std::function<std::string(int64_t)> hook_payload;  // for the new event's id; kept until the answer
  if (emit_hooks_)
    hook_payload = [m, profile_id, parameters](int64_t id) { return event_hook_payload(m, id, profile_id, parameters); };
  insert.send_then([this, hook_payload = std::move(hook_payload)](ResultRows& rows) {
    if (!rows.next()) {
      ++stats_.events_duplicate;
      return;
    }
    ++stats_.events_inserted;
    if (hook_payload) outbox("event", hook_payload(rows.int64(0)));
  });
}

void PageWriter::apply_object(const ObjectUpsert& m) {
  require(!m.object_type.empty() && !m.object_id.empty(), m.source, "object without a type or id");
  const AttributeDoc incoming = AttributeDoc::of_record(m.attributes, m.source);
  std::optional<AttributeDoc> stored;  // the object's document, once merged with `incoming`
  bool needs_write = true;
  bool changed = true;  // new, a value changed, or revived: updated_ms moves (not for times alone)
  std::vector<const AttributeEntry*> changed_values;  // for the hook: into `incoming`
  std::optional<std::optional<StoredRow>> row = rows_.object(m.object_type, m.object_id);
  if (!row) {
    row.emplace();
    auto q = db_.statement("SELECT attributes, deleted_ms FROM objects WHERE type = ?1 AND id = ?2");
    q.bind(1, m.object_type).bind(2, m.object_id);
    if (q.next()) *row = StoredRow{q.string(0), q.is_null(1) ? std::nullopt : std::optional<int64_t>(q.int64(1))};
  }
  if (*row) {
    stored = AttributeDoc::parse((*row)->attributes);
    AttributeDoc::MergeEffect merged = stored->merge_from(incoming);
    bool revived = (*row)->deleted_ms.has_value();  // from a deletion mark
    needs_write = merged.rewrite || revived;
    changed = merged.values_changed() || revived;
    changed_values = std::move(merged.changed);
  } else {
    for (const AttributeEntry& e : incoming.entries()) changed_values.push_back(&e);
  }
  if (needs_write) {
    std::string json = stored ? stored->to_json() : incoming.to_json();
    db_.statement("INSERT INTO objects(type, id, attributes, updated_ms, deleted_ms) VALUES (?1, ?2, ?3, ?4, NULL) "
                  "ON CONFLICT(type, id) DO UPDATE SET attributes = excluded.attributes, "
                  "updated_ms = CASE WHEN ?5 THEN excluded.updated_ms ELSE objects.updated_ms END, deleted_ms = NULL")
        .bind(1, m.object_type).bind(2, m.object_id).bind(3, json).bind(4, now_ms_).bind(5, int64_t{changed})
        .send();
    rows_.set_object(m.object_type, m.object_id, StoredRow{std::move(json), std::nullopt});
  }
  ++stats_.objects_upserted;
  if (emit_hooks_ && changed) outbox("object", object_hook_payload(m, changed_values));
  set_link(m.source, Link{"object", std::nullopt, m.object_type, m.object_id});
}

void PageWriter::apply_relationship(const RelationshipUpsert& m) {
  require(!m.object_type.empty() && !m.object_id.empty(), m.source, "relationship without an object type or id");
  int64_t profile_id = resolve_person(m.person, m.source);
  RelationshipWrite w = upsert_relationship(db_, profile_id, m.object_type, m.object_id,
                                            AttributeDoc::of_record(m.attributes, m.source), std::nullopt, now_ms_,
                                            rows_.relationship(profile_id, m.object_type, m.object_id));
  if (w.written) rows_.set_relationship(profile_id, m.object_type, m.object_id, std::move(*w.written));
  ++stats_.relationships_upserted;
  set_link(m.source, Link{"relationship", profile_id, m.object_type, m.object_id});
}

void PageWriter::apply_deletion(const SourceDeletion& m) {
  // A sweep candidate read by a page of the pass that was still on its way when the sweep looked.
  if (m.unless_read_in_pass) {
    auto q = db_.statement("SELECT 1 FROM full_pass_seen WHERE sync_id = ?1 AND record_id = ?2");
    if (q.bind(1, m.source.sync_id).bind(2, m.source.record_id).next()) return;
  }
  std::vector<Link> links;
  {
    auto q = db_.statement("SELECT kind, profile_id, object_type, object_id FROM record_links "
                           "WHERE sync_id = ?1 AND record_id = ?2");
    q.bind(1, m.source.sync_id).bind(2, m.source.record_id);
    while (q.next()) {
      Link l{q.string(0), std::nullopt, q.string(2), q.string(3)};
      if (!q.is_null(1)) l.profile_id = q.int64(1);
      links.push_back(std::move(l));
    }
  }
  db_.statement("DELETE FROM record_links WHERE sync_id = ?1 AND record_id = ?2")
      .bind(1, m.source.sync_id).bind(2, m.source.record_id).send();
  rows_.drop_links(m.source);
  int64_t deleted_ms = m.source.source_ts_ms > 0 ? m.source.source_ts_ms : now_ms_;
  for (const Link& l : links) release(l, m.policy, deleted_ms, m.source);
}

std::optional<PageWriter::Link> PageWriter::stored_link(const SourceRef& source, const std::string& kind) {
  if (std::optional<std::optional<StoredLink>> known = rows_.link(source, kind)) {
    if (!*known) return std::nullopt;
    return Link{kind, (*known)->profile_id, (*known)->object_type, (*known)->object_id};
  }
  auto q = db_.statement("SELECT profile_id, object_type, object_id FROM record_links "
                         "WHERE sync_id = ?1 AND record_id = ?2 AND kind = ?3");
  q.bind(1, source.sync_id).bind(2, source.record_id).bind(3, kind);
  if (!q.next()) return std::nullopt;
  Link previous{kind, std::nullopt, q.string(1), q.string(2)};
  if (!q.is_null(0)) previous.profile_id = q.int64(0);
  return previous;
}

void PageWriter::set_link(const SourceRef& source, const Link& link) {
  std::optional<Link> previous = stored_link(source, link.kind);
  if (previous == link) return;
  auto w = db_.statement("INSERT INTO record_links(sync_id, record_id, kind, profile_id, object_type, object_id) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(sync_id, record_id, kind) DO UPDATE SET "
                         "profile_id = excluded.profile_id, object_type = excluded.object_type, "
                         "object_id = excluded.object_id");
  w.bind(1, source.sync_id).bind(2, source.record_id).bind(3, link.kind).bind(5, link.object_type).bind(6, link.object_id);
  if (link.profile_id) w.bind(4, *link.profile_id); else w.bind_null(4);
  w.send();
  rows_.set_link(source, link.kind, StoredLink{link.profile_id, link.object_type, link.object_id});
  // The record now produces something else (e.g. a Contact moved to another Account): what it
  // produced before is no longer true, unless another record says so.
  if (previous) release(*previous, SourceDeletion::Policy::Remove, now_ms_, source);
}

bool PageWriter::claimed(const Link& link) {
  if (link.kind == "profile") {
    auto q = db_.statement("SELECT 1 FROM record_links WHERE profile_id = ?1 AND kind = 'profile' LIMIT 1");
    q.bind(1, *link.profile_id);
    return q.next();
  }
  auto q = db_.statement("SELECT 1 FROM record_links WHERE object_type = ?1 AND object_id = ?2 AND kind = ?3 "
                         "AND profile_id IS NOT DISTINCT FROM ?4 LIMIT 1");
  q.bind(1, link.object_type).bind(2, link.object_id).bind(3, link.kind);
  if (link.profile_id) q.bind(4, *link.profile_id); else q.bind_null(4);
  return q.next();
}

void PageWriter::release(const Link& link, SourceDeletion::Policy policy, int64_t deleted_ms, const SourceRef& source) {
  if (claimed(link)) return;
  bool remove = policy == SourceDeletion::Policy::Remove;
  if (link.kind == "profile") {
    if (remove) {
      remove_profile(db_, buffer_, *link.profile_id);
      resolver_.forget_profile(*link.profile_id);
      rows_.forget_people();  // its links and relationships went with it
    } else {
      db_.statement("UPDATE profiles SET deleted_ms = ?2, updated_ms = ?3 WHERE id = ?1 AND deleted_ms IS NULL")
          .bind(1, *link.profile_id).bind(2, deleted_ms).bind(3, now_ms_).run();
      resolver_.profile_marked_deleted(*link.profile_id);
    }
  } else if (link.kind == "object") {
    rows_.forget_object(link.object_type, link.object_id);
    if (remove) {
      db_.statement("DELETE FROM objects WHERE type = ?1 AND id = ?2").bind(1, link.object_type).bind(2, link.object_id).run();
    } else {
      db_.statement("UPDATE objects SET deleted_ms = ?3, updated_ms = ?4 WHERE type = ?1 AND id = ?2 AND deleted_ms IS NULL")
          .bind(1, link.object_type).bind(2, link.object_id).bind(3, deleted_ms).bind(4, now_ms_).run();
    }
  } else if (link.kind == "relationship" && link.profile_id) {
    rows_.forget_relationship(*link.profile_id, link.object_type, link.object_id);
    if (remove) {
      db_.statement("DELETE FROM relationships WHERE profile_id = ?1 AND object_type = ?2 AND object_id = ?3")
          .bind(1, *link.profile_id).bind(2, link.object_type).bind(3, link.object_id).run();
    } else {
      db_.statement("UPDATE relationships SET deleted_ms = ?4, updated_ms = ?5 WHERE profile_id = ?1 AND "
                    "object_type = ?2 AND object_id = ?3 AND deleted_ms IS NULL")
          .bind(1, *link.profile_id).bind(2, link.object_type).bind(3, link.object_id).bind(4, deleted_ms)
          .bind(5, now_ms_).run();
    }
  }
  if (db_.changes() == 0) return;
  ++stats_.deletions;
  if (emit_hooks_)
    outbox("deletion", deletion_hook_payload(source, link.kind.c_str(), link.profile_id, link.object_type,
                                             link.object_id, remove, deleted_ms));
}

void PageWriter::outbox(const char* kind, const std::string& payload) {
  db_.statement("INSERT INTO outbox(kind, payload, created_ms) VALUES (?1, ?2, ?3)")
      .bind(1, kind).bind(2, payload).bind(3, now_ms_).send();
  ++stats_.outbox_rows;
}

}  // namespace sfsync::store
