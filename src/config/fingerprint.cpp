#include "config/fingerprint.h"

#include <cstdint>
#include <cstdio>

namespace sfsync {
namespace {

// Appends length-prefixed parts, so that ("ab","c") and ("a","bc") differ.
class Canonical {
 public:
  Canonical& add(const std::string& s) {
    text_ += std::to_string(s.size()) + ":" + s + ";";
    return *this;
  }
  Canonical& add(int64_t v) { return add(std::to_string(v)); }
  Canonical& add(const FieldMapping& f) {
    return add(f.field).add(f.name).add(static_cast<int64_t>(f.type)).add(f.value ? "=" + *f.value : "-");
  }
  template <typename T>
  Canonical& add_all(const std::vector<T>& items) {
    add(static_cast<int64_t>(items.size()));
    for (const auto& i : items) add(i);
    return *this;
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

void add_pull(Canonical& c, const SyncConfig& s) {
  c.add(static_cast<int64_t>(s.target)).add(static_cast<int64_t>(s.on_invalid_identifier)).add(s.default_phone_country);
  c.add(static_cast<int64_t>(s.identifiers.size()));
  for (const auto& id : s.identifiers) c.add(id.type).add(id.field).add(id.template_text);
  c.add_all(s.attributes);
  c.add(s.event.name).add(s.event.name_field).add(s.event.timestamp_field).add_all(s.event.parameters);
  if (!s.event.when_changed.empty()) c.add("when_changed:" + s.event.when_changed);  // older hashes unchanged
  c.add(s.object_target.type).add(s.object_target.id_template);
  c.add(s.relationship.object_type).add(s.relationship.object_id_template).add_all(s.relationship.attributes);
  c.add(static_cast<int64_t>(s.on_delete)).add(s.delete_event);
}

void add_push(Canonical& c, const PushSpec& p) {
  c.add(p.object).add(static_cast<int64_t>(p.mode)).add(p.external_id_field);
  if (!p.data_extension.empty()) c.add("data_extension:" + p.data_extension);  // absent before: old fingerprints hold
  c.add(static_cast<int64_t>(p.mapping.size()));
  for (const auto& m : p.mapping) c.add(m.column).add(m.field).add(m.value ? "=" + *m.value : "-");
  if (p.audience) c.add(p.audience->campaign_id).add(static_cast<int64_t>(p.audience->mode)).add(p.audience->status_field);
}

}  // namespace

std::string mapping_fingerprint(const SyncConfig& sync, const std::string& scope) {
  Canonical c;
  c.add(sync.is_push() ? "push" : "pull");
  if (sync.is_push()) add_push(c, sync.push);
  else add_pull(c, sync);
  if (!scope.empty()) c.add(scope);
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char ch : c.text()) {
    h ^= ch;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string pull_fingerprint(const std::string& source, const SyncConfig& sync, const std::string& scope) {
  return source + "#" + mapping_fingerprint(sync, scope);
}

bool same_pull_fingerprint(const std::string& stored, const std::string& current) {
  if (stored == current) return true;
  return stored.find('#') == std::string::npos && current.size() > stored.size() &&
         current.compare(0, stored.size(), stored) == 0 && current[stored.size()] == '#';
}

}  // namespace sfsync
