// SqlStore's read side: profiles for `sfsync find`, executions for `runs`/`errors`, counts for
// the demo, the canonical dump for tests, and the hook outbox.
#include <simdjson.h>

#include <algorithm>
#include <map>

#include "sinks/store/attribute_doc.h"
#include "sinks/store/sql_store.h"
#include "sinks/store/store_guard.h"

namespace sfsync {

using store::AttributeDoc;
using store::Statement;

namespace {

std::vector<StoredAttribute> stored_attributes(std::string_view json) {
  std::vector<StoredAttribute> out;
  AttributeDoc doc = AttributeDoc::parse(json);
  for (const store::AttributeEntry& e : doc.entries()) {
    out.push_back(StoredAttribute{e.name, store::value_from_json(e.type, e.value_json), e.ts_ms, e.sync});
  }
  return out;
}

std::optional<int64_t> optional_int(const Statement& q, int col) {
  if (q.is_null(col)) return std::nullopt;
  return q.int64(col);
}

ExecutionStatus status_from_name(std::string_view s) {
  if (s == "ok") return ExecutionStatus::Ok;
  if (s == "partial") return ExecutionStatus::Partial;
  if (s == "failed") return ExecutionStatus::Failed;
  return ExecutionStatus::Running;
}

std::map<std::string, int64_t> parse_reasons(std::string_view json) {
  std::map<std::string, int64_t> out;
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::object obj;
  if (parser.parse(padded).get(obj)) return out;
  for (auto field : obj) {
    int64_t n = 0;
    if (!field.value.get(n)) out[std::string(field.key)] = n;
  }
  return out;
}

constexpr const char* kExecutionColumns =
    "SELECT id, sync_id, kind, started_ms, ended_ms, status, reason, records_read, records_written, "
    "records_skipped, records_failed, api_calls, skipped_reasons, detail FROM executions ";

Execution read_execution(const Statement& q) {
  Execution e;
  e.id = q.int64(0);
  e.sync_id = q.string(1);
  e.kind = q.text(2) == "push" ? ExecutionKind::Push : ExecutionKind::Pull;
  e.started_ms = q.int64(3);
  e.ended_ms = optional_int(q, 4);
  e.status = status_from_name(q.text(5));
  e.reason = q.string(6);
  e.counts.read = q.int64(7);
  e.counts.written = q.int64(8);
  e.counts.skipped = q.int64(9);
  e.counts.failed = q.int64(10);
  e.counts.api_calls = q.int64(11);
  e.counts.skipped_by_reason = parse_reasons(q.text(12));
  e.detail_json = q.string(13);
  return e;
}

}  // namespace

std::optional<ProfileView> SqlStore::load_profile(int64_t profile_id, int last_events) {
  ProfileView p;
  {
    auto q = db_->statement("SELECT id, created_ms, updated_ms, deleted_ms, attributes FROM profiles WHERE id = ?1");
    q.bind(1, profile_id);
    if (!q.next()) return std::nullopt;
    p.id = q.int64(0);
    p.created_ms = q.int64(1);
    p.updated_ms = q.int64(2);
    p.deleted_ms = optional_int(q, 3);
    p.attributes = stored_attributes(q.text(4));
  }
  {
    auto q = db_->statement("SELECT type, value FROM identifiers WHERE profile_id = ?1 UNION ALL "
                            "SELECT type, value FROM pending_identifiers WHERE profile_id = ?1 ORDER BY type, value");
    q.bind(1, profile_id);
    while (q.next()) p.identifiers.push_back(Identifier{q.string(0), q.string(1)});
  }
  {
    auto q = db_->statement("SELECT object_type, object_id, attributes, deleted_ms FROM relationships "
                            "WHERE profile_id = ?1 ORDER BY object_type, object_id");
    q.bind(1, profile_id);
    while (q.next()) {
      p.relationships.push_back(
          StoredRelationship{q.string(0), q.string(1), stored_attributes(q.text(2)), optional_int(q, 3)});
    }
  }
  auto q = db_->statement("SELECT id, name, timestamp_ms, parameters, dedup_key, source_sync, source_record FROM events "
                          "WHERE profile_id = ?1 ORDER BY timestamp_ms DESC, id DESC LIMIT ?2");
  q.bind(1, profile_id).bind(2, int64_t{last_events});
  while (q.next()) {
    p.recent_events.push_back(
        StoredEvent{q.int64(0), q.string(1), q.int64(2), q.string(3), q.string(4), q.string(5), q.string(6)});
  }
  return p;
}

Result<std::optional<ProfileView>> SqlStore::find_profile(const Identifier& identifier, int last_events) {
  return guarded<std::optional<ProfileView>>([&]() -> std::optional<ProfileView> {
    int64_t id = 0;
    {
      // Pending identifiers (a first load in progress, or interrupted) have no index by value: a
      // scan of at most one identifier buffer, only when the index has no match.
      auto q = db_->statement("SELECT profile_id FROM identifiers WHERE type = ?1 AND value = ?2 UNION ALL "
                              "SELECT profile_id FROM pending_identifiers WHERE type = ?1 AND value = ?2 LIMIT 1");
      q.bind(1, identifier.type).bind(2, identifier.value);
      if (!q.next()) return std::nullopt;
      id = q.int64(0);
    }
    return load_profile(id, last_events);
  });
}

Result<std::optional<ProfileView>> SqlStore::find_profile_by_id(int64_t profile_id, int last_events) {
  return guarded<std::optional<ProfileView>>([&] { return load_profile(profile_id, last_events); });
}

Result<StoreCounts> SqlStore::counts() {
  return guarded<StoreCounts>([&] {
    auto count = [&](const char* sql) {
      auto q = db_->statement(sql);
      return q.next() ? q.int64(0) : 0;
    };
    StoreCounts c;
    c.profiles = count("SELECT count(*) FROM profiles WHERE deleted_ms IS NULL");
    c.deleted_profiles = count("SELECT count(*) FROM profiles WHERE deleted_ms IS NOT NULL");
    c.identifiers = count("SELECT (SELECT count(*) FROM identifiers) + (SELECT count(*) FROM pending_identifiers)");
    c.events = count("SELECT count(*) FROM events");
    c.objects = count("SELECT count(*) FROM objects WHERE deleted_ms IS NULL");
    c.relationships = count("SELECT count(*) FROM relationships WHERE deleted_ms IS NULL");
    c.merges = count("SELECT count(*) FROM merges");
    return c;
  });
}

Result<std::string> SqlStore::canonical_dump() {
  return guarded<std::string>([&] {
    // A profile is named by its smallest identifier: ids depend on arrival order, people do not.
    std::map<int64_t, std::string> names;
    std::map<int64_t, std::string> all_identifiers;
    {
      auto q = db_->statement("SELECT profile_id, type, value FROM identifiers UNION ALL "
                              "SELECT profile_id, type, value FROM pending_identifiers ORDER BY 1, 2, 3");
      while (q.next()) {
        std::string id = q.string(1) + "=" + q.string(2);
        names.try_emplace(q.int64(0), id);
        std::string& all = all_identifiers[q.int64(0)];
        all += (all.empty() ? "" : ",") + id;
      }
    }
    auto name_of = [&](int64_t profile_id) {
      auto it = names.find(profile_id);
      return it == names.end() ? std::string("(removed)") : it->second;
    };
    std::vector<std::string> lines;
    {
      auto q = db_->statement("SELECT id, deleted_ms IS NOT NULL, attributes FROM profiles");
      while (q.next()) {
        lines.push_back("profile " + name_of(q.int64(0)) + " deleted=" + std::to_string(q.int64(1)) +
                        " identifiers=" + all_identifiers[q.int64(0)] + " attributes=" + q.string(2));
      }
    }
    {
      auto q = db_->statement("SELECT dedup_key, profile_id, name, timestamp_ms, parameters, source_sync, source_record "
                              "FROM events");
      while (q.next()) {
        lines.push_back("event " + q.string(0) + " profile=" + name_of(q.int64(1)) + " name=" + q.string(2) +
                        " ts=" + std::to_string(q.int64(3)) + " parameters=" + q.string(4) + " source=" +
                        q.string(5) + "/" + q.string(6));
      }
    }
    {
      auto q = db_->statement("SELECT type, id, deleted_ms IS NOT NULL, attributes FROM objects");
      while (q.next()) {
        lines.push_back("object " + q.string(0) + "/" + q.string(1) + " deleted=" + std::to_string(q.int64(2)) +
                        " attributes=" + q.string(3));
      }
    }
    {
      auto q = db_->statement("SELECT profile_id, object_type, object_id, deleted_ms IS NOT NULL, attributes "
                              "FROM relationships");
      while (q.next()) {
        lines.push_back("relationship " + name_of(q.int64(0)) + " -> " + q.string(1) + "/" + q.string(2) +
                        " deleted=" + std::to_string(q.int64(3)) + " attributes=" + q.string(4));
      }
    }
    {
      auto q = db_->statement("SELECT sync_id, record_id, kind, profile_id, object_type, object_id FROM record_links");
      while (q.next()) {
        std::string target = q.is_null(3) ? "" : name_of(q.int64(3));
        lines.push_back("link " + q.string(0) + "/" + q.string(1) + " " + q.string(2) + " -> " + target + " " +
                        q.string(4) + "/" + q.string(5));
      }
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const std::string& l : lines) out += l + "\n";
    return out;
  });
}

Result<std::vector<Execution>> SqlStore::list_executions(const std::string& sync_id, int limit) {
  return guarded<std::vector<Execution>>([&] {
    static const std::string all = std::string(kExecutionColumns) + "ORDER BY id DESC LIMIT ?1";
    static const std::string one = std::string(kExecutionColumns) + "WHERE sync_id = ?2 ORDER BY id DESC LIMIT ?1";
    auto q = db_->statement(sync_id.empty() ? all.c_str() : one.c_str());
    q.bind(1, int64_t{limit});
    if (!sync_id.empty()) q.bind(2, sync_id);
    std::vector<Execution> out;
    while (q.next()) out.push_back(read_execution(q));
    return out;
  });
}

Result<std::optional<Execution>> SqlStore::get_execution(int64_t execution_id) {
  return guarded<std::optional<Execution>>([&]() -> std::optional<Execution> {
    static const std::string sql = std::string(kExecutionColumns) + "WHERE id = ?1";
    auto q = db_->statement(sql.c_str());
    q.bind(1, execution_id);
    if (!q.next()) return std::nullopt;
    return read_execution(q);
  });
}

Result<std::vector<RecordError>> SqlStore::execution_errors(int64_t execution_id, int limit) {
  return guarded<std::vector<RecordError>>([&] {
    auto q = db_->statement("SELECT record_id, code, message, skipped FROM record_errors WHERE execution_id = ?1 "
                            "ORDER BY id LIMIT ?2");
    q.bind(1, execution_id).bind(2, int64_t{limit});
    std::vector<RecordError> out;
    while (q.next()) out.push_back(RecordError{q.string(0), q.string(1), q.string(2), q.int64(3) != 0});
    return out;
  });
}

Result<std::vector<OutboxEntry>> SqlStore::pending_outbox(int limit) {
  return guarded<std::vector<OutboxEntry>>([&] {
    auto q = db_->statement("SELECT id, kind, payload, created_ms FROM outbox WHERE delivered_ms IS NULL "
                            "ORDER BY id LIMIT ?1");
    q.bind(1, int64_t{limit});
    std::vector<OutboxEntry> out;
    while (q.next()) out.push_back(OutboxEntry{q.int64(0), q.string(1), q.string(2), q.int64(3)});
    return out;
  });
}

Result<std::vector<std::string>> SqlStore::linked_record_ids(const std::string& sync_id, const std::string& after,
                                                              const std::string& upto, int limit) {
  return guarded<std::vector<std::string>>([&] {
    // A range of the primary key (sync_id, record_id, kind): TEXT compares bytewise, as Salesforce
    // orders Ids (base62 digits 0-9 < A-Z < a-z).
    // Two statements, so that a bounded range is a bounded index scan.
    auto q = upto.empty() ? db_->statement("SELECT DISTINCT record_id FROM record_links WHERE sync_id = ?1 "
                                           "AND record_id > ?2 ORDER BY record_id LIMIT ?3")
                          : db_->statement("SELECT DISTINCT record_id FROM record_links WHERE sync_id = ?1 "
                                           "AND record_id > ?2 AND record_id <= ?4 ORDER BY record_id LIMIT ?3");
    q.bind(1, sync_id).bind(2, after).bind(3, static_cast<int64_t>(limit));
    if (!upto.empty()) q.bind(4, upto);
    std::vector<std::string> ids;
    while (q.next()) ids.push_back(q.string(0));
    return ids;
  });
}

Result<std::vector<std::string>> SqlStore::linked_among(const std::string& sync_id,
                                                         const std::vector<std::string>& record_ids) {
  return guarded<std::vector<std::string>>([&] {
    std::vector<std::string> linked;
    for (const std::string& id : record_ids) {
      auto q = db_->statement("SELECT 1 FROM record_links WHERE sync_id = ?1 AND record_id = ?2 LIMIT 1");
      if (q.bind(1, sync_id).bind(2, id).next()) linked.push_back(id);
    }
    return linked;
  });
}

Result<void> SqlStore::begin_full_pass(const std::string& sync_id) {
  return guarded<void>([&] { db_->statement("DELETE FROM full_pass_seen WHERE sync_id = ?1").bind(1, sync_id).run(); });
}

Result<std::vector<std::string>> SqlStore::unseen_linked_ids(const std::string& sync_id, const std::string& after,
                                                              int limit) {
  return guarded<std::vector<std::string>>([&] {
    // Both tables are keyed (sync_id, record_id): a walk of one range with a lookup in the other.
    auto q = db_->statement("SELECT DISTINCT l.record_id FROM record_links l WHERE l.sync_id = ?1 "
                            "AND l.record_id > ?2 AND NOT EXISTS (SELECT 1 FROM full_pass_seen s "
                            "WHERE s.sync_id = ?1 AND s.record_id = l.record_id) ORDER BY l.record_id LIMIT ?3");
    q.bind(1, sync_id).bind(2, after).bind(3, static_cast<int64_t>(limit));
    std::vector<std::string> ids;
    while (q.next()) ids.push_back(q.string(0));
    return ids;
  });
}

Result<std::optional<int64_t>> SqlStore::profile_of_record(const std::string& sync_id,
                                                              const std::string& record_id) {
  return guarded<std::optional<int64_t>>([&]() -> std::optional<int64_t> {
    auto q = db_->statement("SELECT profile_id FROM record_links WHERE sync_id = ?1 AND record_id = ?2 "
                            "AND profile_id IS NOT NULL ORDER BY kind = 'profile' DESC LIMIT 1");
    q.bind(1, sync_id).bind(2, record_id);
    if (!q.next()) return std::nullopt;
    return q.int64(0);
  });
}

}  // namespace sfsync
