// `sfsync daemon` through the real CLI: it refuses configs it could never run, runs scheduled syncs
// (with --run-now at once, instead of waiting for the cron time), and stops on SIGTERM.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <functional>
#include <thread>

#include "e2e/e2e_env.h"
#include "e2e/small_org.h"

using namespace e2e;

namespace {

class Daemon : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { SmallOrg::start(); }
  static void TearDownTestSuite() { SmallOrg::stop(); }
  std::string config(const std::string& syncs) {
    return dir_.write("sfsync.yaml", config_yaml(store(), password_connection(SmallOrg::url()), syncs));
  }
  std::string store() const { return dir_.file("store.db"); }
  // `daemon --run-now` until its first run has ended (and a little longer, time for a second run
  // were there one), then SIGTERM: what it printed.
  std::string run_daemon_once(const std::string& cfg);
  ScratchDir dir_;
};

bool wait_until(const std::function<bool()>& done, std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::string Daemon::run_daemon_once(const std::string& cfg) {
  ChildProcess daemon(kSfsyncBin, with_config(cfg, {"daemon", "--run-now"}), dir_.path(), clean_env());
  auto ran = [&] {
    return file_exists(store()) &&
           count_rows(store(), "SELECT count(*) FROM executions WHERE ended_ms IS NOT NULL") >= 1;
  };
  EXPECT_TRUE(wait_until(ran, std::chrono::seconds(30))) << daemon.out() << daemon.err();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  daemon.send(SIGTERM);
  EXPECT_TRUE(daemon.wait().exited());
  return daemon.out();
}

// Once a year: the test never reaches a cron time, so every run it sees came from --run-now.
std::string yearly(const char* sync) { return std::string(sync) + "    options: {schedule: \"0 0 1 1 *\"}\n"; }

}  // namespace

TEST_F(Daemon, ConfigWithoutScheduledSyncsIsBadInput) {
  CliResult r = run_sfsync(dir_, config(kContactSync), {"daemon"});
  EXPECT_EQ(r.code(), 2) << r.out << r.err;
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("options.schedule"), std::string::npos) << r.err;
  EXPECT_FALSE(file_exists(store()));
}

TEST_F(Daemon, ScheduleThatNeverFiresIsBadInput) {
  std::string never = std::string(kContactSync) + "    options: {schedule: \"0 0 30 2 *\"}\n";
  CliResult r = run_sfsync(dir_, config(never), {"daemon"});
  EXPECT_EQ(r.code(), 2) << r.out << r.err;
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("schedule"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("never run"), std::string::npos) << r.err;
  EXPECT_FALSE(file_exists(store()));
}

TEST_F(Daemon, RunNowRunsEveryScheduledSyncAndSigtermStopsIt) {
  std::string cfg = config(yearly(kContactSync) + yearly(kCaseEventSync));
  ChildProcess daemon(kSfsyncBin, with_config(cfg, {"daemon", "--run-now"}), dir_.path(), clean_env());
  auto both_ran = [&] {
    return file_exists(store()) &&
           count_rows(store(), "SELECT count(*) FROM executions WHERE ended_ms IS NOT NULL") == 2;
  };
  ASSERT_TRUE(wait_until(both_ran, std::chrono::seconds(30))) << daemon.out() << daemon.err();
  EXPECT_FALSE(daemon.poll()) << "the daemon exited after its runs: " << daemon.out() << daemon.err();
  daemon.send(SIGTERM);
  ExitStatus status = daemon.wait();
  ASSERT_TRUE(status.exited()) << "killed by signal " << status.signal;
  EXPECT_EQ(status.code, 0) << daemon.out() << daemon.err();
  std::string out = daemon.out();
  EXPECT_NE(out.find("scheduled contacts"), std::string::npos) << out;
  EXPECT_LT(out.find("running contacts"), out.find("running case_events")) << "config order: " << out;
  EXPECT_NE(out.find("daemon stopped"), std::string::npos) << out;
  EXPECT_EQ(count_rows(store(), "SELECT count(*) FROM executions"), 2) << "a sync ran twice: " << out;
}

// SIGHUP reads the config again between runs: an added schedule is scheduled; a file that no
// longer loads is reported in one line and the daemon goes on with what it had.
TEST_F(Daemon, SighupReloadsTheConfigAndKeepsTheOldOneWhenTheNewOneIsBad) {
  std::string cfg = config(yearly(kContactSync));
  ChildProcess daemon(kSfsyncBin, with_config(cfg, {"daemon"}), dir_.path(), clean_env());
  ASSERT_TRUE(daemon.wait_for_output("scheduled contacts", std::chrono::seconds(20))) << daemon.err();

  config(yearly(kContactSync) + yearly(kCaseEventSync));
  daemon.send(SIGHUP);
  ASSERT_TRUE(daemon.wait_for_output("scheduled case_events", std::chrono::seconds(20))) << daemon.out() << daemon.err();
  EXPECT_NE(daemon.out().find("reloading the config"), std::string::npos) << daemon.out();

  dir_.write("sfsync.yaml", "syncs: [oops\n");
  daemon.send(SIGHUP);
  ASSERT_TRUE(wait_until([&] { return !daemon.err().empty(); }, std::chrono::seconds(20))) << daemon.out();
  EXPECT_EQ(line_count(daemon.err()), 1) << daemon.err();
  EXPECT_FALSE(daemon.poll()) << "a bad file stopped the daemon: " << daemon.err();

  daemon.send(SIGTERM);
  ExitStatus status = daemon.wait();
  EXPECT_EQ(status.code, 0) << daemon.out() << daemon.err();
  EXPECT_FALSE(file_exists(store()) && count_rows(store(), "SELECT count(*) FROM executions") > 0)
      << "nothing was due: " << daemon.out();
}

// options.full_schedule: the daemon's run of it is a full re-read (`sync --full`).
TEST_F(Daemon, AFullScheduleRunsAFullRead) {
  std::string cfg = config(std::string(kContactSync) + "    options: {full_schedule: \"0 0 1 1 *\"}\n");
  std::string out = run_daemon_once(cfg);
  EXPECT_NE(out.find("running contacts --full"), std::string::npos) << out;
  EXPECT_NE(out.find("full  next"), std::string::npos) << "the schedule lists the full read: " << out;
  EXPECT_EQ(count_rows(store(), "SELECT count(*) FROM executions"), 1) << out;
}

// --run-now after a deploy: a sync with both schedules runs once, incrementally; its full read
// waits for its own cron time.
TEST_F(Daemon, RunNowRunsASyncWithBothSchedulesIncrementally) {
  std::string cfg = config(std::string(kContactSync) +
                           "    options: {schedule: \"0 0 1 1 *\", full_schedule: \"0 0 1 1 *\"}\n");
  std::string out = run_daemon_once(cfg);
  EXPECT_NE(out.find("running contacts"), std::string::npos) << out;
  EXPECT_EQ(out.find("running contacts --full"), std::string::npos) << out;
  EXPECT_EQ(count_rows(store(), "SELECT count(*) FROM executions"), 1) << out;
}
