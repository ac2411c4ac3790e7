#include "mapping/mapper.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <thread>

#include "common/text.h"
#include "common/time_util.h"

namespace sfsync {

struct Mapper::Outcome {
  const Record& record;
  MappedRecord& out;
  std::vector<RecordIssue> dropped;  // skipped = false issues, kept only if the record lands
  bool skipped = false;

  void skip(std::string code, std::string message) {
    skipped = true;
    out.issues.push_back({record.id, std::move(code), std::move(message), true});
  }
  void drop(std::string code, std::string message) {
    dropped.push_back({record.id, std::move(code), std::move(message), false});
  }
};

namespace {

std::string field_text(const Record& r, const std::string& field) {
  const Value* v = r.get(field);
  return (v == nullptr || v->is_null()) ? std::string() : v->to_text();
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

uint64_t fnv1a(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// Dates count from midnight UTC; text goes through the same parsing as `type: datetime`.
std::optional<int64_t> to_epoch_ms(const Value& v) {
  if (v.is_null()) return std::nullopt;
  auto dt = convert_value(v, AttributeType::DateTime);
  if (!dt.ok()) return std::nullopt;
  return dt->i;
}

SourceRef source_of(const std::string& sync_id, const Record& r) { return SourceRef{sync_id, r.id, r.modstamp_ms}; }

}  // namespace

std::string event_dedup_key(const std::string& sync_id, const Record& record, std::string_view suffix) {
  std::string key = sync_id + "/" + record.id + "/";
  if (record.modstamp_ms > 0) {
    key += std::to_string(record.modstamp_ms);
  } else {
    uint64_t h = 14695981039346656037ULL;
    for (const auto& [name, value] : record.fields) {
      h = fnv1a(h, name);
      h = fnv1a(h, "=");
      h = fnv1a(h, value_type_name(value.type));
      h = fnv1a(h, value.to_text());
      h = fnv1a(h, "\n");
    }
    char buf[20];
    std::snprintf(buf, sizeof buf, "h%016llx", static_cast<unsigned long long>(h));
    key += buf;
  }
  if (!suffix.empty()) key.append("/").append(suffix);
  return key;
}

bool Mapper::resolve_identifiers(const Record& r, Outcome& o, std::vector<Identifier>& ids) const {
  std::string rejected;  // why the invalid ones failed, for the skip message
  for (const CompiledIdentifier& id : m_.identifiers) {
    std::optional<std::string> raw;
    if (id.pattern) raw = id.pattern->render(r);
    else if (std::string t = field_text(r, id.field); !t.empty()) raw = std::move(t);
    if (!raw || is_blank(*raw)) continue;  // no value: not an error, the record may have other identifiers
    auto norm = m_.normalizer.normalize(id.type, *raw);
    if (!norm.ok()) {
      std::string msg = id.source() + ": " + norm.error().message;
      if (m_.policy == InvalidIdentifierPolicy::SkipRecord) {
        o.skip(norm.error().code, msg + " (on_invalid_identifier: skip_record)");
        return false;
      }
      o.drop(norm.error().code, msg + " (identifier dropped)");
      rejected += (rejected.empty() ? "" : "; ") + msg;
      continue;
    }
    Identifier ident{id.type, std::move(norm.value())};
    if (std::find(ids.begin(), ids.end(), ident) == ids.end()) ids.push_back(std::move(ident));
  }
  if (!ids.empty()) return true;
  std::string sources;
  for (const auto& id : m_.identifiers) sources += (sources.empty() ? "" : ", ") + id.source();
  o.skip("no_valid_identifier",
         "no valid identifier (" + (rejected.empty() ? sources + " empty" : rejected) + ")");
  return false;
}

std::vector<Attribute> Mapper::map_fields(const Record& r, const std::vector<CompiledField>& fields, Outcome& o) const {
  std::vector<Attribute> out;
  out.reserve(fields.size());
  for (const CompiledField& f : fields) {
    if (f.fixed) {
      out.push_back({f.name, *f.fixed});
      continue;
    }
    const Value* v = r.get(f.field);
    if (v == nullptr || v->is_null()) {  // null clears the attribute (last write wins)
      out.push_back({f.name, Value::null()});
      continue;
    }
    if (f.type == AttributeType::Phone) {
      auto e164 = m_.normalizer.phone(v->to_text());
      if (!e164.ok()) {
        o.drop("invalid_phone", "field " + f.field + ": " + e164.error().message + " (attribute " + f.name + " dropped)");
        continue;
      }
      out.push_back({f.name, Value::string(std::move(e164.value()))});
      continue;
    }
    auto converted = convert_value(*v, f.type);
    if (!converted.ok()) {
      o.drop("bad_value", "field " + f.field + ": " + converted.error().message + " (attribute " + f.name + " dropped)");
      continue;
    }
    out.push_back({f.name, std::move(converted.value())});
  }
  return out;
}

bool Mapper::build_event(const Record& r, int64_t now_ms, const std::vector<Identifier>& ids, Outcome& o,
                         EventAppend& ev) const {
  const bool required = m_.target == TargetKind::Event;
  auto fail = [&](std::string code, std::string msg) {
    if (required) o.skip(std::move(code), std::move(msg));
    else o.drop(std::move(code), msg + " (event not sent)");
    return false;
  };
  const CompiledEvent& e = m_.event;
  ev.name = e.name.empty() ? field_text(r, e.name_field) : e.name;
  if (ev.name.empty()) return fail("no_event_name", "event name field " + e.name_field + " is empty");
  ev.timestamp_ms = now_ms;
  if (!e.timestamp_field.empty()) {
    const Value* v = r.get(e.timestamp_field);
    std::optional<int64_t> ts = v ? to_epoch_ms(*v) : std::nullopt;
    if (!ts)
      return fail("bad_timestamp", "event timestamp field " + e.timestamp_field + " is empty or not a date (\"" +
                                       field_text(r, e.timestamp_field) + "\")");
    ev.timestamp_ms = *ts;
  }
  ev.source = source_of(m_.sync_id, r);
  ev.identifiers = ids;
  ev.parameters = map_fields(r, e.parameters, o);
  ev.dedup_key = event_dedup_key(m_.sync_id, r);
  if (!e.when_changed.empty()) {
    const Value* watched = r.get(e.when_changed);
    std::string value = watched && !watched->is_null() ? watched->to_text() : std::string();
    if (!e.changed_to.empty())
      ev.watched_matches = std::any_of(e.changed_to.begin(), e.changed_to.end(),
                                       [&](const std::string& v) { return iequals_ascii(v, value); });
    ev.watched = watched && !watched->is_null() ? "=" + value : std::string();
  }
  return true;
}

// The delete event goes first: the store sends it to the profile the record made, found through
// the record's link, which the deletion then removes (and it must not bring a profile the deletion
// marked back to life). The record's identifiers only serve a record the store never linked; a
// record purged from Salesforce comes with its Id alone and has none.
void Mapper::map_deletion(const Record& r, int64_t now_ms, Outcome& o) const {
  if (!m_.delete_event.empty() && m_.target != TargetKind::Object) {
    MappedRecord scratch;
    Outcome quiet{r, scratch, {}, false};  // a deletion is never "skipped" for lack of identifiers
    EventAppend ev;
    ev.source = source_of(m_.sync_id, r);
    if (!resolve_identifiers(r, quiet, ev.identifiers)) ev.identifiers.clear();
    ev.name = m_.delete_event;
    ev.timestamp_ms = r.modstamp_ms > 0 ? r.modstamp_ms : now_ms;  // SystemModstamp moves on delete
    ev.dedup_key = event_dedup_key(m_.sync_id, r, "deleted");
    ev.of_deleted_record = true;
    o.out.mutations.emplace_back(std::move(ev));
  }
  if (m_.on_delete != DeletePolicy::Ignore) {
    SourceDeletion d{source_of(m_.sync_id, r),
                     m_.on_delete == DeletePolicy::Remove ? SourceDeletion::Policy::Remove : SourceDeletion::Policy::Mark,
                     r.absent_from_pass};
    o.out.mutations.emplace_back(std::move(d));
  }
}

void Mapper::map_live(const Record& r, int64_t now_ms, Outcome& o) const {
  std::vector<Identifier> ids;
  if (m_.target != TargetKind::Object && !resolve_identifiers(r, o, ids)) return;
  std::string object_id;
  if (m_.object_id) {
    auto id = m_.object_id->render(r);
    if (!id) return o.skip("no_object_id", "object id template \"" + m_.object_id->text() + "\" has an empty field");
    object_id = std::move(*id);
  }
  std::optional<EventAppend> event;
  if (m_.event.enabled) {
    EventAppend ev;
    if (build_event(r, now_ms, ids, o, ev)) event = std::move(ev);
    else if (o.skipped) return;
  }
  switch (m_.target) {
    case TargetKind::Profile:
    case TargetKind::Event:
      if (m_.target == TargetKind::Profile || !m_.attributes.empty())
        o.out.mutations.emplace_back(ProfileUpsert{source_of(m_.sync_id, r), ids, map_fields(r, m_.attributes, o)});
      break;
    case TargetKind::Object:
      o.out.mutations.emplace_back(
          ObjectUpsert{source_of(m_.sync_id, r), m_.object_type, std::move(object_id), map_fields(r, m_.attributes, o)});
      break;
    case TargetKind::Relationship:
      o.out.mutations.emplace_back(RelationshipUpsert{source_of(m_.sync_id, r), std::move(ids), m_.object_type,
                                                      std::move(object_id),
                                                      map_fields(r, m_.relationship_attributes, o)});
      break;
  }
  if (event) o.out.mutations.emplace_back(std::move(*event));
}

void Mapper::map_into(const Record& record, int64_t processing_time_ms, MappedRecord& out) const {
  Outcome o{record, out, {}, false};
  if (record.deleted) map_deletion(record, processing_time_ms, o);
  else map_live(record, processing_time_ms, o);
  if (!o.skipped)
    for (auto& issue : o.dropped) out.issues.push_back(std::move(issue));
}

std::vector<MappedRecord> Mapper::map_page(const Page& page, int64_t processing_time_ms, unsigned threads) const {
  const size_t n = page.records.size();
  std::vector<MappedRecord> out(n);
  auto slice = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) map_into(page.records[i], processing_time_ms, out[i]);
  };
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n / 64 + 1)));
  if (threads == 1) {
    slice(0, n);
    return out;
  }
  std::vector<std::thread> workers;
  const size_t step = (n + threads - 1) / threads;
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(slice, std::min(n, t * step), std::min(n, (t + 1) * step));
  slice(0, std::min(n, step));
  for (auto& w : workers) w.join();
  return out;
}

MappedRecord Mapper::map(const Record& record, int64_t processing_time_ms) const {
  MappedRecord out;
  map_into(record, processing_time_ms, out);
  return out;
}

}  // namespace sfsync
