// SmallOrg: one `sfsync-emulator` child process with a small seeded org, shared by the tests of a
// suite (SetUpTestSuite/TearDownTestSuite), plus the sync definitions those tests build on.
#pragma once

#include <memory>
#include <string>

#include "support/test_http.h"

namespace e2e {

class SmallOrg {
 public:
  // Starts the emulator (seed 5: 40 accounts, 600 contacts, 200 cases).
  static void start();
  static void stop();
  static const std::string& url();

 private:
  static std::unique_ptr<testing_support::EmulatorProcess> process_;
};

// Contacts -> profiles (email + SF_Contact_{{Id}}), a few attributes.
extern const char* const kContactSync;
// Cases -> events of the case's contact, timestamped by LastModifiedDate.
extern const char* const kCaseEventSync;

}  // namespace e2e
