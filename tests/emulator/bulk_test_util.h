// Helpers shared by the Bulk API 2.0 tests: an emulator whose org has external-id fields, job
// polling, and reading JSON members and CSV bodies.
#pragma once

#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "emulator/bulk/csv.h"
#include "support/test_http.h"

namespace bulk_test {

inline const std::string kData = "/services/data/v63.0";
inline const std::vector<std::string> kJson = {"Content-Type: application/json"};
inline const std::vector<std::string> kCsv = {"Content-Type: text/csv"};

// Account.Ext_Id__c and Contact.Ext_Id__c: external ids for upserts and relationship columns.
inline emu::EmulatorOptions options_with_external_ids() {
  static const std::string path = [] {
    std::string p = testing::TempDir() + "bulk_test_config.yaml";
    std::ofstream(p) << "custom_fields:\n"
                        "  Account:\n"
                        "    - {name: Ext_Id__c, type: string, length: 64, external_id: true, unique: true}\n"
                        "  Contact:\n"
                        "    - {name: Ext_Id__c, type: string, length: 64, external_id: true, unique: true}\n";
    return p;
  }();
  emu::EmulatorOptions options;
  options.config_path = path;
  return options;
}

// A string member of a JSON object body ("" when absent or not a string).
inline std::string json_string(const std::string& body, const char* key) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view v;
  if (parser.parse(body).get(doc) || doc[key].get(v)) return "";
  return std::string(v);
}

inline int64_t json_int(const std::string& body, const char* key) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  int64_t v = -1;
  if (parser.parse(body).get(doc) || doc[key].get(v)) return -1;
  return v;
}

// Keys of a JSON object body, in order.
inline std::vector<std::string> json_keys(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  std::vector<std::string> keys;
  if (parser.parse(body).get(obj)) return keys;
  for (auto field : obj) keys.emplace_back(field.key);
  return keys;
}

// All rows of a CSV body (header first).
inline std::vector<std::vector<std::string>> csv_rows(const std::string& body) {
  emu::csv::Reader reader(body);
  emu::csv::Row row;
  std::vector<std::vector<std::string>> rows;
  while (reader.next(row)) rows.push_back(row.fields);
  EXPECT_EQ(reader.error(), "");
  return rows;
}

// Polls GET `job_path` until the state is final; returns the last job info body.
inline std::string wait_final(testing_support::InProcessEmulator& emu, const std::string& job_path) {
  std::string body;
  for (int i = 0; i < 1000; ++i) {
    auto r = emu.get(job_path);
    EXPECT_EQ(r.status, 200) << r.body;
    body = r.body;
    const std::string state = json_string(body, "state");
    if (state == "JobComplete" || state == "Failed" || state == "Aborted") return body;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "job never finished: " << body;
  return body;
}

}  // namespace bulk_test
