// Shared helpers for the config_* and mapping_* unit tests: a config text with known connections,
// a fake environment, and the line number of a piece of text (to check error locations).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "config/config_loader.h"

namespace sfsync::testing {

inline EnvLookup fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

inline EnvLookup default_env() {
  return fake_env({{"SF_SECRET", "s3cr3t-value"}, {"SF_REFRESH", "5Aep861-refresh"}, {"MC_SECRET", "mc-secret-value"}});
}

// Connections every test config can use: crm (salesforce), mc (sfmc), warehouse (sqlite).
inline const std::string kConnections = R"(connections:
  crm:
    type: salesforce
    login_url: https://acme.my.salesforce.com
    auth:
      type: refresh_token
      client_id: sf-client
      client_secret: ${SF_SECRET}
      refresh_token: ${SF_REFRESH}
  mc:
    type: sfmc
    subdomain: mc563885gzs27c5t9-63k636ttgm
    client_id: mc-client
    client_secret: ${MC_SECRET}
  warehouse:
    type: sqlite
    path: ./warehouse.db
)";

inline std::string with_syncs(const std::string& syncs) { return kConnections + "syncs:\n" + syncs; }

inline Result<Config> parse(const std::string& yaml, const EnvLookup& env = default_env()) {
  return parse_config(yaml, "sfsync.yaml", env);
}

// The one-line error of a config that must fail ("" and a test failure when it loads).
inline std::string error_of(const std::string& yaml, const EnvLookup& env = default_env()) {
  auto r = parse(yaml, env);
  EXPECT_FALSE(r.ok()) << "config unexpectedly valid:\n" << yaml;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().code, "bad_config");
  EXPECT_EQ(r.error().message.find('\n'), std::string::npos) << "not one line: " << r.error().message;
  return r.error().message;
}

// 1-based number of the first line containing `needle`.
inline int line_of(const std::string& text, const std::string& needle) {
  size_t pos = text.find(needle);
  EXPECT_NE(pos, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

inline std::string at_line(const std::string& text, const std::string& needle) {
  return "sfsync.yaml:" + std::to_string(line_of(text, needle)) + ": ";
}

// A minimal valid contacts sync; `extra` lines are appended inside it (indent 4).
inline std::string contacts_sync(const std::string& extra = "", const std::string& identifiers =
                                     "    identifiers:\n      - {type: email, field: Email}\n") {
  return with_syncs("  - name: contacts\n    connection: crm\n    source: {object: Contact}\n" + identifiers + extra);
}

}  // namespace sfsync::testing
