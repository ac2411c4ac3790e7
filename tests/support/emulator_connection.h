// The YAML of a `salesforce` connection named "crm" to an emulator, with its default app and
// user: what every in-process integration test's config starts with.
#pragma once

#include <string>

namespace testing_support {

// "  crm:\n    type: salesforce\n ..." — two-space indented, to follow a `connections:` line.
inline std::string emulator_crm_connection(const std::string& emulator_url) {
  return "  crm:\n"
         "    type: salesforce\n"
         "    login_url: " + emulator_url + "\n"
         "    auth: {type: password, client_id: sfsync-emulator-client, client_secret: sfsync-emulator-secret,\n"
         "           username: integration@example.com, password: emulator-password}\n";
}

}  // namespace testing_support
