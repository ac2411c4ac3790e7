// SqliteStore::guarded: shared by sqlite_store.cpp and store_queries.cpp (internal).
#pragma once

#include <type_traits>

#include "sinks/store/sqlite_db.h"
#include "sinks/store/sqlite_store.h"

namespace sfsync {

template <typename T, typename F>
Result<T> SqliteStore::guarded(F&& body) {
  std::lock_guard<std::mutex> lock(mu_);
  try {
    if constexpr (std::is_void_v<T>) {
      body();
      return Result<void>();
    } else {
      return body();
    }
  } catch (const store::StoreFailure& e) {
    return make_error(e.code, e.what());
  }
}

}  // namespace sfsync
