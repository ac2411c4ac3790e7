// SyncLock: one run of a sync at a time; the lock goes when its holder does.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "sinks/store/sync_lock.h"

using namespace sfsync;

TEST(SyncLock, ASecondRunOfTheSameSyncIsBusyUntilTheFirstEnds) {
  std::string store = (std::filesystem::temp_directory_path() / ("sfsync-lock-" + std::to_string(::getpid()) + ".db")).string();
  {
    auto first = SyncLock::acquire(store, "contacts");
    ASSERT_TRUE(first.ok()) << first.error().message;
    auto second = SyncLock::acquire(store, "contacts");
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, "busy");
    EXPECT_NE(second.error().message.find("pid " + std::to_string(::getpid())), std::string::npos)
        << second.error().message;
    EXPECT_TRUE(SyncLock::acquire(store, "leads").ok()) << "another sync runs alongside";
  }
  EXPECT_TRUE(SyncLock::acquire(store, "contacts").ok()) << "released with its holder";
  for (const char* sync : {"contacts", "leads"}) std::remove(SyncLock::path_for(store, sync).c_str());
}

TEST(SyncLock, SyncNamesBecomeSafeFileNames) {
  EXPECT_EQ(SyncLock::path_for("/data/s.db", "contacts"), "/data/s.db.lock-contacts");
  EXPECT_EQ(SyncLock::path_for("/data/s.db", "../x y"), "/data/s.db.lock-___x_y");
}
