#include "app/metrics_text.h"

namespace sfsync {

namespace {

// Prometheus label values escape backslash, double quote and newline.
std::string label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

void header(std::string& out, const char* name, const char* help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n# TYPE ").append(name).append(" gauge\n");
}

void sample(std::string& out, const char* name, const std::string& labels, int64_t value) {
  out.append(name).append(labels).append(" ").append(std::to_string(value)).append("\n");
}

void gauge(std::string& out, const char* name, const char* help, int64_t value) {
  header(out, name, help);
  sample(out, name, "", value);
}

}  // namespace

Result<std::string> metrics_text(CustomerStore& store, const std::set<std::string>& syncs) {
  auto counts = store.counts();
  if (!counts) return counts.error();
  std::string out;
  gauge(out, "sfsync_store_profiles", "Live profiles in the customer store.", counts->profiles);
  gauge(out, "sfsync_store_deleted_profiles", "Profiles marked deleted.", counts->deleted_profiles);
  gauge(out, "sfsync_store_identifiers", "Identifiers of profiles.", counts->identifiers);
  gauge(out, "sfsync_store_events", "Events.", counts->events);
  gauge(out, "sfsync_store_objects", "Live objects.", counts->objects);
  gauge(out, "sfsync_store_relationships", "Live relationships.", counts->relationships);
  gauge(out, "sfsync_store_merges", "Profile merges recorded.", counts->merges);
  // Each family's samples together, as the exposition format wants: the last runs first.
  std::vector<Execution> last;
  for (const std::string& sync : syncs) {
    auto runs = store.list_executions(sync, 1);
    if (!runs) return runs.error();
    if (!runs->empty()) last.push_back(std::move(runs->front()));
  }
  auto of = [](const Execution& e) { return "{sync=\"" + label(e.sync_id) + "\""; };
  header(out, "sfsync_last_run_status", "Status of the sync's last run (1 on the one it has).");
  for (const Execution& e : last)
    for (const char* status : {"running", "ok", "partial", "failed"})
      sample(out, "sfsync_last_run_status", of(e) + ",status=\"" + status + "\"}",
             std::string(execution_status_name(e.status)) == status ? 1 : 0);
  header(out, "sfsync_last_run_started_seconds", "When the sync's last run started (Unix time).");
  for (const Execution& e : last) sample(out, "sfsync_last_run_started_seconds", of(e) + "}", e.started_ms / 1000);
  header(out, "sfsync_last_run_ended_seconds", "When the sync's last run ended (Unix time).");
  for (const Execution& e : last)
    if (e.ended_ms) sample(out, "sfsync_last_run_ended_seconds", of(e) + "}", *e.ended_ms / 1000);
  header(out, "sfsync_last_run_records", "Records of the sync's last run, by count.");
  for (const Execution& e : last)
    for (auto [count, n] : {std::pair{"read", e.counts.read}, std::pair{"written", e.counts.written},
                            std::pair{"skipped", e.counts.skipped}, std::pair{"failed", e.counts.failed}})
      sample(out, "sfsync_last_run_records", of(e) + ",count=\"" + count + "\"}", n);
  return out;
}

}  // namespace sfsync
