// Benchmark: serve every REST query page of N Contacts (20 fields) and report the emulator's CPU.
//
//   emulator_query [N=1000000]
//
// Seeds N Contacts straight into the OrgStore (one transaction, one prepared INSERT), starts the
// emulator in this process, and pulls all pages of a 20-field SELECT over HTTP with libcurl (one
// connection reused, default 2,000-record pages).
//
// CPU accounting: the client runs on the main thread and the server on the emulator's threads, so
//   server CPU = process CPU (getrusage RUSAGE_SELF, user+sys) - client thread CPU
//                (clock_gettime CLOCK_THREAD_CPUTIME_ID on the main thread)
// measured across the paging loop only. The client's own work (curl receive, simdjson parse to
// count records and find nextRecordsUrl) is thereby excluded, and no second process is needed.
#include <curl/curl.h>
#include <simdjson.h>
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/time_util.h"
#include "emulator/org/sfid.h"
#include "emulator/server/emulator.h"

namespace {

constexpr const char* kFields =
    "Id, FirstName, LastName, Email, Phone, MobilePhone, Title, Department, MailingStreet, MailingCity, "
    "MailingState, MailingPostalCode, MailingCountry, Birthdate, LeadSource, HasOptedOutOfEmail, OwnerId, "
    "CreatedDate, LastModifiedDate, SystemModstamp";

double process_cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

bool check(int rc, sqlite3* db, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
  std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
  return false;
}

// N Contacts with realistic-length values in the columns the query reads.
bool seed_contacts(emu::OrgStore& store, int64_t n) {
  std::lock_guard lock(store.writer_mutex());
  sqlite3* db = store.writer_db();
  const char* sql =
      "INSERT INTO \"sobj_Contact\" (Id, IsDeleted, FirstName, LastName, Email, Phone, MobilePhone, Title, "
      "Department, MailingStreet, MailingCity, MailingState, MailingPostalCode, MailingCountry, Birthdate, "
      "LeadSource, HasOptedOutOfEmail, OwnerId, CreatedById, LastModifiedById, CreatedDate, LastModifiedDate, "
      "SystemModstamp) VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, "
      "?17, ?18, ?18, ?18)";
  sqlite3_stmt* stmt = nullptr;
  if (!check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin")) return false;
  if (!check(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), db, "prepare")) return false;
  static const char* kFirst[] = {"Anna", "Bruno", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro"};
  static const char* kLast[] = {"Smith", "Müller", "Dupont", "Rossi", "Tanaka", "García", "Kowalski", "O'Neil"};
  static const char* kCity[] = {"Paris", "Berlin", "New York", "São Paulo", "Tokyo", "Madrid"};
  const std::string owner = store.default_user_id();
  int64_t base_ms = 1704164645000;
  char buf[10][64];
  for (int64_t i = 0; i < n; ++i) {
    std::string id = emu::make_sfid("003", static_cast<uint64_t>(i + 1));
    const char* first = kFirst[i % 8];
    const char* last = kLast[(i / 8) % 8];
    std::snprintf(buf[0], 64, "%s.%s%lld@example.com", first, last, static_cast<long long>(i));
    std::snprintf(buf[1], 64, "+1 415 555 %04lld", static_cast<long long>(i % 10000));
    std::snprintf(buf[2], 64, "+33 6 12 34 %02lld %02lld", static_cast<long long>(i % 100), static_cast<long long>(i / 100 % 100));
    std::snprintf(buf[3], 64, "%lld Market Street", static_cast<long long>(i % 9000 + 1));
    std::snprintf(buf[4], 64, "%05lld", static_cast<long long>(i % 99999));
    std::snprintf(buf[5], 64, "19%02lld-%02lld-%02lld", static_cast<long long>(50 + i % 50),
                  static_cast<long long>(1 + i % 12), static_cast<long long>(1 + i % 28));
    sqlite3_bind_text(stmt, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, last, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, buf[0], -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 5, buf[1], -1, SQLITE_TRANSIENT);
    if (i % 3) sqlite3_bind_text(stmt, 6, buf[2], -1, SQLITE_TRANSIENT); else sqlite3_bind_null(stmt, 6);
    sqlite3_bind_text(stmt, 7, i % 2 ? "VP Sales" : "Engineer", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 8, i % 2 ? "Sales" : "R&D", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 9, buf[3], -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 10, kCity[i % 6], -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 11, "CA", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 12, buf[4], -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 13, "US", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 14, buf[5], -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 15, "Web", -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 16, static_cast<int>(i % 7 == 0));
    sqlite3_bind_text(stmt, 17, owner.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 18, base_ms + i * 1000);
    if (!check(sqlite3_step(stmt), db, "insert")) return false;
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
  return check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
}

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

char* escape(CURL* curl, const std::string& s) { return curl_easy_escape(curl, s.c_str(), static_cast<int>(s.size())); }

}  // namespace

int main(int argc, char** argv) {
  int64_t n = argc > 1 ? std::atoll(argv[1]) : 1000000;
  emu::EmulatorOptions options;
  emu::Emulator emulator(options);
  auto url = emulator.start();
  if (!url.ok()) {
    std::fprintf(stderr, "start: %s\n", url.error().message.c_str());
    return 1;
  }
  emu::ApiContext& ctx = emulator.context();
  auto seed_start = std::chrono::steady_clock::now();
  if (!seed_contacts(*ctx.store, n)) return 1;
  double seed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - seed_start).count();
  std::string token = ctx.tokens->issue_access(emu::TokenRealm::Salesforce, emu::Defaults::kClientId,
                                               ctx.store->default_user_id(), "api full", "", sfsync::now_ms()).token;

  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL* curl = curl_easy_init();
  curl_slist* headers = curl_slist_append(nullptr, ("Authorization: Bearer " + token).c_str());
  std::string body;
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  char* q = escape(curl, std::string("SELECT ") + kFields + " FROM Contact");
  std::string next = std::string("/services/data/v63.0/query?q=") + q;
  curl_free(q);

  simdjson::dom::parser parser;
  int64_t pages = 0, records = 0, total = -1, bytes = 0;
  double cpu0 = process_cpu_s(), client0 = thread_cpu_s();
  auto wall0 = std::chrono::steady_clock::now();
  while (!next.empty()) {
    body.clear();
    curl_easy_setopt(curl, CURLOPT_URL, (url.value() + next).c_str());
    long status = 0;
    if (curl_easy_perform(curl) != CURLE_OK || (curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status), status != 200)) {
      std::fprintf(stderr, "page %lld failed (HTTP %ld): %.300s\n", static_cast<long long>(pages), status, body.c_str());
      return 1;
    }
    bytes += static_cast<int64_t>(body.size());
    simdjson::dom::element doc = parser.parse(body);
    total = int64_t(doc["totalSize"]);
    records += static_cast<int64_t>(doc["records"].get_array().size());
    ++pages;
    auto link = doc["nextRecordsUrl"];
    next = link.error() ? "" : std::string(std::string_view(link));
  }
  double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  double process_s = process_cpu_s() - cpu0, client_s = thread_cpu_s() - client0;

  std::printf("contacts seeded   %lld (%.1f s)\n", static_cast<long long>(n), seed_s);
  std::printf("pages             %lld\n", static_cast<long long>(pages));
  std::printf("records           %lld (totalSize %lld)\n", static_cast<long long>(records), static_cast<long long>(total));
  std::printf("bytes             %.1f MB\n", static_cast<double>(bytes) / 1e6);
  std::printf("wall seconds      %.2f\n", wall_s);
  std::printf("client CPU s      %.2f\n", client_s);
  std::printf("server CPU s      %.2f\n", process_s - client_s);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  curl_global_cleanup();
  emulator.stop();
  return records == n ? 0 : 1;
}
