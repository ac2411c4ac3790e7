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

void gauge(std::string& out, const char* name, const char* help, int64_t value, const std::string& labels = "") {
  if (!help[0]) {
    out.append(name).append(labels).append(" ").append(std::to_string(value)).append("\n");
    return;
  }
  out.append("# HELP ").append(name).append(" ").append(help).append("\n# TYPE ").append(name).append(" gauge\n");
  out.append(name).append(labels).append(" ").append(std::to_string(value)).append("\n");
}

void last_run(std::string& out, const Execution& e) {
  const std::string sync = "{sync=\"" + label(e.sync_id) + "\"";
  for (const char* status : {"running", "ok", "partial", "failed"})
    gauge(out, "sfsync_last_run_status", "", std::string(execution_status_name(e.status)) == status ? 1 : 0,
          sync + ",status=\"" + status + "\"}");
  gauge(out, "sfsync_last_run_started_seconds", "", e.started_ms / 1000, sync + "}");
  if (e.ended_ms) gauge(out, "sfsync_last_run_ended_seconds", "", *e.ended_ms / 1000, sync + "}");
  gauge(out, "sfsync_last_run_records", "", e.counts.read, sync + ",count=\"read\"}");
  gauge(out, "sfsync_last_run_records", "", e.counts.written, sync + ",count=\"written\"}");
  gauge(out, "sfsync_last_run_records", "", e.counts.skipped, sync + ",count=\"skipped\"}");
  gauge(out, "sfsync_last_run_records", "", e.counts.failed, sync + ",count=\"failed\"}");
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
  out += "# HELP sfsync_last_run_status Status of the sync's last run (1 on the one it has).\n"
         "# TYPE sfsync_last_run_status gauge\n"
         "# HELP sfsync_last_run_started_seconds When the sync's last run started (Unix time).\n"
         "# TYPE sfsync_last_run_started_seconds gauge\n"
         "# HELP sfsync_last_run_ended_seconds When the sync's last run ended (Unix time).\n"
         "# TYPE sfsync_last_run_ended_seconds gauge\n"
         "# HELP sfsync_last_run_records Records of the sync's last run, by count.\n"
         "# TYPE sfsync_last_run_records gauge\n";
  for (const std::string& sync : syncs) {
    auto runs = store.list_executions(sync, 1);
    if (!runs) return runs.error();
    if (!runs->empty()) last_run(out, runs->front());
  }
  return out;
}

}  // namespace sfsync
