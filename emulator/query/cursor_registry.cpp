#include "emulator/query/cursor_registry.h"

#include <vector>

#include "emulator/org/sfid.h"

namespace emu::query {
namespace {

int64_t steady_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

CursorRegistry::CursorRegistry(CursorLimits limits, std::function<int64_t()> clock_ms)
    : limits_(limits), clock_ms_(clock_ms ? std::move(clock_ms) : steady_now_ms) {}

std::string CursorRegistry::add(const std::string& user_id, std::shared_ptr<QueryCursor> cursor) {
  std::lock_guard lock(mu_);
  int64_t now = clock_ms_();
  drop_expired(now);
  std::string locator = make_sfid("01g", next_id_++);
  entries_[locator] = Entry{user_id, std::move(cursor), now};
  enforce_user_cap(user_id);
  return locator;
}

std::shared_ptr<QueryCursor> CursorRegistry::find(const std::string& locator) {
  std::lock_guard lock(mu_);
  int64_t now = clock_ms_();
  drop_expired(now);
  auto it = entries_.find(locator);
  if (it == entries_.end()) return nullptr;
  it->second.last_used_ms = now;
  return it->second.cursor;
}

void CursorRegistry::remove(const std::string& locator) {
  std::lock_guard lock(mu_);
  entries_.erase(locator);
}

void CursorRegistry::clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
}

size_t CursorRegistry::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

void CursorRegistry::drop_expired(int64_t now) {
  std::erase_if(entries_, [&](const auto& kv) { return now - kv.second.last_used_ms >= limits_.idle_timeout_ms; });
}

void CursorRegistry::enforce_user_cap(const std::string& user_id) {
  while (true) {
    std::vector<std::map<std::string, Entry>::iterator> mine;
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.user_id == user_id) mine.push_back(it);
    }
    if (static_cast<int>(mine.size()) <= limits_.max_per_user) return;
    // Oldest finished cursor first, else the oldest of all.
    auto victim = mine.front();
    for (auto it : mine) {
      bool better = it->second.cursor->finished() != victim->second.cursor->finished()
                        ? it->second.cursor->finished()
                        : it->second.last_used_ms < victim->second.last_used_ms;
      if (better) victim = it;
    }
    entries_.erase(victim);
  }
}

}  // namespace emu::query
