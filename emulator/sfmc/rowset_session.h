// Rowset request tokens: the first rowset call (by DE key) opens one; its links point to
// /v1/customobjectdata/token/<requestToken>/rowset?$page=N, which re-runs the same query (same
// filter, order and page size) at another page until tokenExpireDateUtc. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace emu {

struct RowsetQuery {
  std::string de_key;
  std::string filter;    // raw $filter, recompiled per page (cheap, and survives DE reloads)
  std::string order_by;  // raw $orderBy
  int64_t page_size = 2500;
  int64_t expires_ms = 0;
};

class RowsetSessions {
 public:
  // How long a request token stays usable. Not documented; 20 minutes like the access token.
  static constexpr int64_t kLifetimeMs = 20 * 60 * 1000;

  // Stores `query` (its expires_ms is set here) and returns its request token.
  std::string open(RowsetQuery query, int64_t now_ms);
  // The live query of `token`; nullopt when unknown or expired.
  std::optional<RowsetQuery> find(const std::string& token, int64_t now_ms) const;
  void clear();

 private:
  mutable std::mutex mu_;
  std::map<std::string, RowsetQuery> queries_;
};

}  // namespace emu
