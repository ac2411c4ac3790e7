// bench/de_pull: a Data Extension of N rows (default 250,000) from the emulator's Marketing Cloud
// into a fresh SQLite store, in runs capped at max_pages_per_run (default 50 pages of 2,500), then
// an incremental run after 1% of the rows changed. Prints rows/s, API calls and peak RSS.
//
// The emulator runs as a child process, so the figures are the engine's own (RSS).
//   bench_de_pull [--rows N] [--emulator PATH] [--store PATH]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "config/config_loader.h"
#include "runner/de_pull_run.h"
#include "sfmc/sfmc_connection.h"
#include "sinks/store/sqlite_store.h"
#include "support/test_http.h"

using namespace sfsync;

namespace {

const char* kSync = R"(
  - name: subscribers
    connection: mc
    source: {data_extension_key: Subscribers_DE, page_size: 2500, max_pages_per_run: 50}
    identifiers:
      - {type: sfmc_subscriber_key, field: SubscriberKey}
      - {type: email, field: EmailAddress}
    attributes:
      - {field: FirstName, name: first_name}
      - {field: LastName, name: last_name}
      - {field: Country, name: country}
      - {field: OptIn, name: email_opt_in, type: boolean}
      - {field: Points, name: loyalty_points, type: number}
      - {field: Phone, name: phone_raw}
    fixed: {crm_source: marketing_cloud}
)";

long peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return fallback;
}

struct Totals {
  int64_t rows = 0, calls = 0, runs = 0;
  double seconds = 0;
};

void report(const char* label, const Totals& t) {
  std::printf("%-26s %9lld rows  %7.2f s  %9.0f rows/s  %5lld API calls  %lld run(s)  peak RSS %ld MB\n", label,
              static_cast<long long>(t.rows), t.seconds, t.seconds > 0 ? t.rows / t.seconds : 0.0,
              static_cast<long long>(t.calls), static_cast<long long>(t.runs), peak_rss_mb());
}

}  // namespace

int main(int argc, char** argv) {
  int64_t n = std::stoll(arg(argc, argv, "--rows", "250000"));
  std::string emulator_bin = arg(argc, argv, "--emulator", SFSYNC_EMULATOR_BIN);
  std::string store_path = arg(argc, argv, "--store", "/tmp/sfsync-bench-de-pull.db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((store_path + suffix).c_str());

  std::printf("bench/de_pull: Subscribers_DE with %lld rows, 9 columns; seeding the emulator...\n",
              static_cast<long long>(n));
  std::fflush(stdout);
  testing_support::EmulatorProcess emulator(emulator_bin,
                                            {"--port", "0", "--seed", "1", "--count", "Subscribers_DE=" + std::to_string(n)});
  std::string yaml = "store: {path: " + store_path + "}\nconnections:\n  mc:\n    type: sfmc\n"
                     "    subdomain: mc563885gzs27c5t9-63k636ttgm\n    client_id: sfmc-emulator-client\n"
                     "    client_secret: sfmc-emulator-secret\n    auth_base_url: " + emulator.url() +
                     "\n    rest_base_url: " + emulator.url() + "\nsyncs:" + kSync;
  auto config = parse_config(yaml, "bench.yaml");
  if (!config) return std::fprintf(stderr, "%s\n", config.error().message.c_str()), 2;
  auto store = SqliteStore::open(store_path);
  if (!store) return std::fprintf(stderr, "%s\n", store.error().message.c_str()), 2;
  auto client = make_marketing_cloud_client(*config->find_connection("mc"), nullptr);
  if (!client) return std::fprintf(stderr, "%s\n", client.error().message.c_str()), 2;
  const SyncConfig& sync = *config->find_sync("subscribers");

  // Runs until one ends before its page cap (the whole DE, or everything changed, is in). False
  // when a run failed (main returns, so the emulator child is stopped by its destructor).
  auto drain = [&](const char* label) {
    Totals t;
    auto start = std::chrono::steady_clock::now();
    while (true) {
      auto outcome = run_data_extension_pull(sync, **client, **store, PullRequest{});
      if (!outcome || outcome->status == ExecutionStatus::Failed) {
        std::fprintf(stderr, "%s\n", outcome ? outcome->reason.c_str() : outcome.error().message.c_str());
        return false;
      }
      ++t.runs;
      t.rows += outcome->counts.read;
      t.calls += outcome->counts.api_calls;
      // A capped run reads max_pages_per_run pages (+2 metadata calls); a shorter one reached the end.
      if (outcome->counts.api_calls < sync.data_extension.max_pages_per_run + 2) break;
    }
    t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    report(label, t);
    return true;
  };
  if (!drain("full pull (capped runs)")) return 1;

  // 1% changed through the admin API (ModifiedDate moves to now).
  const int64_t changed = std::max<int64_t>(1, n / 100);
  for (int64_t first = 0; first < changed; first += 1000) {
    std::string body = R"({"items":[)";
    for (int64_t k = first; k < std::min(changed, first + 1000); ++k)
      body += std::string(k == first ? "" : ",") + R"({"SubscriberKey":"SUB-)" + std::to_string(1000000 + k * 100) +
              R"(","FirstName":"Changed"})";
    body += "]}";
    testing_support::http("POST", emulator.url() + "/__admin/sfmc/Subscribers_DE/rows", body,
                          {"Content-Type: application/json"});
  }
  if (!drain("incremental, 1% changed")) return 1;
  return 0;
}
