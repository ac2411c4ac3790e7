// A throwaway PostgreSQL server for tests: initdb in a temporary folder, started on a free port on
// 127.0.0.1 (trust auth, socket in the same folder), stopped and deleted by the destructor. Uses
// Debian's postgresql binaries (installed by scripts/install-deps); as root it runs them as the
// `postgres` user, since initdb refuses to run as root.
#pragma once

#include <string>

namespace testing_support {

class TemporaryPostgres {
 public:
  TemporaryPostgres();
  ~TemporaryPostgres();
  TemporaryPostgres(const TemporaryPostgres&) = delete;
  TemporaryPostgres& operator=(const TemporaryPostgres&) = delete;

  bool ok() const { return !url_.empty(); }
  const std::string& url() const { return url_; }    // postgresql://postgres@127.0.0.1:PORT/postgres
  const std::string& why_not() const { return why_not_; }

 private:
  std::string dir_, bin_, url_, why_not_, as_user_;
};

}  // namespace testing_support
