// sfsync runs | errors RUN | find: what the store knows.
#include <cstdio>

#include "app/commands.h"
#include "app/profile_lookup.h"
#include "app/progress.h"
#include "app/store_json.h"
#include "common/text.h"
#include "common/time_util.h"

namespace sfsync {

int cmd_runs(CliContext& ctx, const std::string& sync, int limit, bool json) {
  CustomerStore* store = ctx.store();
  if (!store) return kExitBadInput;
  auto runs = store->list_executions(sync, limit);
  if (!runs) return CliContext::print_error(runs.error()), kExitRunFailed;
  if (json) {
    for (const auto& e : *runs) std::printf("%s\n", execution_json(e).c_str());
    return kExitOk;
  }
  std::printf("%-6s %-20s %-5s %-8s %-24s %10s %10s %8s %8s %9s  %s\n", "run", "sync", "kind", "status", "started",
              "read", "written", "skipped", "failed", "api calls", "reason");
  for (const auto& e : *runs) {
    std::printf("%-6lld %-20s %-5s %-8s %-24s %10s %10s %8s %8s %9s  %s\n", static_cast<long long>(e.id),
                e.sync_id.c_str(), std::string(execution_kind_name(e.kind)).c_str(),
                std::string(execution_status_name(e.status)).c_str(), format_iso_datetime_z(e.started_ms).c_str(),
                format_count(e.counts.read).c_str(), format_count(e.counts.written).c_str(),
                format_count(e.counts.skipped).c_str(), format_count(e.counts.failed).c_str(),
                format_count(e.counts.api_calls).c_str(), e.reason.c_str());
  }
  return kExitOk;
}

int cmd_errors(CliContext& ctx, int64_t run, int limit, bool json) {
  CustomerStore* store = ctx.store();
  if (!store) return kExitBadInput;
  auto execution = store->get_execution(run);
  if (!execution || !execution.value()) {
    CliContext::print_error(make_error("bad_input", "no run " + std::to_string(run) + "; `sfsync runs` lists them"));
    return kExitBadInput;
  }
  auto errors = store->execution_errors(run, limit);
  if (!errors) return CliContext::print_error(errors.error()), kExitRunFailed;
  if (json) {
    for (const auto& e : *errors) std::printf("%s\n", record_error_json(e).c_str());
    return kExitOk;
  }
  for (const auto& [reason, n] : execution.value()->counts.skipped_by_reason)
    std::printf("skipped %s: %s\n", reason.c_str(), format_count(n).c_str());
  for (const auto& e : *errors)
    std::printf("%-20s %-8s %-24s %s\n", e.record_id.c_str(), e.skipped ? "skipped" : "dropped", e.code.c_str(),
                e.message.c_str());
  return kExitOk;
}

int cmd_stats(CliContext& ctx, bool json) {
  CustomerStore* store = ctx.store();
  if (!store) return kExitBadInput;
  auto c = store->counts();
  if (!c) return CliContext::print_error(c.error()), kExitRunFailed;
  if (json) {
    std::printf("%s\n", counts_json(*c).c_str());
    return kExitOk;
  }
  std::printf("profiles       %s (+%s marked deleted)\n", format_count(c->profiles).c_str(),
              format_count(c->deleted_profiles).c_str());
  std::printf("identifiers    %s\n", format_count(c->identifiers).c_str());
  std::printf("events         %s\n", format_count(c->events).c_str());
  std::printf("objects        %s\n", format_count(c->objects).c_str());
  std::printf("relationships  %s\n", format_count(c->relationships).c_str());
  std::printf("merges         %s\n", format_count(c->merges).c_str());
  return kExitOk;
}

namespace {

void print_profile(const ProfileView& p) {
  std::printf("profile %lld%s\n", static_cast<long long>(p.id),
              p.deleted_ms ? (" (deleted " + format_iso_datetime_z(*p.deleted_ms) + ")").c_str() : "");
  std::printf("  identifiers:\n");
  for (const auto& id : p.identifiers) std::printf("    %-16s %s\n", id.type.c_str(), id.value.c_str());
  std::printf("  attributes:\n");
  for (const auto& a : p.attributes)
    std::printf("    %-24s %s (%s, from %s)\n", a.name.c_str(), pad_right(a.value.to_text(), 30).c_str(),
                std::string(value_type_name(a.value.type)).c_str(), a.source_sync.c_str());
  if (!p.relationships.empty()) std::printf("  relationships:\n");
  for (const auto& r : p.relationships)
    std::printf("    %s/%s%s\n", r.object_type.c_str(), r.object_id.c_str(), r.deleted_ms ? " (deleted)" : "");
  if (!p.recent_events.empty()) std::printf("  last events:\n");
  for (const auto& e : p.recent_events)
    std::printf("    %s  %-24s %s\n", format_iso_datetime_z(e.timestamp_ms).c_str(), e.name.c_str(),
                e.parameters_json.c_str());
}

}  // namespace

int cmd_find(CliContext& ctx, const FindQuery& q, bool json) {
  CustomerStore* store = ctx.store();
  if (!store) return kExitBadInput;
  Result<std::optional<ProfileView>> found = look_up_profile(*store, q);
  if (!found && found.error().code == "bad_input") {
    CliContext::print_error(make_error(
        "bad_input", q.record.empty() ? "find needs --email, --phone, --id, --record SYNC:ID or --identifier type=value"
                                      : "--record takes SYNC:RECORD_ID (e.g. contacts:0035g00000AbCdE)"));
    return kExitBadInput;
  }
  if (!found) return CliContext::print_error(found.error()), kExitRunFailed;
  if (!found.value()) {
    if (!json) std::printf("no profile found\n");
    return kExitRunFailed;
  }
  if (json) std::printf("%s\n", profile_json(**found).c_str());
  else print_profile(**found);
  return kExitOk;
}

}  // namespace sfsync
