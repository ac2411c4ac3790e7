// The store's WAL checkpointer (wal_checkpointer.h): committed pages reach the database file on the
// checkpointer's own thread, without the writer checkpointing (its wal_autocheckpoint is far away).
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "store_test_support.h"

using namespace sfsync;
using namespace sfsync::testing_store;

TEST(StoreWalCheckpointer, CopiesCommittedPagesIntoTheDatabaseFile) {
  TempStore store;
  std::uintmax_t before = std::filesystem::file_size(store.path());
  std::vector<MappedRecord> page;
  for (int i = 0; i < 500; ++i) {
    const std::string k = "p" + std::to_string(i);
    page.push_back(record(profile(src(k, 10), {email(k + "@x.com")}, {attr("note", Value::string(std::string(200, 'x')))})));
  }
  write_page(*store, page);  // ~150 KB of pages, all in the WAL after the commit

  // The checkpointer runs every 100 ms; the writer alone would leave these pages in the WAL.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::filesystem::file_size(store.path()) <= before + 100000 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_GT(std::filesystem::file_size(store.path()), before + 100000)
      << "the database file did not grow: no checkpoint copied the committed pages";
}
