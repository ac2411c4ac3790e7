// Shared fixture of the push (reverse ETL) tests: an emulator with a small seeded org, a SQLite
// model database the test fills, a customer store, and helpers to run a push and read the org back.
#pragma once

#include <gtest/gtest.h>
#include <simdjson.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config_loader.h"
#include "runner/connections.h"
#include "runner/push_run.h"
#include "sinks/store/sqlite_store.h"
#include "support/emulator_connection.h"
#include "support/test_http.h"

namespace push_test {

using namespace sfsync;
using testing_support::http;
using testing_support::InProcessEmulator;

using Row = std::map<std::string, std::string>;

inline std::string emulator_config_yaml() {
  return "custom_fields:\n"
         "  Contact:\n"
         "    - {name: Customer_Key__c, type: string, length: 40, external_id: true, unique: true}\n"
         "    - {name: Score__c, type: double, precision: 10, scale: 2}\n"
         "  Account:\n"
         "    - {name: Account_Key__c, type: string, length: 40, external_id: true}\n";
}

class PushFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    prefix_ = "/tmp/sfsync-push-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::ofstream(prefix_ + "-emu.yaml") << emulator_config_yaml();
    std::remove(model_path().c_str());
    fresh_org_and_store();
    model_sql("CREATE TABLE customers(customer_key TEXT, first_name TEXT, last_name TEXT, email TEXT, score REAL)");
  }
  void TearDown() override {
    store_.reset();
    for (const char* f : {"-store.db", "-store.db-wal", "-store.db-shm", "-model.db", "-emu.yaml", ".yaml", ".csv"})
      std::remove((prefix_ + f).c_str());
  }

  // A new emulator (same seed: the same org) and an empty customer store; the model is kept.
  void fresh_org_and_store() {
    store_.reset();
    emulator_.reset();
    for (const char* f : {"-store.db", "-store.db-wal", "-store.db-shm"}) std::remove((prefix_ + f).c_str());
    emu::EmulatorOptions o;
    o.seed = 5;
    o.counts = {{"Account", 5}, {"Contact", 20}, {"Lead", 5}, {"Campaign", 2}};
    o.config_path = prefix_ + "-emu.yaml";
    emulator_ = std::make_unique<InProcessEmulator>(o);
    auto store = SqliteStore::open(store_path());
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store.value());
  }

  std::string store_path() const { return prefix_ + "-store.db"; }
  std::string model_path() const { return prefix_ + "-model.db"; }

  void model_sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(model_path().c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }
  void add_customers(int from, int to) {
    for (int i = from; i < to; ++i)
      model_sql("INSERT INTO customers VALUES ('K" + std::to_string(i) + "', 'First" + std::to_string(i) + "', 'Last" +
                std::to_string(i) + "', 'c" + std::to_string(i) + "@example.org', " + std::to_string(i) + ".5)");
  }

  std::string config_yaml(const std::string& syncs) const {
    return "store: {path: " + store_path() + "}\n"
           "connections:\n" +
           testing_support::emulator_crm_connection(emulator_->url()) +
           "  warehouse: {type: sqlite, path: " + model_path() + "}\n"
           "  files: {type: csv, path: " + prefix_ + ".csv}\n"
           "  pg: {type: postgres, url: \"postgresql://nobody@127.0.0.1:1/none\"}\n"
           "syncs:\n" + syncs;
  }

  Result<PushOutcome> push(const std::string& syncs, const std::string& name, bool full = false, bool dry_run = false) {
    auto config = parse_config(config_yaml(syncs), "test.yaml");
    if (!config) return config.error();
    const SyncConfig* sync = config->find_sync(name);
    if (!sync) return make_error("test", "no sync " + name);
    auto client = make_salesforce_client(*config->find_connection("crm"), store_.get());
    if (!client) return client.error();
    PushRequest request;
    request.full = full;
    request.dry_run = dry_run;
    request.store_path = store_path();
    return run_push(*config, *sync, **client, *store_, request);
  }

  // SOQL through the emulator's query API: each record's fields as text ("" for null).
  std::vector<Row> query(const std::string& soql) {
    auto r = emulator_->get("/services/data/v63.0/query?q=" + testing_support::url_encode(soql));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<Row> rows;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(r.body).get(doc)) return rows;
    for (simdjson::dom::object rec : doc["records"].get_array()) {
      Row row;
      for (auto field : rec) {
        if (field.key == "attributes") continue;
        auto v = field.value;
        std::string text;
        if (v.is_string()) text = std::string(std::string_view(v));
        else if (!v.is_null()) text = simdjson::minify(v);
        row[std::string(field.key)] = text;
      }
      rows.push_back(row);
    }
    return rows;
  }

  // Write calls (Collections + Bulk ingest) the emulator served since the last reset.
  int64_t write_calls() {
    auto r = http("GET", emulator_->url() + "/__admin/counters");
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(r.body).get(doc)) return -1;
    int64_t n = 0;
    simdjson::dom::object endpoints;
    if (doc["endpoints"].get(endpoints)) return 0;
    for (auto e : endpoints) {
      std::string_view k = e.key;
      if (k.rfind("collections", 0) == 0 || k.rfind("bulk_ingest", 0) == 0) n += int64_t(e.value);
    }
    return n;
  }

  std::string prefix_;
  std::unique_ptr<InProcessEmulator> emulator_;
  std::unique_ptr<SqliteStore> store_;
};

// Contact upsert on the external id Customer_Key__c, from the SQLite model.
inline std::string contact_sync(const std::string& name = "contacts", const std::string& mode = "upsert",
                                const std::string& options = "") {
  return "  - name: " + name + "\n"
         "    kind: push\n"
         "    connection: crm\n"
         "    model: {connection: warehouse, sql: \"SELECT * FROM customers ORDER BY customer_key\"}\n"
         "    destination:\n"
         "      object: Contact\n"
         "      mode: " + mode + "\n"
         "      external_id_field: Customer_Key__c\n"
         "      mapping:\n"
         "        - {column: customer_key, field: Customer_Key__c}\n"
         "        - {column: first_name, field: FirstName}\n"
         "        - {column: last_name, field: LastName}\n"
         "        - {column: email, field: Email}\n"
         "        - {column: score, field: Score__c}\n"
         "        - {field: LeadSource, value: Warehouse}\n" + options;
}

}  // namespace push_test
