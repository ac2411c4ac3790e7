#include "support/temporary_postgres.h"

#include <glob.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace testing_support {

namespace {

std::string postgres_bin_dir() {
  glob_t g{};
  std::string found;
  if (glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &g) == 0 && g.gl_pathc > 0)
    found = std::filesystem::path(g.gl_pathv[g.gl_pathc - 1]).parent_path().string();
  globfree(&g);
  return found;
}

int free_port() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = -1;
  if (bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  close(s);
  return port;
}

}  // namespace

TemporaryPostgres::TemporaryPostgres() {
  bin_ = postgres_bin_dir();
  if (bin_.empty()) {
    why_not_ = "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin); run scripts/install-deps";
    return;
  }
  char tmpl[] = "/tmp/sfsync-pg-XXXXXX";
  if (!mkdtemp(tmpl)) {
    why_not_ = "cannot create a temporary folder";
    return;
  }
  dir_ = tmpl;
  if (geteuid() == 0) {
    as_user_ = "runuser -u postgres -- ";
    if (std::system(("chown postgres " + dir_).c_str()) != 0) {
      why_not_ = "cannot hand " + dir_ + " to the postgres user";
      return;
    }
  }
  int port = free_port();
  std::string quiet = " > " + dir_ + "/setup.log 2>&1";
  if (std::system((as_user_ + bin_ + "/initdb -A trust -U postgres -D " + dir_ + "/data" + quiet).c_str()) != 0) {
    why_not_ = "initdb failed (see " + dir_ + "/setup.log)";
    return;
  }
  std::string options = "-p " + std::to_string(port) + " -k " + dir_ + " -c listen_addresses=127.0.0.1";
  if (std::system((as_user_ + bin_ + "/pg_ctl -D " + dir_ + "/data -w -t 60 -l " + dir_ + "/server.log -o '" +
                   options + "' start" + quiet).c_str()) != 0) {
    why_not_ = "the PostgreSQL server did not start (see " + dir_ + "/server.log)";
    return;
  }
  url_ = "postgresql://postgres@127.0.0.1:" + std::to_string(port) + "/postgres";
}

TemporaryPostgres::~TemporaryPostgres() {
  if (!url_.empty())
    (void)std::system((as_user_ + bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate stop > /dev/null 2>&1").c_str());
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
}

}  // namespace testing_support
