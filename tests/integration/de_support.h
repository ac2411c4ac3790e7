// Shared fixture of the Data Extension integration tests: an in-process emulator (real HTTP),
// a fresh SQLite store, and a config with one sfmc connection.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "config/config_loader.h"
#include "runner/de_pull_run.h"
#include "sfmc/sfmc_connection.h"
#include "sinks/store/secret_cipher.h"
#include "sinks/store/sqlite_store.h"
#include "support/test_http.h"

namespace de_test {

using namespace sfsync;

inline std::string de_config_yaml(const std::string& url, const std::string& syncs,
                                  const std::string& client_id = "sfmc-emulator-client",
                                  const std::string& connection_extra = "") {
  return "store: {path: unused.db}\n"
         "connections:\n"
         "  mc:\n"
         "    type: sfmc\n"
         "    subdomain: mc563885gzs27c5t9-63k636ttgm\n"
         "    client_id: " + client_id + "\n"
         "    client_secret: sfmc-emulator-secret\n"
         "    auth_base_url: " + url + "\n"
         "    rest_base_url: " + url + "\n" + connection_extra +
         "syncs:\n" + syncs;
}

// A subscribers sync keyed by SubscriberKey (one profile per row); `source` is the YAML flow map.
inline std::string subscriber_sync(const std::string& source, const std::string& extra = "") {
  return "  - name: subscribers\n"
         "    connection: mc\n"
         "    source: " + source + "\n"
         "    identifiers:\n"
         "      - {type: subscriber_key, field: SubscriberKey}\n"
         "    attributes:\n"
         "      - {field: FirstName, name: first_name}\n"
         "      - {field: Points, name: points, type: number}\n"
         "    fixed: {crm_source: marketing_cloud}\n" + extra;
}

// The `subscribers` sync pointed at another DE (Preferences_DE, 300 rows), full passes.
inline std::string preferences_sync() {
  return "  - name: subscribers\n"
         "    connection: mc\n"
         "    source: {data_extension_key: Preferences_DE, page_size: 100}\n"
         "    fetch_mode: full\n"
         "    identifiers:\n"
         "      - {type: subscriber_key, field: SubscriberKey}\n"
         "    attributes:\n"
         "      - {field: PreferredChannel, name: channel}\n";
}

class DeRunTest : public ::testing::Test {
 protected:
  void start(int64_t subscribers = 600) {
    emu::EmulatorOptions o;
    o.seed = 11;
    o.counts = {{"Subscribers_DE", subscribers}};
    emulator_ = std::make_unique<testing_support::InProcessEmulator>(o);
    store_path_ = "/tmp/sfsync-de-test-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::remove(store_path_.c_str());
    SqliteStore::Options options;  // with a key: refresh tokens are kept encrypted
    auto cipher = AesGcmCipher::from_hex(std::string(64, '7'));
    ASSERT_TRUE(cipher.ok());
    options.cipher = std::shared_ptr<const SecretCipher>(std::move(cipher.value()));
    auto store = SqliteStore::open(store_path_, options);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store.value());
  }
  void SetUp() override { start(); }
  void TearDown() override {
    store_.reset();
    emulator_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((store_path_ + suffix).c_str());
  }

  Result<Config> config(const std::string& syncs, const std::string& client_id = "sfmc-emulator-client") {
    return parse_config(de_config_yaml(emulator_->url(), syncs, client_id, connection_extra_), "test.yaml");
  }

  // One run of sync `name` with a fresh client (like one CLI invocation).
  Result<PullOutcome> run(const std::string& syncs, const std::string& name = "subscribers", bool full = false,
                          const std::string& client_id = "sfmc-emulator-client") {
    auto c = config(syncs, client_id);
    if (!c) return c.error();
    const SyncConfig* sync = c->find_sync(name);
    if (!sync) return make_error("test", "no sync " + name);
    auto client = make_marketing_cloud_client(*c->find_connection("mc"), store_.get());
    if (!client) return client.error();
    PullRequest request;
    request.full = full;
    return run_data_extension_pull(*sync, **client, *store_, request);
  }

  int64_t profiles() {
    auto counts = store_->counts();
    EXPECT_TRUE(counts.ok());
    return counts ? counts->profiles : -1;
  }

  testing_support::HttpResponse admin(const std::string& method, const std::string& path, const std::string& body) {
    return testing_support::http(method, emulator_->url() + path, body, {"Content-Type: application/json"});
  }

  std::unique_ptr<testing_support::InProcessEmulator> emulator_;
  std::string connection_extra_;  // more keys of the `mc` connection ("    utc_offset: ...\n")
  std::string store_path_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace de_test
