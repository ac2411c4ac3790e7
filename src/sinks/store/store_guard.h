// SqlStore::guarded: shared by sql_store.cpp and store_queries.cpp (internal).
#pragma once

#include <exception>
#include <string>
#include <type_traits>

#include "sinks/store/store_db.h"
#include "sinks/store/sql_store.h"

namespace sfsync {

template <typename T, typename F>
Result<T> SqlStore::guarded(F&& body) {
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
  } catch (const std::exception& e) {  // bad_alloc and the like: the transaction has rolled back
    return make_error("internal", std::string("store: ") + e.what());
  }
}

}  // namespace sfsync
