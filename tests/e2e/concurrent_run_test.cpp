// Two `sfsync sync` of the same sync at once (a cron job overlapping the daemon, say): the second
// says the sync is already running and exits 1 without touching it; the first finishes as usual,
// its execution not closed as "interrupted" by the second.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "e2e/e2e_env.h"
#include "e2e/small_org.h"
#include "support/test_http.h"

using namespace e2e;
using testing_support::EmulatorProcess;

TEST(ConcurrentRun, TheSecondRunOfASyncStepsAside) {
  ScratchDir dir;
  EmulatorProcess emulator(kEmulatorBin, {"--port", "0", "--seed", "9", "--contacts", "20000", "--latency-ms", "20"});
  std::string store = dir.file("store.db");
  std::string config = dir.write("sfsync.yaml", config_yaml(store, password_connection(emulator.url()), kContactSync));
  ChildProcess first(kSfsyncBin, with_config(config, {"sync"}), dir.path(), clean_env());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (count_rows(store, "SELECT count(*) FROM executions WHERE status = 'running'") < 1 && !first.poll() &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_FALSE(first.poll()) << "the first run ended before the second started: " << first.out() << first.err();

  CliResult second = run_sfsync(dir, config, {"sync"});
  EXPECT_EQ(second.code(), 1) << second.out << second.err;
  EXPECT_NE(second.err.find("already running"), std::string::npos) << second.err;

  ExitStatus status = first.wait();
  EXPECT_TRUE(status.exited() && status.code == 0) << first.out() << first.err();
  auto runs = parse_runs(run_sfsync(dir, config, {"runs"}).out);
  ASSERT_EQ(runs.size(), 1u) << "the second run records nothing";
  EXPECT_EQ(runs[0].status, "ok");
  EXPECT_EQ(count_rows(store, "SELECT count(*) FROM record_links"), 20000);
}
