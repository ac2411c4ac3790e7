// The sfsync binary on a Data Extension sync: check, discover, preview, sync (dispatch to the DE
// run), runs. Exit codes: 0 ok, 2 bad input.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "de_support.h"

using namespace de_test;

namespace {

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CliResult sfsync_cli(const std::string& config_path, const std::string& args) {
  std::string command = std::string(SFSYNC_CLI_BIN) + " -c " + config_path + " " + args + " 2>&1";
  CliResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  while (size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) r.output.append(buf.data(), n);
  int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_F(DeRunTest, CliRunsADataExtensionSyncEndToEnd) {
  const std::string config_path = store_path_ + ".yaml";
  const std::string cli_store = store_path_ + ".cli.db";
  {
    std::string yaml = de_config_yaml(emulator_->url(), subscriber_sync("{data_extension_key: Subscribers_DE}"));
    yaml.replace(0, yaml.find('\n'), "store: {path: " + cli_store + "}");
    std::ofstream(config_path) << yaml;
  }
  auto check = sfsync_cli(config_path, "check");
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_NE(check.output.find("ok    sync subscribers (Data Extension Subscribers_DE"), std::string::npos) << check.output;

  auto columns = sfsync_cli(config_path, "discover Subscribers_DE --connection mc");
  EXPECT_EQ(columns.exit_code, 0) << columns.output;
  EXPECT_NE(columns.output.find("SubscriberKey"), std::string::npos) << columns.output;
  EXPECT_NE(columns.output.find("primary-key"), std::string::npos) << columns.output;

  auto preview = sfsync_cli(config_path, "preview subscribers -n 1");
  EXPECT_EQ(preview.exit_code, 0) << preview.output;
  EXPECT_NE(preview.output.find("\"subscriber_key\":\"SUB-"), std::string::npos) << preview.output;

  auto sync = sfsync_cli(config_path, "sync subscribers");
  EXPECT_EQ(sync.exit_code, 0) << sync.output;
  EXPECT_NE(sync.output.find("read 600"), std::string::npos) << sync.output;

  auto unknown = sfsync_cli(config_path, "discover Nope_DE --connection mc");
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;

  for (const char* suffix : {"", "-wal", "-shm", ".key"}) std::remove((cli_store + suffix).c_str());
  std::remove(config_path.c_str());
}
