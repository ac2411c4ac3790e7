#include "app/store_json.h"

#include "common/json_writer.h"
#include "common/time_util.h"
#include "sinks/store/attribute_doc.h"

namespace sfsync {

namespace {

void time_member(JsonWriter& w, const char* name, std::optional<int64_t> ms) {
  if (ms) w.member(name, format_iso_datetime_z(*ms));
  else w.null_member(name);
}

void attributes_member(JsonWriter& w, const std::vector<StoredAttribute>& attributes) {
  w.key("attributes").begin_object();
  for (const StoredAttribute& a : attributes) w.key(a.name).raw(store::value_json(a.value));
  w.end_object();
}

}  // namespace

std::string execution_json(const Execution& e) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().member("run", e.id).member("sync", e.sync_id)
      .member("kind", std::string(execution_kind_name(e.kind)))
      .member("status", std::string(execution_status_name(e.status)));
  time_member(w, "started", e.started_ms);
  time_member(w, "ended", e.ended_ms);
  w.member("read", e.counts.read).member("written", e.counts.written).member("skipped", e.counts.skipped)
      .member("failed", e.counts.failed).member("api_calls", e.counts.api_calls);
  w.key("skipped_by_reason").begin_object();
  for (const auto& [reason, n] : e.counts.skipped_by_reason) w.member(reason, n);
  w.end_object();
  w.member("reason", e.reason);
  // What the run stored about itself (API usage, what it changed, its notes): JSON already.
  if (!e.detail_json.empty() && e.detail_json.front() == '{') w.key("detail").raw(e.detail_json);
  w.end_object();
  return out;
}

std::string record_error_json(const RecordError& e) {
  std::string out;
  JsonWriter(out).begin_object().member("record", e.record_id).member("skipped", e.skipped)
      .member("code", e.code).member("message", e.message).end_object();
  return out;
}

std::string counts_json(const StoreCounts& c) {
  std::string out;
  JsonWriter(out).begin_object().member("profiles", c.profiles).member("deleted_profiles", c.deleted_profiles)
      .member("identifiers", c.identifiers).member("events", c.events).member("objects", c.objects)
      .member("relationships", c.relationships).member("merges", c.merges).end_object();
  return out;
}

std::string profile_json(const ProfileView& p) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().member("profile", p.id);
  time_member(w, "created", p.created_ms);
  time_member(w, "updated", p.updated_ms);
  time_member(w, "deleted", p.deleted_ms);
  w.key("identifiers").begin_array();
  for (const Identifier& id : p.identifiers) w.begin_object().member("type", id.type).member("value", id.value).end_object();
  w.end_array();
  attributes_member(w, p.attributes);
  w.key("relationships").begin_array();
  for (const StoredRelationship& r : p.relationships) {
    w.begin_object().member("object_type", r.object_type).member("object_id", r.object_id);
    time_member(w, "deleted", r.deleted_ms);
    attributes_member(w, r.attributes);
    w.end_object();
  }
  w.end_array().key("last_events").begin_array();
  for (const StoredEvent& e : p.recent_events) {
    w.begin_object().member("name", e.name);
    time_member(w, "timestamp", e.timestamp_ms);
    w.key("parameters").raw(e.parameters_json.empty() ? "{}" : e.parameters_json).member("sync", e.source_sync)
        .member("record", e.source_record).end_object();
  }
  w.end_array().end_object();
  return out;
}

}  // namespace sfsync
