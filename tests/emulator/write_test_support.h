// Shared by the write-path HTTP tests (sobject_api_test, collections_test): an in-process
// emulator whose Contact has an external id and a unique field, and small JSON helpers.
#pragma once

#include <gtest/gtest.h>
#include <simdjson.h>

#include <unistd.h>

#include <deque>
#include <memory>
#include <string>

#include "support/test_http.h"

namespace write_tests {

constexpr const char* kData = "/services/data/v63.0";

// Contact.External_Id__c is an external id that is NOT unique (so an upsert can match several
// records, as on Salesforce); Contact.Unique_Code__c is unique (DUPLICATE_VALUE).
// The config file lives for the whole test binary and is removed at exit.
struct ConfigFile {
  std::string path;
  ~ConfigFile() { if (!path.empty()) unlink(path.c_str()); }
};

inline std::string write_config_file() {
  char path[] = "/tmp/writes_test_config_XXXXXX.yaml";
  int fd = mkstemps(path, 5);
  std::string text =
      "custom_fields:\n"
      "  Contact:\n"
      "    - {name: External_Id__c, type: string, length: 64, external_id: true}\n"
      "    - {name: Unique_Code__c, type: string, length: 20, unique: true}\n"
      "    - {name: Score__c, type: double, precision: 18, scale: 2}\n";
  if (fd >= 0) {
    (void)!write(fd, text.data(), text.size());
    close(fd);
  }
  return path;
}

class WriteApiTest : public ::testing::Test {
 protected:
  static emu::EmulatorOptions options() {
    emu::EmulatorOptions o;
    o.config_path = config_path();
    return o;
  }
  static const std::string& config_path() {
    static const ConfigFile file{write_config_file()};
    return file.path;
  }

  testing_support::InProcessEmulator emu{options()};

  testing_support::HttpResponse get(const std::string& rel) { return emu.get(std::string(kData) + rel); }
  testing_support::HttpResponse send(const std::string& method, const std::string& rel, const std::string& body) {
    return emu.send(method, std::string(kData) + rel, body, {"Content-Type: application/json"});
  }

  emu::OrgStore& store() { return *emu.emulator().context().store; }
  const emu::ObjectSchema& object(const char* name) { return *emu.emulator().context().catalog.find(name); }
  int64_t counter(const std::string& name) {
    auto all = emu.emulator().context().counters.snapshot();
    auto it = all.find(name);
    return it == all.end() ? 0 : it->second;
  }

  // Parses a response body; the document lives as long as the test's parser.
  simdjson::dom::element json(const testing_support::HttpResponse& r) {
    bodies_.push_back(r.body);
    auto doc = parsers_.emplace_back(std::make_unique<simdjson::dom::parser>())->parse(bodies_.back());
    EXPECT_FALSE(doc.error()) << r.body;
    return doc.value_unsafe();
  }

  // POST /sobjects/{type}; returns the new id ("" on failure, with the test failed).
  std::string create(const std::string& type, const std::string& body) {
    auto r = send("POST", "/sobjects/" + type, body);
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return "";
    return std::string(std::string_view(json(r)["id"]));
  }

  // A stored field of a record, read straight from the OrgStore.
  emu::FieldValue stored(const char* type, const std::string& id, const char* field, bool deleted = false) {
    auto rec = store().get(object(type), id, deleted);
    EXPECT_TRUE(rec) << id;
    if (!rec) return {};
    const emu::FieldValue* v = rec->get(field);
    return v ? *v : emu::FieldValue{};
  }

 private:
  std::deque<std::string> bodies_;
  std::deque<std::unique_ptr<simdjson::dom::parser>> parsers_;
};

inline std::string str(simdjson::dom::element e) {
  std::string_view s;
  return e.get(s) == simdjson::SUCCESS ? std::string(s) : std::string("<not a string>");
}

}  // namespace write_tests
