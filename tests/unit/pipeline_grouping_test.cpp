// run_pipeline with pages_per_write > 1 and records freed after mapping (what pull runs use).
#include <gtest/gtest.h>

#include "runner/pipeline.h"

using namespace sfsync;

namespace {

// `pages` pages of 3 records; the checkpoint of page k is "k"; fetch fails at page `fail_at`.
PipelineStages counting_stages(int pages, int fail_at, std::vector<std::string>& checkpoints,
                               std::vector<size_t>& sizes, bool expect_records) {
  auto served = std::make_shared<int>(0);
  PipelineStages s;
  s.fetch = [=]() -> Result<Page> {
    if (*served == fail_at) return make_error("network", "boom");
    Page p;
    for (int i = 0; i < 3; ++i) {
      Record r;
      r.id = std::to_string(*served) + "-" + std::to_string(i);
      p.records.push_back(r);
    }
    p.checkpoint.state = std::to_string(*served);
    p.last = ++*served == pages;
    return p;
  };
  s.map = [](const Page& p) {
    std::vector<MappedRecord> out(p.records.size());
    for (size_t i = 0; i < p.records.size(); ++i) out[i].issues.push_back({p.records[i].id, "seen", "", false});
    return out;
  };
  s.write = [&, expect_records](const Page& p, const std::vector<MappedRecord>& m) -> Result<void> {
    EXPECT_EQ(p.records.empty(), !expect_records);
    checkpoints.push_back(p.checkpoint.state);
    sizes.push_back(m.size());
    return {};
  };
  return s;
}

}  // namespace

TEST(PipelineGrouping, GroupsPagesAndKeepsTheNewestCheckpoint) {
  std::vector<std::string> checkpoints;
  std::vector<size_t> sizes;
  PipelineOptions o;
  o.pages_per_write = 2;
  o.keep_records_for_write = false;
  auto r = run_pipeline(counting_stages(5, -1, checkpoints, sizes, false), o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->records, 15);
  EXPECT_EQ(checkpoints, (std::vector<std::string>{"1", "3", "4"}));
  EXPECT_EQ(sizes, (std::vector<size_t>{6, 6, 3}));
}

TEST(PipelineGrouping, MutationsStayInRecordOrderAcrossPages) {
  std::vector<std::string> order;
  std::vector<std::string> checkpoints;
  std::vector<size_t> sizes;
  PipelineStages s = counting_stages(4, -1, checkpoints, sizes, true);
  s.write = [&](const Page& p, const std::vector<MappedRecord>& m) -> Result<void> {
    EXPECT_EQ(p.records.size(), m.size());
    for (const auto& mr : m) order.push_back(mr.issues.at(0).record_id);
    return {};
  };
  PipelineOptions o;
  o.pages_per_write = 3;
  ASSERT_TRUE(run_pipeline(s, o).ok());
  std::vector<std::string> expected;
  for (int page = 0; page < 4; ++page)
    for (int i = 0; i < 3; ++i) expected.push_back(std::to_string(page) + "-" + std::to_string(i));
  EXPECT_EQ(order, expected);
}

TEST(PipelineGrouping, PagesBeforeAFetchErrorAreStillWritten) {
  std::vector<std::string> checkpoints;
  std::vector<size_t> sizes;
  PipelineOptions o;
  o.pages_per_write = 4;
  auto r = run_pipeline(counting_stages(10, 6, checkpoints, sizes, true), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "network");
  // Pages 0-3 as one write, then the cut-short group of pages 4-5: nothing fetched is lost.
  EXPECT_EQ(checkpoints, (std::vector<std::string>{"3", "5"}));
  EXPECT_EQ(sizes, (std::vector<size_t>{12, 6}));
}

// What a page says about its records outlives them: the rechecked and swept counts add up, the seen ids of
// a tracked full pass are kept in order.
TEST(PipelineGrouping, RecheckedCountsAndSeenIdsAddUpAcrossGroupedPages) {
  auto served = std::make_shared<int>(0);
  PipelineStages s;
  s.fetch = [=]() -> Result<Page> {
    Page p;
    p.records.resize(2);
    p.rechecked = *served == 0 ? 2 : 1;
    p.swept = *served == 0 ? 0 : 1;
    p.seen_ids = {std::to_string(*served) + "a", std::to_string(*served) + "b"};
    p.last = ++*served == 2;
    return p;
  };
  s.map = [](const Page& p) { return std::vector<MappedRecord>(p.records.size()); };
  std::vector<int64_t> rechecked, swept;
  std::vector<std::vector<std::string>> seen;
  s.write = [&](const Page& p, const std::vector<MappedRecord>&) -> Result<void> {
    rechecked.push_back(p.rechecked);
    swept.push_back(p.swept);
    seen.push_back(p.seen_ids);
    return {};
  };
  PipelineOptions o;
  o.pages_per_write = 2;
  o.keep_records_for_write = false;
  ASSERT_TRUE(run_pipeline(s, o).ok());
  EXPECT_EQ(rechecked, (std::vector<int64_t>{3}));
  EXPECT_EQ(swept, (std::vector<int64_t>{1}));
  EXPECT_EQ(seen, (std::vector<std::vector<std::string>>{{"0a", "0b", "1a", "1b"}}));
}
