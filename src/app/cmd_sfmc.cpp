#include "app/cmd_sfmc.h"

#include <cstdio>

#include "runner/de_pull_run.h"

namespace sfsync {

namespace {

void print_check(bool ok, const char* what, const std::string& name, const std::string& detail) {
  std::printf("%-5s %s %s%s\n", ok ? "ok" : "FAIL", what, name.c_str(), detail.c_str());
}

}  // namespace

bool check_sfmc_connection(CliContext& ctx, const Connection& connection) {
  MarketingCloudClient* client = ctx.marketing_cloud(connection.name);
  auto r = client ? client->connect() : Result<void>(make_error("bad_config", "no client"));
  print_check(r.ok(), "connection", connection.name,
              r ? " (scopes: " + client->granted_scopes() + ")" : ": " + r.error().message);
  return r.ok();
}

bool check_data_extension_sync(CliContext& ctx, const SyncConfig& sync) {
  MarketingCloudClient* client = ctx.marketing_cloud(sync.connection);
  if (!client) return false;
  auto plan = plan_data_extension_pull(*client, sync);
  print_check(plan.ok(), "sync", sync.name,
              plan ? " (Data Extension " + plan->query.key + ", " + std::to_string(plan->info.fields.size()) +
                         " columns, " + std::to_string(plan->info.row_count) + " rows)"
                   : ": " + plan.error().message);
  return plan.ok();
}

int discover_data_extensions(CliContext& ctx, const Connection& connection, const std::string& key) {
  MarketingCloudClient* client = ctx.marketing_cloud(connection.name);
  if (!client) return kExitBadInput;
  if (key.empty()) {
    auto found = search_data_extensions(*client, "");
    if (!found) return CliContext::print_error(found.error()), CliContext::exit_code_for(found.error());
    for (const auto& de : *found)
      std::printf("%-32s %-32s %lld rows\n", de.key.c_str(), de.name.c_str(), static_cast<long long>(de.row_count));
    return kExitOk;
  }
  auto de = describe_data_extension(*client, key);
  if (!de) return CliContext::print_error(de.error()), CliContext::exit_code_for(de.error());
  bool has_modified = de->field("ModifiedDate") != nullptr;
  std::printf("%s (key %s), %lld rows, incremental: %s\n", de->name.c_str(), de->key.c_str(),
              static_cast<long long>(de->row_count),
              has_modified ? "ModifiedDate" : "no ModifiedDate column (fetch_mode: full, or set modified_field)");
  for (const auto& f : de->fields)
    std::printf("  %-32s %-14s%s\n", f.name.c_str(), f.type.c_str(), f.is_primary_key ? " primary-key" : "");
  return kExitOk;
}

Result<std::vector<Record>> preview_data_extension_records(CliContext& ctx, const SyncConfig& sync, int limit,
                                                           int64_t& total) {
  MarketingCloudClient* client = ctx.marketing_cloud(sync.connection);
  if (!client) return make_error("bad_config", "no Marketing Cloud client for " + sync.connection);
  auto plan = plan_data_extension_pull(*client, sync);
  if (!plan) return plan.error();
  plan->query.page_size = std::min(limit, 2500);
  plan->query.max_pages = 1;
  DataExtensionPageSource source(*client, plan->query, DeCheckpoint{});
  auto page = source.next();
  if (!page) return page.error();
  total = page->total_size;
  return std::move(page->records);
}

}  // namespace sfsync
