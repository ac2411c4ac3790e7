// `sfsync sync --full` through the real CLI after records were deleted in Salesforce — one still in
// the recycle bin, one emptied out of it: the full read finds both, says how many deletions it
// applied, and the store keeps no link to either.
#include <gtest/gtest.h>

#include "e2e/e2e_env.h"
#include "e2e/small_org.h"
#include "support/test_http.h"

using namespace e2e;
using testing_support::EmulatorProcess;
using testing_support::http;

TEST(FullRead, FindsRecordsDeletedSinceTheLastRun) {
  ScratchDir dir;
  EmulatorProcess emulator(kEmulatorBin, {"--port", "0", "--seed", "12", "--contacts", "300"});
  std::string store = dir.file("store.db");
  std::string config = dir.write("sfsync.yaml", config_yaml(store, password_connection(emulator.url()), kContactSync));
  ASSERT_EQ(run_sfsync(dir, config, {"sync"}).code(), 0);
  std::string recycled = query_text(store, "SELECT record_id FROM record_links ORDER BY record_id LIMIT 1 OFFSET 10");
  std::string purged = query_text(store, "SELECT record_id FROM record_links ORDER BY record_id LIMIT 1 OFFSET 20");
  ASSERT_FALSE(recycled.empty());
  for (const std::string& id : {recycled, purged})
    ASSERT_EQ(http("DELETE", emulator.url() + "/__admin/records/Contact/" + id).status, 200);
  ASSERT_EQ(http("POST", emulator.url() + "/__admin/records/Contact/" + purged + "/purge").status, 200);

  CliResult full = run_sfsync(dir, config, {"sync", "--full"});
  ASSERT_EQ(full.code(), 0) << full.out << full.err;
  EXPECT_NE(full.out.find("deletions: "), std::string::npos) << full.out;
  for (const std::string& id : {recycled, purged})
    EXPECT_EQ(count_rows(store, ("SELECT count(*) FROM record_links WHERE record_id = '" + id + "'").c_str()), 0) << id;
  EXPECT_EQ(count_rows(store, "SELECT count(*) FROM record_links"), 298);
}
