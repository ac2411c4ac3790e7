// Everything that configures one emulator instance: command-line flags map 1:1 onto these fields.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace emu {

// Fault injection knobs. Rates use a seeded RNG (reproducible); the *_next counters are one-shots
// for tests. "Data calls" are Salesforce /services/data/... and Marketing Cloud /data/... requests.
struct FaultOptions {
  int latency_ms = 0;                   // added to every data call
  double error_rate = 0;                // fraction of data calls answered with error_status
  int error_status = 503;               // 500 or 503
  double drop_rate = 0;                 // fraction of data calls whose connection drops mid-body
  int expire_tokens_after_calls = 0;    // after N data calls every live access token expires (repeats every N)
  int limit_after_calls = 0;            // REQUEST_LIMIT_EXCEEDED once N data calls were made (0 = off)
  int invalid_locator_after_pages = 0;  // the N-th queryMore answers INVALID_QUERY_LOCATOR (0 = off)
  int slow_body_bytes_per_sec = 0;      // bodies trickle at this rate (0 = off)
  // One-shots: the next N data calls whose path contains `next_path_filter` fail / drop.
  int fail_next = 0;
  int fail_next_status = 503;
  int drop_next = 0;
  int concurrent_limit_next = 0;  // 403 REQUEST_LIMIT_EXCEEDED for too many long requests at once
  std::string next_path_filter;
  // A long-running transaction open since this time (epoch ms; 0 = none): getUpdated/getDeleted
  // answer latestDateCovered no later than its start, as Salesforce does until it completes.
  int64_t long_transaction_since_ms = 0;
  // Salesforce trims a delete log grown past its limit (15,000 entries per license) early: the
  // entries before this time (epoch ms; 0 = none) are gone, and getDeleted's earliestDateAvailable
  // says so.
  int64_t delete_log_trimmed_before_ms = 0;
  // Bulk API 2.0 query jobs start and never finish (until aborted): a job stuck InProgress.
  bool bulk_query_stuck = false;
  // A REST query matching more rows than this runs "too long": 400 QUERY_TIMEOUT (0 = off), as a
  // non-selective query over a big object does in Salesforce.
  int64_t query_timeout_over_rows = 0;
};

// A connected app (Salesforce) or installed package (Marketing Cloud).
struct ClientApp {
  std::string client_id;
  std::string client_secret;
  std::vector<std::string> redirect_uris;
  std::string jwt_certificate_pem;  // X.509 PEM for JWT bearer (RS256); empty = JWT not enabled
  std::string scopes;               // granted scopes, space-separated
  std::string account_id;           // Marketing Cloud MID
  // Refresh token rotation (a connected app setting): each refresh_token grant returns a new
  // refresh token and invalidates the one it spent.
  bool rotate_refresh_tokens = false;
};

struct OrgUser {
  std::string username;
  std::string password;
  std::string user_id;  // "005..."
};

struct EmulatorOptions {
  std::string host = "127.0.0.1";
  int port = 0;                       // 0 = pick a free port
  std::string db_path;                // "" = temporary file removed at exit
  uint64_t seed = 1;
  std::map<std::string, int64_t> counts;  // object API name -> records to generate
  std::string config_path;            // YAML: custom objects/fields, apps, users, data extensions
  std::string fixtures_dir;           // load records from JSON fixture files instead of / besides generating
  int64_t access_token_ttl_s = 7200;  // Salesforce session timeout
  int64_t sfmc_token_ttl_s = 1080;    // Marketing Cloud tokens live 20 minutes (expires_in ~1079)
  int64_t daily_api_limit = 1000000;  // Sforce-Limit-Info api-usage=n/<this>
  int threads = 8;
  FaultOptions faults;
  std::vector<ClientApp> salesforce_apps;  // defaults added when empty (see defaults.h)
  std::vector<ClientApp> sfmc_apps;
  std::vector<OrgUser> users;
  std::string sfmc_subdomain = "mc563885gzs27c5t9-63k636ttgm";  // 28 chars, like real tenants
};

}  // namespace emu
