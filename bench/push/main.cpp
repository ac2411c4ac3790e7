// bench/push: reverse ETL of N model rows (SQLite, 8 columns) to Contacts through the emulator:
// the first run (every row sent: Bulk API 2.0 above the threshold), an unchanged rerun (zero data
// calls), then a rerun with 1% of the rows changed (sObject Collections). Prints rows/s, API calls,
// and the engine's peak RSS. With --data-extension the same model is upserted into the emulator's
// Customer_Scores_DE through Marketing Cloud's async rows API instead (4 fields, 1,000 rows a request).
//   bench_push [--rows N] [--emulator PATH] [--dir PATH] [--bulk-threshold N] [--data-extension]
#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "config/config_loader.h"
#include "runner/connections.h"
#include "runner/push_run.h"
#include "sfmc/sfmc_connection.h"
#include "sinks/store/sqlite_store.h"
#include "support/test_http.h"

using namespace sfsync;

namespace {

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

bool exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return true;
  std::fprintf(stderr, "sqlite: %s\n", err ? err : "?");
  sqlite3_free(err);
  return false;
}

bool make_model(const std::string& path, int64_t rows) {
  std::remove(path.c_str());
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return false;
  bool ok = exec(db, "CREATE TABLE customers(customer_key TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, "
                     "email TEXT, title TEXT, city TEXT, country TEXT, score REAL)") &&
            exec(db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < " +
                         std::to_string(rows) +
                         ") INSERT INTO customers SELECT 'K' || i, 'First' || i, 'Last' || i, 'c' || i || "
                         "'@example.org', 'Title ' || (i % 50), 'City ' || (i % 300), 'FR', i % 1000 + 0.5 FROM n");
  sqlite3_close(db);
  return ok;
}

bool change_rows(const std::string& path, int64_t every) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return false;
  bool ok = exec(db, "UPDATE customers SET title = 'Changed' WHERE CAST(substr(customer_key, 2) AS INTEGER) % " +
                         std::to_string(every) + " = 0");
  sqlite3_close(db);
  return ok;
}

void report(const char* label, const PushOutcome& o) {
  std::printf("%-24s %9lld rows  sent %8lld  %7.2f s  %9.0f rows/s  %5lld API calls%s  peak RSS %ld MB  [%s]\n", label,
              static_cast<long long>(o.counts.read), static_cast<long long>(o.counts.written + o.counts.failed),
              o.seconds, o.counts.read / (o.seconds > 0 ? o.seconds : 1e-9), static_cast<long long>(o.counts.api_calls),
              o.bulk ? " (Bulk)" : "", peak_rss_mb(), std::string(execution_status_name(o.status)).c_str());
  if (!o.reason.empty()) std::printf("%-24s %s\n", "", o.reason.c_str());
}

bool flag(int argc, char** argv, const std::string& name) {
  for (int i = 1; i < argc; ++i)
    if (argv[i] == name) return true;
  return false;
}

std::string data_extension_yaml(const std::string& url) {
  return "  mc:\n    type: sfmc\n    subdomain: mc563885gzs27c5t9-63k636ttgm\n    client_id: sfmc-emulator-client\n"
         "    client_secret: sfmc-emulator-secret\n    auth_base_url: " + url + "\n    rest_base_url: " + url + "\n"
         "    scopes: data_extensions_read data_extensions_write offline\n"
         "syncs:\n  - name: contacts\n    kind: push\n    connection: mc\n"
         "    model: {connection: warehouse, sql: \"SELECT customer_key, email, CAST(score AS INTEGER) AS score, "
         "title AS tier FROM customers\"}\n"
         "    destination:\n      data_extension: Customer_Scores_DE\n      mapping:\n"
         "        - {column: customer_key, field: SubscriberKey}\n        - {column: email, field: EmailAddress}\n"
         "        - {column: score, field: Score}\n        - {column: tier, field: Tier}\n";
}

}  // namespace

int main(int argc, char** argv) {
  int64_t n = std::stoll(arg(argc, argv, "--rows", "100000"));
  const bool into_de = flag(argc, argv, "--data-extension");
  std::string emulator_bin = arg(argc, argv, "--emulator", SFSYNC_EMULATOR_BIN);
  std::string dir = arg(argc, argv, "--dir", "/tmp");
  std::string threshold = arg(argc, argv, "--bulk-threshold", "10000");
  std::string store_path = dir + "/sfsync-bench-push.db", model_path = dir + "/sfsync-bench-push-model.db";
  std::string emu_config = dir + "/sfsync-bench-push-emulator.yaml";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((store_path + suffix).c_str());

  std::printf("bench/push: %lld model rows -> %s\n", static_cast<long long>(n),
              into_de ? "Data Extension Customer_Scores_DE (async upsert by its primary key, 4 fields)"
                      : "Contact (upsert on an external id, 8 fields)");
  std::fflush(stdout);
  if (!make_model(model_path, n)) return 2;
  std::ofstream(emu_config) << "custom_fields:\n  Contact:\n"
                               "    - {name: Customer_Key__c, type: string, length: 40, external_id: true}\n"
                               "    - {name: Score__c, type: double, precision: 10, scale: 2}\n";
  testing_support::EmulatorProcess emulator(emulator_bin, {"--port", "0", "--seed", "1", "--config", emu_config});
  std::string yaml =
      "store: {path: " + store_path + "}\nconnections:\n  crm:\n    type: salesforce\n    login_url: " + emulator.url() +
      "\n    auth: {type: password, client_id: sfsync-emulator-client, client_secret: sfsync-emulator-secret, "
      "username: integration@example.com, password: emulator-password}\n"
      "  warehouse: {type: sqlite, path: " + model_path + "}\n";
  if (into_de) yaml += data_extension_yaml(emulator.url());
  else yaml +=
      "syncs:\n  - name: contacts\n    kind: push\n    connection: crm\n"
      "    model: {connection: warehouse, sql: \"SELECT * FROM customers\"}\n"
      "    destination:\n      object: Contact\n      mode: upsert\n      external_id_field: Customer_Key__c\n"
      "      mapping:\n"
      "        - {column: customer_key, field: Customer_Key__c}\n        - {column: first_name, field: FirstName}\n"
      "        - {column: last_name, field: LastName}\n        - {column: email, field: Email}\n"
      "        - {column: title, field: Title}\n        - {column: city, field: MailingCity}\n"
      "        - {column: country, field: MailingCountry}\n        - {column: score, field: Score__c}\n"
      "    options: {bulk_threshold: " + threshold + "}\n";
  auto config = parse_config(yaml, "bench.yaml");
  if (!config) return std::fprintf(stderr, "%s\n", config.error().message.c_str()), 2;
  auto store = SqliteStore::open(store_path);
  if (!store) return std::fprintf(stderr, "%s\n", store.error().message.c_str()), 2;
  auto client = make_salesforce_client(*config->find_connection("crm"), nullptr);
  if (!client) return std::fprintf(stderr, "%s\n", client.error().message.c_str()), 2;
  std::unique_ptr<MarketingCloudClient> mc;
  if (into_de) {
    auto made = make_marketing_cloud_client(*config->find_connection("mc"), nullptr);
    if (!made) return std::fprintf(stderr, "%s\n", made.error().message.c_str()), 2;
    mc = std::move(made.value());
  }
  PushRequest request;
  request.store_path = store_path;

  // False when the run failed (main returns, so the emulator child is stopped by its destructor).
  auto timed_run = [&](const char* label) {
    const SyncConfig& sync = *config->find_sync("contacts");
    auto outcome = mc ? run_data_extension_push(*config, sync, *mc, **store, request)
                      : run_push(*config, sync, **client, **store, request);
    if (!outcome) {
      std::fprintf(stderr, "%s\n", outcome.error().message.c_str());
      return false;
    }
    report(label, *outcome);
    return true;
  };
  if (!timed_run("first run") || !timed_run("unchanged rerun")) return 1;
  if (!change_rows(model_path, 100)) return 2;
  if (!timed_run("rerun, 1% changed")) return 1;
  return 0;
}
