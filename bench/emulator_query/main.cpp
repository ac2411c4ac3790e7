// Benchmark: serve every REST query page of N Contacts (20 fields) and report the emulator's CPU.
//
//   emulator_query [N=1000000] [incremental]
//
// With "incremental" the query has the sync engine's shape: a (SystemModstamp, Id) keyset filter
// with an upper bound, ordered by SystemModstamp, Id.
//
// Starts the emulator in this process with N generated Contacts (the org generator: one
// transaction of prepared inserts straight into the OrgStore), then pulls all pages of a 20-field
// SELECT over HTTP with libcurl (one connection reused, default 2,000-record pages).
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

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

char* escape(CURL* curl, const std::string& s) { return curl_easy_escape(curl, s.c_str(), static_cast<int>(s.size())); }

}  // namespace

int main(int argc, char** argv) {
  int64_t n = argc > 1 ? std::atoll(argv[1]) : 1000000;
  emu::EmulatorOptions options;
  options.counts["Contact"] = n;
  emu::Emulator emulator(options);
  auto seed_start = std::chrono::steady_clock::now();
  auto url = emulator.start();
  if (!url.ok()) {
    std::fprintf(stderr, "start: %s\n", url.error().message.c_str());
    return 1;
  }
  double seed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - seed_start).count();
  emu::ApiContext& ctx = emulator.context();
  std::string token = ctx.tokens->issue_access(emu::TokenRealm::Salesforce, emu::Defaults::kClientId,
                                               ctx.store->default_user_id(), "api full", "", sfsync::now_ms()).token;

  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL* curl = curl_easy_init();
  curl_slist* headers = curl_slist_append(nullptr, ("Authorization: Bearer " + token).c_str());
  std::string body;
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  std::string soql = std::string("SELECT ") + kFields + " FROM Contact";
  if (argc > 2 && std::string(argv[2]) == "incremental") {
    soql += " WHERE (SystemModstamp > 2000-01-01T00:00:00.000Z OR (SystemModstamp = 2000-01-01T00:00:00.000Z AND "
            "Id > '003000000000000AAA')) AND SystemModstamp <= 2100-01-01T00:00:00.000Z "
            "ORDER BY SystemModstamp ASC, Id ASC";
  }
  char* q = escape(curl, soql);
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

  std::printf("contacts seeded   %lld (start with generator %.1f s)\n", static_cast<long long>(n), seed_s);
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
