// bench/pull: N Contacts (20 fields) from the emulator into a fresh SQLite store, then a second run
// with 1% of them changed. Prints records/s end to end, API calls and the engine's peak RSS, each
// pipeline stage's wall and thread-CPU time, the engine's and the emulator's CPU seconds and the
// load average (the machine is shared: CPU seconds compare across runs, wall time does not).
//
// The emulator runs as a child process, so the figures are the engine's own (RSS) while both share
// the machine's cores, as they would on one host.
//   bench_pull [--contacts N] [--emulator PATH] [--store PATH] [--postgres] [--events | --relationships]
// --events maps each Contact to an event instead of a profile (the event write path),
// --relationships to a relationship between its person and its Account.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "config/config_loader.h"
#include "emulator/org/sfid.h"
#include "runner/connections.h"
#include "runner/pull_run.h"
#include "sinks/store/postgres_store.h"
#include "sinks/store/sqlite_store.h"
#include "support/temporary_postgres.h"
#include "support/test_http.h"

using namespace sfsync;

namespace {

const char* kSync = R"(
  - name: contacts
    connection: crm
    source: {object: Contact}
    fields: [FirstName, LastName, Email, Phone, MobilePhone, Title, Department, LeadSource, Birthdate,
             MailingStreet, MailingCity, MailingState, MailingPostalCode, MailingCountry, AccountId,
             HasOptedOutOfEmail, DoNotCall, Description]
    identifiers:
      - {type: sf_contact_id, template: "SF_Contact_{{Id}}"}
      - {type: email, field: Email}
    attributes:
      - {field: FirstName, name: first_name}
      - {field: LastName, name: last_name}
      - {field: Title, name: title}
      - {field: Department, name: department}
      - {field: LeadSource, name: lead_source}
      - {field: Birthdate, name: birthday}
      - {field: MailingCity, name: city}
      - {field: MailingState, name: state}
      - {field: MailingPostalCode, name: postal_code}
      - {field: MailingCountry, name: country}
      - {field: HasOptedOutOfEmail, name: email_opt_out}
      - {field: DoNotCall, name: do_not_call}
      - {field: AccountId, name: account_id}
      - {field: MobilePhone, name: mobile}
      - {field: Phone, name: phone_raw}
    fixed: {crm_source: salesforce}
)";

// --relationships: each Contact a relationship between its person and its Account.
const char* kRelationshipSync = R"(
  - name: contacts
    connection: crm
    source: {object: Contact}
    fields: [Id]
    target: relationship
    filter:
      rules:
        - {field: AccountId, op: not_null}
    identifiers:
      - {type: sf_contact_id, template: "SF_Contact_{{Id}}"}
    relationship:
      object_type: account
      object_id_template: "SF_Account_{{AccountId}}"
      attributes:
        - {field: Title, name: role}
)";

// --events: the same Contacts as events (one per record version) on the person their email names.
const char* kEventSync = R"(
  - name: contacts
    connection: crm
    source: {object: Contact}
    target: event
    identifiers:
      - {type: email, field: Email}
    event:
      name: contact_changed
      timestamp: {field: SystemModstamp}
      parameters:
        - {field: FirstName, name: first_name}
        - {field: LastName, name: last_name}
        - {field: Title, name: title}
        - {field: MailingCity, name: city}
        - {field: LeadSource, name: lead_source}
        - {name: source, value: salesforce}
)";

long peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

double own_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

// utime + stime of another process (the emulator child), from /proc/<pid>/stat; 0 when unknown.
double process_cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(stat.substr(close + 2));
  std::string f;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i)
    if (i == 14 || i == 15) ticks += std::stod(f);  // utime, stime
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double load_average() {
  double load = 0;
  std::ifstream("/proc/loadavg") >> load;
  return load;
}

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return fallback;
}

struct CpuUse {
  double engine = 0, emulator = 0;
};

void report(const char* label, const PullOutcome& o, double seconds, const CpuUse& cpu) {
  std::printf("%-22s %9lld records  %7.2f s  %9.0f records/s  %5lld API calls  peak RSS %ld MB  [%s]\n", label,
              static_cast<long long>(o.counts.read), seconds, o.counts.read / seconds,
              static_cast<long long>(o.counts.api_calls), peak_rss_mb(),
              std::string(execution_status_name(o.status)).c_str());
  std::printf("%-22s stage time: fetch+parse %.2f s, map %.2f s, write %.2f s (a thread each, overlapping)\n", "",
              o.fetch_seconds, o.map_seconds, o.write_seconds);
  std::printf("%-22s stage CPU:  fetch+parse %.2f s, map %.2f s, write %.2f s\n", "", o.fetch_cpu_seconds,
              o.map_cpu_seconds, o.write_cpu_seconds);
  std::printf("%-22s CPU: engine %.2f s (%.0f records per CPU-second), emulator %.2f s; load average %.1f\n", "",
              cpu.engine, cpu.engine > 0 ? o.counts.read / cpu.engine : 0.0, cpu.emulator, load_average());
}

}  // namespace

bool has_flag(int argc, char** argv, const std::string& name) {
  for (int i = 1; i < argc; ++i)
    if (argv[i] == name) return true;
  return false;
}

// The sync the flags ask for: profiles (the default), events or relationships.
const char* sync_yaml(int argc, char** argv) {
  if (has_flag(argc, argv, "--events")) return kEventSync;
  if (has_flag(argc, argv, "--relationships")) return kRelationshipSync;
  return kSync;
}

int main(int argc, char** argv) {
  int64_t n = std::stoll(arg(argc, argv, "--contacts", "1000000"));
  std::string emulator_bin = arg(argc, argv, "--emulator", SFSYNC_EMULATOR_BIN);
  std::string store_path = arg(argc, argv, "--store", "/tmp/sfsync-bench-pull.db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((store_path + suffix).c_str());

  std::printf("bench/pull: %lld Contacts, 20 fields; seeding the emulator...\n", static_cast<long long>(n));
  std::fflush(stdout);
  testing_support::EmulatorProcess emulator(emulator_bin, {"--port", "0", "--seed", "1", "--contacts",
                                                           std::to_string(n), "--accounts", "20000"});
  std::string yaml = "store: {path: " + store_path + "}\nconnections:\n  crm:\n    type: salesforce\n    login_url: " +
                     emulator.url() +
                     "\n    auth: {type: password, client_id: sfsync-emulator-client, client_secret: "
                     "sfsync-emulator-secret, username: integration@example.com, password: emulator-password}\n"
                     "syncs:" + sync_yaml(argc, argv);
  auto config = parse_config(yaml, "bench.yaml");
  if (!config) return std::fprintf(stderr, "%s\n", config.error().message.c_str()), 2;
  // --postgres: the same pull into a PostgreSQL store on a throwaway local server (its CPU is
  // not in the engine's figure: it runs in the server's processes).
  std::unique_ptr<testing_support::TemporaryPostgres> server;
  auto store = [&]() -> Result<std::unique_ptr<CustomerStore>> {
    if (!has_flag(argc, argv, "--postgres")) {
      auto s = SqliteStore::open(store_path);
      if (!s) return s.error();
      return std::unique_ptr<CustomerStore>(std::move(s).value());
    }
    server = std::make_unique<testing_support::TemporaryPostgres>();
    if (!server->ok()) return make_error("postgres", server->why_not());
    auto s = PostgresStore::open(server->url());
    if (!s) return s.error();
    return std::unique_ptr<CustomerStore>(std::move(s).value());
  }();
  if (!store) return std::fprintf(stderr, "%s\n", store.error().message.c_str()), 2;
  auto client = make_salesforce_client(*config->find_connection("crm"), nullptr);
  if (!client) return std::fprintf(stderr, "%s\n", client.error().message.c_str()), 2;
  const SyncConfig& sync = *config->find_sync("contacts");

  // False when the run failed (main returns, so the emulator child is stopped by its destructor).
  auto timed_run = [&](const char* label) {
    auto start = std::chrono::steady_clock::now();
    CpuUse cpu{-own_cpu_seconds(), -process_cpu_seconds(emulator.pid())};
    auto outcome = run_salesforce_pull(sync, **client, **store, PullRequest{});
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    cpu.engine += own_cpu_seconds();
    cpu.emulator += process_cpu_seconds(emulator.pid());
    if (!outcome) {
      std::fprintf(stderr, "%s\n", outcome.error().message.c_str());
      return false;
    }
    report(label, *outcome, secs, cpu);
    return true;
  };
  if (!timed_run("full pull")) return 1;

  // 1% changed: new SystemModstamps on every 100th contact (in a later second than the first run).
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  for (int64_t chunk = 0; chunk < n; chunk += 100000) {
    std::string body = R"({"object":"Contact","ids":[)";
    bool first = true;
    for (int64_t k = chunk + 100; k <= std::min(n, chunk + 100000); k += 100) {
      body += std::string(first ? "" : ",") + "\"" + emu::make_sfid("003", static_cast<uint64_t>(k)) + "\"";
      first = false;
    }
    body += "]}";
    testing_support::http("POST", emulator.url() + "/__admin/stamp", body, {"Content-Type: application/json"});
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  if (!timed_run("incremental, 1% changed")) return 1;
  return 0;
}
