// `sfsync sync` of an event sync with when_changed / changed_to says how many events the run made
// and how many versions made none: "written" counts every record version, which would hide them.
#include <gtest/gtest.h>

#include "e2e/e2e_env.h"
#include "e2e/small_org.h"

TEST(WatchedEvents, SyncSaysHowManyVersionsMadeAnEvent) {
  using namespace e2e;
  testing_support::EmulatorProcess emulator(kEmulatorBin, {"--port", "0", "--seed", "12", "--contacts", "100", "--cases", "200"});
  ScratchDir dir;
  std::string store = dir.file("store.db");
  std::string sync = kCaseEventSync;
  sync.replace(sync.find("      name: case_updated\n"), 0, "      when_changed: Status\n      changed_to: Closed\n");
  std::string config = dir.write("sfsync.yaml", config_yaml(store, password_connection(emulator.url()), sync));
  CliResult r = run_sfsync(dir, config, {"sync"});
  ASSERT_EQ(r.code(), 0) << r.out << r.err;
  int64_t events = count_rows(store, "SELECT count(*) FROM events");
  int64_t versions = count_rows(store, "SELECT count(*) FROM watched_values");
  ASSERT_GT(events, 0);
  ASSERT_GT(versions, events) << "the org has open cases";
  std::string line = "events: " + std::to_string(events) + " new on a move of Status to changed_to; " +
                     std::to_string(versions - events) + " versions without one made none";
  EXPECT_NE(r.out.find(line), std::string::npos) << r.out;
  // preview cannot know the stored values: it says what decides whether each event is sent.
  CliResult preview = run_sfsync(dir, config, {"preview", "case_events", "-n", "50"});
  ASSERT_EQ(preview.code(), 0) << preview.err;
  EXPECT_NE(preview.out.find(R"("sent_if":"the watched field moved")"), std::string::npos) << preview.out;
  EXPECT_NE(preview.out.find(R"("sent_if":"never: not a changed_to value")"), std::string::npos) << preview.out;
}
