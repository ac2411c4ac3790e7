// SqliteDb (the embedded engine of StoreDb): what its statements promise beyond SQLite's own API.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "sinks/store/sqlite_db.h"

using sfsync::store::ResultRows;
using sfsync::store::SqliteDb;

namespace {

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("sfsync_sqlite_db_test_" + std::to_string(::getpid()) + ".db"))
                .string();
    remove_files();
    db_ = SqliteDb::open(path_);
    db_->exec("CREATE TABLE t(n INTEGER PRIMARY KEY)");
  }
  void TearDown() override {
    db_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  int64_t count() {
    auto q = db_->statement("SELECT count(*) FROM t");
    return q.next() ? q.int64(0) : -1;
  }

  std::string path_;
  std::unique_ptr<SqliteDb> db_;
};

// sqlite3_step after SQLITE_DONE runs the statement again: a caller that reads an INSERT's
// RETURNING rows to the end and then steps once more (send_then's drain) must not insert twice.
TEST_F(SqliteDbTest, StatementReadToItsEndDoesNotRunAgain) {
  auto q = db_->statement("INSERT INTO t(n) VALUES (?1) RETURNING n");
  q.bind(1, int64_t{7});
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.int64(0), 7);
  EXPECT_FALSE(q.next());
  EXPECT_FALSE(q.next());
  q.run();
  EXPECT_EQ(count(), 1);
}

// An embedded engine answers at once: the handler runs inside send_then, and the statement runs
// even when the handler reads nothing.
TEST_F(SqliteDbTest, SendThenCallsTheHandlerAtOnce) {
  int64_t got = 0;
  db_->statement("INSERT INTO t(n) VALUES (?1) RETURNING n").bind(1, int64_t{3}).send_then([&](ResultRows& rows) {
    got = rows.next() ? rows.int64(0) : -1;
  });
  EXPECT_EQ(got, 3);
  db_->statement("INSERT INTO t(n) VALUES (?1) RETURNING n").bind(1, int64_t{4}).send_then([](ResultRows&) {});
  EXPECT_EQ(count(), 2);
}

}  // namespace
