#include "e2e/e2e_env.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sinks/store/postgres_store.h"
#include "sinks/store/sqlite_store.h"

namespace e2e {

ScratchDir::ScratchDir() {
  std::string templ = "/tmp/sfsync-e2e-XXXXXX";
  if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  path_ = templ;
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string ScratchDir::write(const std::string& name, const std::string& text) const {
  std::string p = file(name);
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::string password_connection(const std::string& emulator_url) {
  return std::string("connections:\n"
                     "  crm:\n"
                     "    type: salesforce\n"
                     "    login_url: ") + emulator_url + "\n" +
         "    auth: {type: password, client_id: " + kClientId + ", client_secret: " + kClientSecret +
         ",\n           username: " + kUsername + ", password: " + kPassword + "}\n";
}

std::string config_yaml(const std::string& store_path, const std::string& connections, const std::string& syncs,
                        const std::string& store_options) {
  std::string store = "store: {path: " + store_path + (store_options.empty() ? "" : ", " + store_options) + "}\n";
  return store + connections + "syncs:\n" + syncs;
}

std::map<std::string, std::string> clean_env() {
  return {{"SFSYNC_CONFIG", ""}, {"SFSYNC_SECRET_KEY", ""}, {"SFSYNC_SECRET_KEY_FILE", ""}};
}

std::vector<std::string> with_config(const std::string& config_path, const std::vector<std::string>& args) {
  std::vector<std::string> all{"-c", config_path};
  all.insert(all.end(), args.begin(), args.end());
  return all;
}

CliResult run_sfsync(const ScratchDir& dir, const std::string& config_path, const std::vector<std::string>& args) {
  return run_to_end(kSfsyncBin, with_config(config_path, args), dir.path(), clean_env());
}

bool file_exists(const std::string& path) { return std::filesystem::exists(path); }

std::optional<std::string> file_bytes(const std::string& path) {
  if (!file_exists(path)) return std::nullopt;
  return read_text_file(path);
}

int64_t count_rows(const std::string& store_path, const std::string& sql) {
  if (!file_exists(store_path)) return -1;
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(store_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

namespace {
template <typename Store>
std::string dump_of(const sfsync::Result<std::unique_ptr<Store>>& store) {
  if (!store) return "cannot open store: " + store.error().message;
  auto dump = store.value()->canonical_dump();
  return dump ? *dump : "cannot dump store: " + dump.error().message;
}
}  // namespace

std::string canonical_dump(const std::string& store_path) { return dump_of(sfsync::SqliteStore::open(store_path)); }

std::string postgres_canonical_dump(const std::string& url) { return dump_of(sfsync::PostgresStore::open(url)); }

std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb;
  for (int line = 1;; ++line) {
    bool ga = static_cast<bool>(std::getline(sa, la));
    bool gb = static_cast<bool>(std::getline(sb, lb));
    if (!ga && !gb) return "(no difference)";
    if (!ga || !gb || la != lb)
      return "line " + std::to_string(line) + ":\n  " + (ga ? la : "(end)") + "\n  " + (gb ? lb : "(end)");
  }
}

int line_count(const std::string& text) {
  int n = 0;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) ++n;
  return n;
}

std::vector<RunRow> parse_runs(const std::string& runs_stdout) {
  std::vector<RunRow> rows;
  std::istringstream in(runs_stdout);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    RunRow r;
    std::string kind, started, read, written, skipped, failed, calls;
    if (!(fields >> r.id >> r.sync >> kind >> r.status >> started >> read >> written >> skipped >> failed >> calls))
      continue;
    std::getline(fields, r.reason);
    auto start = r.reason.find_first_not_of(' ');
    r.reason = start == std::string::npos ? "" : r.reason.substr(start);
    rows.push_back(r);
  }
  return rows;
}

bool exec_sql(const std::string& store_path, const std::string& sql) {
  sqlite3* db = nullptr;
  bool ok = sqlite3_open(store_path.c_str(), &db) == SQLITE_OK && (sqlite3_busy_timeout(db, 5000), true) &&
            sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  return ok;
}

std::string query_text(const std::string& store_path, const std::string& sql) {
  std::string out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(store_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(st, 0);
      if (text) out = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

}  // namespace e2e
