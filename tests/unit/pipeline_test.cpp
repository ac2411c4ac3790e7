#include "runner/pipeline.h"

#include <gtest/gtest.h>

using namespace sfsync;

namespace {

// A source of `pages` pages of `per_page` records; fails at page `fail_at` when >= 0.
struct FakeSource {
  int pages = 5;
  int per_page = 3;
  int fail_at = -1;
  int served = 0;
  Result<Page> next() {
    if (served == fail_at) return make_error("network", "boom");
    Page p;
    for (int i = 0; i < per_page; ++i) {
      Record r;
      r.id = std::to_string(served) + "-" + std::to_string(i);
      p.records.push_back(r);
    }
    p.checkpoint.state = std::to_string(served);
    p.last = ++served == pages;
    return p;
  }
};

PipelineStages stages_for(FakeSource& source, std::vector<std::string>& committed) {
  PipelineStages s;
  s.fetch = [&] { return source.next(); };
  s.map = [](const Page& p) { return std::vector<MappedRecord>(p.records.size()); };
  s.write = [&](const Page& p, const std::vector<MappedRecord>& m) -> Result<void> {
    EXPECT_EQ(m.size(), p.records.size());
    committed.push_back(p.checkpoint.state);
    return {};
  };
  return s;
}

}  // namespace

TEST(Pipeline, WritesEveryPageInOrder) {
  FakeSource source;
  std::vector<std::string> committed;
  auto r = run_pipeline(stages_for(source, committed), {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->pages, 5);
  EXPECT_EQ(r->records, 15);
  EXPECT_EQ(committed, (std::vector<std::string>{"0", "1", "2", "3", "4"}));
}

TEST(Pipeline, FetchErrorStopsAfterEarlierPagesAreWritten) {
  FakeSource source;
  source.fail_at = 3;
  std::vector<std::string> committed;
  auto r = run_pipeline(stages_for(source, committed), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "network");
  EXPECT_EQ(committed, (std::vector<std::string>{"0", "1", "2"}));
}

TEST(Pipeline, WriteErrorStopsTheFetcher) {
  FakeSource source;
  source.pages = 1000;
  std::vector<std::string> committed;
  PipelineStages s = stages_for(source, committed);
  s.write = [&](const Page& p, const std::vector<MappedRecord>&) -> Result<void> {
    if (p.checkpoint.state == "2") return make_error("store", "disk full");
    committed.push_back(p.checkpoint.state);
    return {};
  };
  auto r = run_pipeline(s, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "store");
  EXPECT_EQ(committed.size(), 2u);
  EXPECT_LT(source.served, 10);  // backpressure: the fetcher stayed within the queue depth
}

TEST(Pipeline, CancellationEndsWithCancelledError) {
  FakeSource source;
  source.pages = 1000;
  std::atomic<bool> cancel{false};
  std::vector<std::string> committed;
  PipelineStages s = stages_for(source, committed);
  auto inner = s.write;
  s.write = [&](const Page& p, const std::vector<MappedRecord>& m) {
    cancel = true;
    return inner(p, m);
  };
  PipelineOptions o;
  o.cancel = &cancel;
  auto r = run_pipeline(s, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "cancelled");
  EXPECT_EQ(committed.size(), 1u);
}

TEST(Pipeline, ExceptionInFetchBecomesAnError) {
  PipelineStages s;
  s.fetch = []() -> Result<Page> { throw std::runtime_error("bad"); };
  s.map = [](const Page&) { return std::vector<MappedRecord>{}; };
  s.write = [](const Page&, const std::vector<MappedRecord>&) -> Result<void> { return {}; };
  auto r = run_pipeline(s, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "internal");
}
