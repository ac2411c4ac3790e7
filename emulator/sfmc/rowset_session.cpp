#include "emulator/sfmc/rowset_session.h"

#include "emulator/auth/crypto_util.h"

namespace emu {

std::string RowsetSessions::open(RowsetQuery query, int64_t now_ms) {
  query.expires_ms = now_ms + kLifetimeMs;
  std::string token = random_uuid();
  std::lock_guard lock(mu_);
  std::erase_if(queries_, [now_ms](const auto& entry) { return entry.second.expires_ms <= now_ms; });
  queries_.emplace(token, std::move(query));
  return token;
}

std::optional<RowsetQuery> RowsetSessions::find(const std::string& token, int64_t now_ms) const {
  std::lock_guard lock(mu_);
  auto it = queries_.find(token);
  if (it == queries_.end() || it->second.expires_ms <= now_ms) return std::nullopt;
  return it->second;
}

void RowsetSessions::clear() {
  std::lock_guard lock(mu_);
  queries_.clear();
}

}  // namespace emu
