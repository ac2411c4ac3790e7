// Customer store throughput: prints profile upserts per second (no timing assertion — the
// machine is shared; the figures go to docs/benchmarks.md). SFSYNC_STORE_BENCH_N overrides the
// record count (default 100,000).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "store_test_support.h"

using namespace sfsync;
using namespace sfsync::testing_store;

namespace {

constexpr int kPageSize = 2000;

// A contact-like record: 1 identifier (or 3: email, phone, SF_Contact_ id), 15 attributes of the usual types.
MappedRecord contact(int i, int64_t ts, bool three_identifiers = false) {
  std::string n = std::to_string(i);
  std::string id = "003" + std::string(12 - std::min<size_t>(12, n.size()), '0') + n;
  std::vector<Identifier> ids = {email("user" + n + "@example.com")};
  if (three_identifiers) {
    ids.push_back(Identifier{"phone", "+3361" + std::to_string(10000000 + i)});
    ids.push_back(uuid("SF_Contact_" + id));
  }
  return record(profile(
      src(id, ts), ids,
      {attr("first_name", Value::string("First" + n)), attr("last_name", Value::string("Last" + n)),
       attr("title", Value::string("Engineer")), attr("department", Value::string("R&D")),
       attr("mailing_city", Value::string("City " + std::to_string(i % 100))),
       attr("mailing_country", Value::string("FR")), attr("lead_source", Value::string("Web")),
       attr("phone", Value::string("+3361234" + std::to_string(10000 + i % 90000))),
       attr("has_opted_out", Value::boolean(i % 2 == 0)), attr("score", Value::integer(i % 1000)),
       attr("revenue", Value::decimal(std::to_string(i % 10000) + ".50")),
       attr("birthdate", Value::date(7000 + i % 5000)), attr("created", Value::datetime(1700000000000 + i)),
       attr("last_activity", Value::datetime(1700000000000 + ts)), attr("crm_source", Value::string("salesforce"))}));
}

struct Rate {
  double wall_per_s;
  double cpu_per_s;
};

// Applies n records page by page; only apply_page is timed.
Rate run(CustomerStore& store, int n, int64_t ts, bool emit_hooks, int changed_every = 1, bool three_ids = false) {
  double wall = 0, cpu = 0;
  int applied = 0;
  for (int start = 0; start < n; start += kPageSize) {
    std::vector<MappedRecord> page;
    for (int i = start; i < std::min(n, start + kPageSize); ++i) {
      page.push_back(contact(i, i % changed_every == 0 ? ts : 1, three_ids));
    }
    auto w0 = std::chrono::steady_clock::now();
    std::clock_t c0 = std::clock();
    write_page(store, page, "cp" + std::to_string(start), emit_hooks);
    cpu += static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
    applied += static_cast<int>(page.size());
  }
  return Rate{applied / wall, applied / cpu};
}

void print(const char* what, Rate r) {
  std::printf("[store throughput] %-44s %9.0f records/s wall, %9.0f records/s per CPU second\n", what, r.wall_per_s,
              r.cpu_per_s);
}

}  // namespace

TEST(StoreThroughput, ProfileUpsertsPerSecond) {
  const char* env = std::getenv("SFSYNC_STORE_BENCH_N");
  int n = env ? std::atoi(env) : 100000;
  TempStore store;
  print("first load (new profiles, skip_hook)", run(*store, n, 1, false));
  EXPECT_EQ(counts(*store).profiles, n);
  std::string digest_before = std::to_string(counts(*store).identifiers);
  print("re-read, nothing changed", run(*store, n, 1, false));
  EXPECT_EQ(counts(*store).profiles, n);
  print("update, 1% changed", run(*store, n, 2, false, 100));
  EXPECT_EQ(counts(*store).profiles, n);
  EXPECT_EQ(std::to_string(counts(*store).identifiers), digest_before);

  TempStore three;
  print("first load, 3 identifiers (skip_hook)", run(*three, n, 1, false, 1, true));
  EXPECT_EQ(counts(*three).identifiers, 3 * static_cast<int64_t>(n));

  TempStore hooked;
  print("first load with hooks (outbox rows)", run(*hooked, n, 1, true));
  EXPECT_EQ(static_cast<int>(hooked->pending_outbox(n + 10)->size()), n);
}
