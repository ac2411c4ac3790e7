// sfsync-emulator: a local Salesforce org + Marketing Cloud tenant over HTTP.
// The first line on stdout is the base URL; everything else goes to stderr.
#include <CLI/CLI.hpp>

#include <chrono>
#include <csignal>
#include <thread>
#include <cstdio>
#include <iostream>

#include "emulator/server/emulator.h"

namespace {

// Set by SIGTERM/SIGINT; main polls it (a signal handler may not join threads).
volatile std::sig_atomic_t g_stop = 0;

void on_signal(int) { g_stop = 1; }

void add_count_flags(CLI::App& app, emu::EmulatorOptions& o) {
  static const std::pair<const char*, const char*> kObjects[] = {
      {"--contacts", "Contact"},   {"--leads", "Lead"},         {"--accounts", "Account"},
      {"--opportunities", "Opportunity"}, {"--cases", "Case"},  {"--tasks", "Task"},
      {"--events", "Event"},       {"--campaigns", "Campaign"}, {"--campaign-members", "CampaignMember"}};
  for (const auto& [flag, object] : kObjects) {
    std::string name = object;
    app.add_option_function<int64_t>(flag, [&o, name](int64_t n) { o.counts[name] = n; },
                                     "number of " + name + " records to generate");
  }
  app.add_option_function<std::vector<std::string>>(
      "--count",
      [&o](const std::vector<std::string>& items) {
        for (const auto& item : items) {
          auto eq = item.find('=');
          if (eq == std::string::npos) throw CLI::ValidationError("--count", "expected Object=N, got " + item);
          o.counts[item.substr(0, eq)] = std::stoll(item.substr(eq + 1));
        }
      },
      "records to generate for any object or Data Extension key, as Name=N (repeatable)");
}

void add_fault_flags(CLI::App& app, emu::FaultOptions& f) {
  app.add_option("--latency-ms", f.latency_ms, "added latency per data call");
  app.add_option("--error-rate", f.error_rate, "fraction of data calls answered with --error-status");
  app.add_option("--error-status", f.error_status, "500 or 503")->check(CLI::IsMember({500, 503}));
  app.add_option("--drop-rate", f.drop_rate, "fraction of data calls whose connection drops mid-body");
  app.add_option("--expire-tokens-after", f.expire_tokens_after_calls, "expire all access tokens every N data calls");
  app.add_option("--limit-after", f.limit_after_calls, "REQUEST_LIMIT_EXCEEDED after N data calls");
  app.add_option("--invalid-locator-after", f.invalid_locator_after_pages,
                 "the N-th queryMore answers INVALID_QUERY_LOCATOR");
  app.add_option("--slow-body-bps", f.slow_body_bytes_per_sec, "send bodies at this many bytes per second");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"sfsync-emulator: a faithful Salesforce + Marketing Cloud API emulator"};
  emu::EmulatorOptions o;
  app.add_option("--host", o.host, "address to bind (loopback by default)");
  app.add_option("--port", o.port, "port; 0 picks a free one")->check(CLI::Range(0, 65535));
  app.add_option("--db", o.db_path, "SQLite file for the org (default: a temporary file)");
  app.add_option("--seed", o.seed, "seed of the deterministic data generator");
  app.add_option("--config", o.config_path, "YAML: custom objects and fields, apps, users, data extensions")
      ->check(CLI::ExistingFile);
  app.add_option("--fixtures", o.fixtures_dir, "directory of <Object>.json record fixtures")
      ->check(CLI::ExistingDirectory);
  app.add_option("--token-ttl", o.access_token_ttl_s, "Salesforce access token lifetime in seconds");
  app.add_option("--sfmc-token-ttl", o.sfmc_token_ttl_s, "Marketing Cloud access token lifetime in seconds");
  app.add_option("--daily-limit", o.daily_api_limit, "daily API request limit (Sforce-Limit-Info)");
  app.add_option("--threads", o.threads, "HTTP worker threads")->check(CLI::Range(1, 256));
  add_count_flags(app, o);
  add_fault_flags(app, o.faults);
  CLI11_PARSE(app, argc, argv);

  emu::Emulator emulator(o);
  auto url = emulator.start();
  if (!url) {
    std::cerr << "sfsync-emulator: " << url.error().message << "\n";
    return 2;
  }
  std::cout << *url << std::endl;
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  emulator.stop();
  return 0;
}
