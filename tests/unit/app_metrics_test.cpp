// /metrics text: Prometheus wants each metric family's samples together after its HELP and TYPE.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "app/metrics_text.h"
#include "store_test_support.h"

using namespace sfsync;
using sfsync::testing_store::TempStore;

TEST(Metrics, EachFamilyIsOneGroupAcrossSyncs) {
  TempStore store;
  for (const char* sync : {"contacts", "leads"}) {
    auto run = store->begin_execution(sync, ExecutionKind::Pull);
    ASSERT_TRUE(run.ok());
    ExecutionCounts counts;
    counts.read = 7;
    ASSERT_TRUE(store->finish_execution(*run, ExecutionStatus::Ok, "", counts, "{}").ok());
  }
  auto text = metrics_text(*store, {"contacts", "leads", "never_ran"});
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_NE(text->find("sfsync_last_run_records{sync=\"leads\",count=\"read\"} 7\n"), std::string::npos) << *text;
  EXPECT_EQ(text->find("never_ran"), std::string::npos);
  // Walk the samples: once a family is left, it never comes back, and each follows its TYPE line.
  std::istringstream lines(*text);
  std::string line, current;
  std::set<std::string> done, typed;
  while (std::getline(lines, line)) {
    if (line.rfind("# TYPE ", 0) == 0) typed.insert(line.substr(7, line.find(' ', 7) - 7));
    if (line.empty() || line[0] == '#') continue;
    std::string name = line.substr(0, line.find_first_of("{ "));
    EXPECT_TRUE(typed.count(name)) << name << " before its TYPE line";
    if (name == current) continue;
    EXPECT_FALSE(done.count(name)) << name << " comes back after another family:\n" << *text;
    if (!current.empty()) done.insert(current);
    current = name;
  }
}
