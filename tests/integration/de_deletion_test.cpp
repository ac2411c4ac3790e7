// Data Extension rows deleted between full passes: a tracked pass finds them by elimination
// (de_page_source.h) and applies `on_delete` to what they made.
#include "de_support.h"
#include "sources/data_extension/de_page_source.h"

using namespace de_test;

namespace {

std::string full_sync(const std::string& source, const std::string& on_delete = "mark") {
  return subscriber_sync(source, "    fetch_mode: full\n    on_delete: " + on_delete + "\n");
}

bool deleted(CustomerStore& store, const std::string& key) {
  auto p = store.find_profile({"subscriber_key", key}, 0);
  return p.ok() && p->has_value() && (*p)->deleted_ms.has_value();
}

}  // namespace

class DeDeletionTest : public DeRunTest {
 protected:
  void delete_rows(const std::vector<std::string>& keys) {
    std::string items;
    for (const std::string& k : keys) {
      if (!items.empty()) items.append(",");
      items.append("{\"SubscriberKey\":\"").append(k).append("\"}");
    }
    auto r = admin("DELETE", "/__admin/sfmc/Subscribers_DE/rows", "{\"items\":[" + items + "]}");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  bool pass_complete() {
    auto state = store_->read_sync_state("subscribers");
    return state.ok() && state->has_value() && (*state)->checkpoint.find("\"complete\":true") != std::string::npos;
  }
  // Runs until a pass is complete (capped runs continue it); the deletions it applied.
  int64_t run_pass(const std::string& sync, int* runs = nullptr) {
    int64_t deletions = 0;
    for (int i = 0; i < 10; ++i) {
      auto outcome = run(sync);
      EXPECT_TRUE(outcome.ok()) << outcome.error().message;
      if (!outcome.ok()) break;
      deletions += outcome->applied.deletions;
      if (runs) ++*runs;
      if (pass_complete()) break;
    }
    return deletions;
  }
};

TEST_F(DeDeletionTest, AFullPassMarksTheRowsDeletedSinceTheLastOne) {
  const std::string sync = full_sync("{data_extension_key: Subscribers_DE, page_size: 100}");
  EXPECT_EQ(run_pass(sync), 0);
  EXPECT_EQ(profiles(), 600);
  delete_rows({"SUB-1000003", "SUB-1000450"});
  auto second = run(sync);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->status, ExecutionStatus::Ok) << second->reason;
  EXPECT_EQ(second->applied.deletions, 2);
  EXPECT_EQ(second->counts.read, 598) << "deletion candidates are not rows read";
  EXPECT_EQ(second->api.calls, 9) << "the sweep is the store's work: no API call";
  EXPECT_TRUE(deleted(*store_, "SUB-1000003"));
  EXPECT_TRUE(deleted(*store_, "SUB-1000450"));
  EXPECT_FALSE(deleted(*store_, "SUB-1000004"));
  EXPECT_EQ(profiles(), 598);
  EXPECT_TRUE(pass_complete());

  EXPECT_EQ(run_pass(sync), 0) << "nothing deleted since";
  EXPECT_EQ(profiles(), 598);
}

TEST_F(DeDeletionTest, OnDeleteIgnoreKeepsThem) {
  const std::string sync = full_sync("{data_extension_key: Subscribers_DE, page_size: 100}", "ignore");
  run_pass(sync);
  delete_rows({"SUB-1000003"});
  EXPECT_EQ(run_pass(sync), 0);
  EXPECT_FALSE(deleted(*store_, "SUB-1000003"));
  EXPECT_EQ(profiles(), 600);
}

// A pass that spans capped runs keeps what it read across them. A row deleted after the pass read
// it is found by the next pass; one deleted before the pass reached it, by this one.
TEST_F(DeDeletionTest, APassOverCappedRunsFindsWhatLeftBeforeItReadThere) {
  const std::string sync = full_sync("{data_extension_key: Subscribers_DE, page_size: 100, max_pages_per_run: 2}");
  int runs = 0;
  EXPECT_EQ(run_pass(sync, &runs), 0);
  EXPECT_GE(runs, 3);

  auto started = run(sync);  // the next pass reads SUB-1000000.. first
  ASSERT_TRUE(started.ok());
  ASSERT_FALSE(pass_complete());
  delete_rows({"SUB-1000001", "SUB-1000590"});
  EXPECT_EQ(run_pass(sync), 1);
  EXPECT_TRUE(deleted(*store_, "SUB-1000590"));
  EXPECT_FALSE(deleted(*store_, "SUB-1000001")) << "read by this pass before it left";

  EXPECT_EQ(run_pass(sync), 1);
  EXPECT_TRUE(deleted(*store_, "SUB-1000001"));
  EXPECT_EQ(profiles(), 598);
}

// `--full` on an incremental sync is a whole pass too; a changed key is not: the rows another DE
// gave were not deleted.
TEST_F(DeDeletionTest, FullRerunOfAnIncrementalSyncSweepsAndAKeyChangeDoesNot) {
  const std::string sync = subscriber_sync("{data_extension_key: Subscribers_DE, page_size: 250}");
  ASSERT_TRUE(run(sync).ok());
  delete_rows({"SUB-1000007"});
  auto incremental = run(sync);
  ASSERT_TRUE(incremental.ok());
  EXPECT_EQ(incremental->applied.deletions, 0) << "the rowset API shows no deletions";
  auto full = run(sync, "subscribers", /*full=*/true);
  ASSERT_TRUE(full.ok()) << full.error().message;
  EXPECT_EQ(full->applied.deletions, 1);
  EXPECT_TRUE(deleted(*store_, "SUB-1000007"));
  auto after = run(sync);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->counts.read, 0) << "the incremental cursor survives the sweep";

  auto other = run(preferences_sync());
  ASSERT_TRUE(other.ok()) << other.error().message;
  EXPECT_EQ(other->applied.deletions, 0) << "the other DE's pass is not tracked";
  EXPECT_GE(profiles(), 599);  // the other DE may hold SUB-1000007 and revive it
}

// The sweep resumes after the last record id it handed out (a run stopped among its pages), and
// its last, short page completes the pass.
TEST_F(DeDeletionTest, ASweepResumesAfterTheLastIdItStored) {
  auto c = config(full_sync("{data_extension_key: Subscribers_DE}"));
  ASSERT_TRUE(c.ok());
  auto client = make_marketing_cloud_client(*c->find_connection("mc"), store_.get());
  ASSERT_TRUE(client.ok());
  DeCheckpoint start;
  start.sort_value = "SUB-1000599";
  start.tracked = start.sweeping = true;
  start.swept_to = "K2";
  start = *DeCheckpoint::parse(start.serialize());  // as stored
  const std::vector<std::string> unseen{"K1", "K2", "K3", "K4", "K5"};
  std::vector<std::string> asked;
  auto lister = [&](const std::string& after, int limit) -> Result<std::vector<std::string>> {
    asked.push_back(after);
    std::vector<std::string> out;
    for (const std::string& id : unseen)
      if (id > after && static_cast<int>(out.size()) < limit) out.push_back(id);
    return out;
  };
  DePageQuery q;
  q.key = "Subscribers_DE";
  q.page_size = 2;
  DataExtensionPageSource source(**client, q, start, lister);
  auto first = source.next();
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->records.size(), 2u);
  EXPECT_EQ(first->records[0].id, "K3");
  EXPECT_TRUE(first->records[0].deleted && first->records[0].absent_from_pass);
  EXPECT_FALSE(first->last);
  DeCheckpoint mid = *DeCheckpoint::parse(first->checkpoint.state);
  EXPECT_TRUE(mid.sweeping);
  EXPECT_EQ(mid.swept_to, "K4");
  EXPECT_EQ(mid.sort_value, "SUB-1000599") << "the read position is kept for the next pass";
  auto second = source.next();
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->records.size(), 1u);
  EXPECT_TRUE(second->last);
  DeCheckpoint done = *DeCheckpoint::parse(second->checkpoint.state);
  EXPECT_TRUE(done.complete);
  EXPECT_FALSE(done.tracked || done.sweeping);
  EXPECT_EQ(asked, (std::vector<std::string>{"K2", "K4"}));
  EXPECT_EQ((*client)->usage().calls, 0);
}
