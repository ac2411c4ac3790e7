// Customer store: a writer killed with SIGKILL mid-page leaves a store whose checkpoint matches
// its data exactly (the page and its checkpoint commit together, or neither does).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "store_test_support.h"

using namespace sfsync;
using namespace sfsync::testing_store;

namespace {

constexpr int kPerPage = 500;

std::vector<MappedRecord> numbered_page(int page) {
  std::vector<MappedRecord> records;
  for (int i = 0; i < kPerPage; ++i) {
    std::string n = std::to_string(page * kPerPage + i);
    records.push_back(record(profile(src("R" + n, page), {email(n + "@x.com")}, {attr("page", Value::integer(page))})));
    records.push_back(record(event(src("E" + n, page, "cases"), {email(n + "@x.com")}, "seen")));
  }
  return records;
}

[[noreturn]] void write_pages_forever(const TempStore& temp) {
  auto store = temp.open_another();
  if (!store) _exit(3);
  auto state = (*store)->read_sync_state("contacts");  // resume like a runner does
  if (!state) _exit(5);
  int first = state->has_value() ? std::stoi((*state)->checkpoint) + 1 : 1;
  for (int page = first;; ++page) {
    ApplyOptions options;
    if (!(*store)->apply_page("contacts", 1, numbered_page(page), Checkpoint{std::to_string(page)}, options)) _exit(4);
  }
}

}  // namespace

TEST(StoreCrash, SigkillMidPageKeepsCheckpointAndDataTogether) {
  TempStore store;
  int checked = 0;
  for (int delay_ms : {120, 260, 410, 530}) {
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) write_pages_forever(store);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer died on its own: status " << status;

    store.reopen();
    auto state = store->read_sync_state("contacts");
    ASSERT_TRUE(state);
    int pages = state->has_value() ? std::stoi((*state)->checkpoint) : 0;
    StoreCounts c = counts(*store);
    std::printf("[store crash] killed after %d ms: %d pages committed\n", delay_ms, pages);
    EXPECT_EQ(c.profiles, static_cast<int64_t>(pages) * kPerPage) << "kill after " << delay_ms << " ms";
    EXPECT_EQ(c.events, c.profiles);
    EXPECT_GE(pages, checked);
    checked = pages;
    store.reopen();
  }
  EXPECT_GT(checked, 0) << "no page committed before the kills";
}
