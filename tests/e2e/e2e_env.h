// What every end-to-end test needs: a scratch folder, the two real binaries, a config file that
// points at an emulator, `sfsync` runs, and read-only looks into the store they write.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "e2e/child_process.h"

namespace e2e {

const char* const kSfsyncBin = SFSYNC_CLI_BIN;
const char* const kEmulatorBin = SFSYNC_EMULATOR_BIN;

// The emulator's default connected app and user (docs/emulator.md).
const char* const kClientId = "sfsync-emulator-client";
const char* const kClientSecret = "sfsync-emulator-secret";
const char* const kUsername = "integration@example.com";
const char* const kPassword = "emulator-password";

// A fresh folder under /tmp, removed with everything in it by the destructor.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  // Writes `text` to file(name) and returns that path.
  std::string write(const std::string& name, const std::string& text) const;

 private:
  std::string path_;
};

// `connections:` with one Salesforce connection "crm" (password grant, the emulator's default app).
std::string password_connection(const std::string& emulator_url);

// A whole config: store path, the connections block and the `syncs:` list items.
std::string config_yaml(const std::string& store_path, const std::string& connections, const std::string& syncs,
                        const std::string& store_options = "");

// Runs `sfsync -c CONFIG ARGS...` in `dir` to its end. The environment is cleaned of variables that
// would change what sfsync reads (SFSYNC_CONFIG, SFSYNC_SECRET_KEY[_FILE]).
CliResult run_sfsync(const ScratchDir& dir, const std::string& config_path, const std::vector<std::string>& args);
std::map<std::string, std::string> clean_env();
std::vector<std::string> with_config(const std::string& config_path, const std::vector<std::string>& args);

// Read-only looks at a store file (nullopt / -1 / "" when it is absent or not a store).
bool file_exists(const std::string& path);
std::optional<std::string> file_bytes(const std::string& path);
int64_t count_rows(const std::string& store_path, const std::string& sql);
// The first column of the first row of `sql` as text ("" when none).
std::string query_text(const std::string& store_path, const std::string& sql);
// Runs a statement that writes (a test standing in for someone editing the store); true when it ran.
bool exec_sql(const std::string& store_path, const std::string& sql);
// The store's order-independent content (SqliteStore::canonical_dump).
std::string canonical_dump(const std::string& store_path);
std::string postgres_canonical_dump(const std::string& url);  // the same of a PostgreSQL store
// First line where two dumps differ, for a readable failure message.
std::string first_difference(const std::string& a, const std::string& b);

// How many lines of `text` are not empty.
int line_count(const std::string& text);

// A parsed row of `sfsync runs` (status column and reason).
struct RunRow {
  int64_t id = 0;
  std::string sync, status, reason;
};
std::vector<RunRow> parse_runs(const std::string& runs_stdout);

// A free TCP port on 127.0.0.1 at the time of the call.
int free_port();

}  // namespace e2e
