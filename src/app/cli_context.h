// CliContext: what every sfsync command needs — the loaded config, the store, API clients —
// created on first use, with the exit-code conventions in one place.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "salesforce/salesforce_client.h"
#include "sfmc/marketing_cloud_client.h"
#include "sinks/store/customer_store.h"

namespace sfsync {

enum ExitCode { kExitOk = 0, kExitRunFailed = 1, kExitBadInput = 2 };

class CliContext {
 public:
  explicit CliContext(std::string config_path) : config_path_(std::move(config_path)) {}

  // Loads and validates the config; on error prints one line and returns nullptr.
  const Config* config();
  // Reads the config file again (the daemon on SIGHUP). On error, or when the store path changed
  // (the open store stays), prints one line and keeps the config it had: false. Clients made
  // from the old connections are dropped; pointers into the old config become invalid.
  bool reload_config();
  // Opens the customer store named by the config (secrets key: SFSYNC_SECRET_KEY[_FILE], or a
  // key file beside the store created on first use).
  CustomerStore* store();
  SalesforceClient* salesforce(const std::string& connection);
  // The named connection; prints the error and returns nullptr when the config has none.
  const Connection* connection(const std::string& name);
  MarketingCloudClient* marketing_cloud(const std::string& connection);
  // Resolves sync names ("" = all pull syncs); prints the unknown one and returns false.
  bool select_syncs(const std::vector<std::string>& names, std::vector<const SyncConfig*>& out);

  // Removes the store (and its key file) when this process created it and it holds no run and no
  // data: called when a command ends with bad input, which leaves no trace — not even an empty
  // store (a query Salesforce refuses is found only after the store was opened).
  void discard_store_if_unused();

  // One-line error on stderr, "sfsync: <message>".
  static void print_error(const Error& e);
  static int exit_code_for(const Error& e);

 private:
  std::string config_path_;
  std::optional<Config> config_;
  Result<std::unique_ptr<CustomerStore>> open_sqlite_store(const Config& c);  // notes the files it creates
  std::unique_ptr<CustomerStore> store_;
  std::vector<std::string> created_files_;  // by store(): the store, its key file
  std::map<std::string, std::unique_ptr<SalesforceClient>> clients_;
  std::map<std::string, std::unique_ptr<MarketingCloudClient>> mc_clients_;
};

}  // namespace sfsync
