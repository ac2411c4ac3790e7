// Bulk API 2.0 query jobs over real HTTP against the in-process emulator.
#include <gtest/gtest.h>

#include <set>

#include "bulk_test_util.h"
#include "common/time_util.h"

namespace {

using namespace bulk_test;
using testing_support::HttpResponse;
using testing_support::InProcessEmulator;

class BulkQueryTest : public testing::Test {
 protected:
  BulkQueryTest() : emu_(options_with_external_ids()) {}

  emu::OrgStore& store() { return *emu_.emulator().context().store; }
  const emu::ObjectSchema& object(const char* name) { return *emu_.emulator().context().catalog.find(name); }

  std::string insert(const char* object_name, std::vector<std::pair<const char*, emu::FieldValue>> values) {
    const emu::ObjectSchema& o = object(object_name);
    std::vector<emu::FieldAssignment> assignments;
    for (auto& [name, value] : values) assignments.push_back({o.field(name), value});
    auto id = store().insert(o, assignments, sfsync::now_ms());
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : "";
  }

  // Seeds `n` contacts named C000.., every third one under an account whose name needs quoting.
  void seed_contacts(int n) {
    account_id_ = insert("Account", {{"Name", std::string(kTrickyName)}});
    for (int i = 0; i < n; ++i) {
      char name[16];
      std::snprintf(name, sizeof name, "C%03d", i);
      std::vector<std::pair<const char*, emu::FieldValue>> v{{"LastName", std::string(name)},
                                                             {"HasOptedOutOfEmail", i % 2 == 0}};
      if (i % 3 == 0) v.push_back({"AccountId", account_id_});
      contact_ids_.push_back(insert("Contact", v));
    }
  }

  HttpResponse create(const std::string& soql, const std::string& operation = "query",
                      const std::string& version = "v63.0") {
    std::string body = R"({"operation":")" + operation + R"(","query":")" + soql + R"("})";
    return emu_.send("POST", "/services/data/" + version + "/jobs/query", body, kJson);
  }

  // Creates a job, waits for it and returns its id (empty on failure).
  std::string run(const std::string& soql, const std::string& operation = "query") {
    auto r = create(soql, operation);
    EXPECT_EQ(r.status, 200) << r.body;
    const std::string id = json_string(r.body, "id");
    const std::string info = wait_final(emu_, kData + "/jobs/query/" + id);
    EXPECT_EQ(json_string(info, "state"), "JobComplete") << info;
    return id;
  }

  // Reads every result page with the given maxRecords (0: none); returns the data rows and page sizes.
  std::vector<std::vector<std::string>> read_all(const std::string& id, int max_records,
                                                 std::vector<int64_t>* page_sizes = nullptr) {
    std::vector<std::vector<std::string>> rows;
    std::string locator;
    for (int page = 0; page < 100; ++page) {
      std::string path = kData + "/jobs/query/" + id + "/results";
      if (max_records > 0) path += "?maxRecords=" + std::to_string(max_records);
      if (!locator.empty()) path += std::string(max_records > 0 ? "&" : "?") + "locator=" + locator;
      auto r = emu_.get(path);
      EXPECT_EQ(r.status, 200) << r.body;
      EXPECT_EQ(r.header("content-type").rfind("text/csv", 0), 0u);
      auto page_rows = csv_rows(r.body);
      EXPECT_FALSE(page_rows.empty());
      if (page_rows.empty()) break;
      header_ = page_rows.front();
      EXPECT_EQ(std::to_string(page_rows.size() - 1), r.header("sforce-numberofrecords"));
      if (page_sizes) page_sizes->push_back(static_cast<int64_t>(page_rows.size() - 1));
      rows.insert(rows.end(), page_rows.begin() + 1, page_rows.end());
      locator = r.header("sforce-locator");
      if (locator == "null") return rows;
    }
    ADD_FAILURE() << "no last page";
    return rows;
  }

  static constexpr const char* kTrickyName = "Acme, \"Quoted\"\nInc";
  InProcessEmulator emu_;
  std::string account_id_;
  std::vector<std::string> contact_ids_;
  std::vector<std::string> header_;
};

TEST_F(BulkQueryTest, CreateAnswersUploadCompleteInTheRealKeyOrder) {
  seed_contacts(2);
  auto r = create("SELECT Id, LastName FROM Contact");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json_keys(r.body),
            (std::vector<std::string>{"id", "operation", "object", "createdById", "createdDate", "systemModstamp",
                                      "state", "concurrencyMode", "contentType", "apiVersion", "lineEnding",
                                      "columnDelimiter"}));
  EXPECT_EQ(json_string(r.body, "state"), "UploadComplete");
  EXPECT_EQ(json_string(r.body, "object"), "Contact");
  EXPECT_EQ(json_string(r.body, "id").substr(0, 3), "750");
  EXPECT_NE(r.body.find("\"apiVersion\":63.0"), std::string::npos) << r.body;

  const std::string info = wait_final(emu_, kData + "/jobs/query/" + json_string(r.body, "id"));
  EXPECT_EQ(json_string(info, "state"), "JobComplete");
  EXPECT_EQ(json_string(info, "jobType"), "V2Query");
  EXPECT_EQ(json_int(info, "numberRecordsProcessed"), 2);
  EXPECT_EQ(json_int(info, "retries"), 0);
  EXPECT_GE(json_int(info, "totalProcessingTime"), 0);
  EXPECT_NE(info.find("\"isPkChunkingSupported\":true"), std::string::npos);
}

TEST_F(BulkQueryTest, PagesWithMaxRecordsUntilLocatorNull) {
  seed_contacts(25);
  const std::string id = run("SELECT Id, LastName FROM Contact ORDER BY LastName");
  std::vector<int64_t> sizes;
  auto rows = read_all(id, 10, &sizes);
  EXPECT_EQ(sizes, (std::vector<int64_t>{10, 10, 5}));
  EXPECT_EQ(header_, (std::vector<std::string>{"Id", "LastName"}));
  ASSERT_EQ(rows.size(), 25u);
  for (int i = 0; i < 25; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "C%03d", i);
    EXPECT_EQ(rows[i][1], name);
  }
  // Without maxRecords everything fits one page.
  sizes.clear();
  EXPECT_EQ(read_all(id, 0, &sizes).size(), 25u);
  EXPECT_EQ(sizes.size(), 1u);
}

TEST_F(BulkQueryTest, LocatorOfAPageNeverChanges) {
  seed_contacts(6);
  const std::string id = run("SELECT Id FROM Contact");
  auto first = emu_.get(kData + "/jobs/query/" + id + "/results?maxRecords=4");
  const std::string locator = first.header("sforce-locator");
  ASSERT_NE(locator, "null");
  auto a = emu_.get(kData + "/jobs/query/" + id + "/results?maxRecords=4&locator=" + locator);
  auto b = emu_.get(kData + "/jobs/query/" + id + "/results?maxRecords=4&locator=" + locator);
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(a.header("sforce-numberofrecords"), "2");
  EXPECT_EQ(a.header("sforce-locator"), "null");
  auto bad = emu_.get(kData + "/jobs/query/" + id + "/results?locator=garbage!");
  EXPECT_EQ(bad.status, 400);
}

TEST_F(BulkQueryTest, CsvQuotesEveryValueAndFlattensRelationships) {
  seed_contacts(3);
  const std::string id = run("SELECT Id, LastName, Account.Name, HasOptedOutOfEmail FROM Contact ORDER BY LastName");
  auto r = emu_.get(kData + "/jobs/query/" + id + "/results");
  ASSERT_EQ(r.status, 200);
  const std::string expected_header = "\"Id\",\"LastName\",\"Account.Name\",\"HasOptedOutOfEmail\"\n";
  EXPECT_EQ(r.body.substr(0, expected_header.size()), expected_header);
  EXPECT_NE(r.body.find("\"Acme, \"\"Quoted\"\"\nInc\""), std::string::npos) << r.body;
  auto rows = csv_rows(r.body);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{contact_ids_[0], "C000", kTrickyName, "true"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{contact_ids_[1], "C001", "", "false"}));  // null parent: empty
}

TEST_F(BulkQueryTest, CsvUsesTheJobsDelimiterAndLineEnding) {
  insert("Contact", {{"LastName", std::string("a|b")}});
  auto r = emu_.send("POST", kData + "/jobs/query",
                     R"({"operation":"query","query":"SELECT LastName FROM Contact","columnDelimiter":"PIPE","lineEnding":"CRLF"})",
                     kJson);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json_string(r.body, "columnDelimiter"), "PIPE");
  EXPECT_EQ(json_string(r.body, "lineEnding"), "CRLF");
  const std::string id = json_string(r.body, "id");
  wait_final(emu_, kData + "/jobs/query/" + id);
  EXPECT_EQ(emu_.get(kData + "/jobs/query/" + id + "/results").body, "\"LastName\"\r\n\"a|b\"\r\n");
}

TEST_F(BulkQueryTest, DatetimesEndInZ) {
  seed_contacts(1);
  const std::string id = run("SELECT CreatedDate FROM Contact");
  auto rows = csv_rows(emu_.get(kData + "/jobs/query/" + id + "/results").body);
  ASSERT_EQ(rows.size(), 2u);
  const std::string& created = rows[1][0];
  ASSERT_EQ(created.size(), 24u) << created;
  EXPECT_EQ(created[19], '.');
  EXPECT_EQ(created.back(), 'Z');
  EXPECT_EQ(created[10], 'T');
}

TEST_F(BulkQueryTest, QueryAllIncludesDeletedRows) {
  seed_contacts(5);
  ASSERT_TRUE(store().remove(object("Contact"), contact_ids_[1], sfsync::now_ms()).ok());
  ASSERT_TRUE(store().remove(object("Contact"), contact_ids_[3], sfsync::now_ms()).ok());
  EXPECT_EQ(read_all(run("SELECT Id FROM Contact"), 100).size(), 3u);
  auto all = read_all(run("SELECT Id, IsDeleted FROM Contact ORDER BY LastName", "queryAll"), 100);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[1], (std::vector<std::string>{contact_ids_[1], "true"}));
  EXPECT_EQ(all[2], (std::vector<std::string>{contact_ids_[2], "false"}));
}

TEST_F(BulkQueryTest, BadQueriesFailAtCreate) {
  auto r = create("SELECT Id, Invalid__x FROM Contact");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("\"errorCode\":\"INVALID_FIELD\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("No such column 'Invalid__x' on entity 'Contact'"), std::string::npos) << r.body;

  r = create("SELECT Id FROM Contactz");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("INVALID_TYPE"), std::string::npos) << r.body;

  r = create("SELECT Id FROM Contact WHERE");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("MALFORMED_QUERY"), std::string::npos) << r.body;

  r = create("SELECT Id, MailingAddress FROM Contact");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("Selecting compound data not supported in Bulk Query"), std::string::npos) << r.body;

  r = create("SELECT Id, (SELECT Id FROM Contacts) FROM Account");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("Aggregate Relationships not supported in Bulk Query"), std::string::npos) << r.body;

  r = create("SELECT COUNT() FROM Contact");
  EXPECT_EQ(r.status, 400) << r.body;
  r = create("SELECT Id FROM Contact LIMIT 5 OFFSET 2");
  EXPECT_EQ(r.status, 400) << r.body;

  r = create("SELECT Id FROM Contact", "select");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json_keys(emu_.get(kData + "/jobs/query").body), (std::vector<std::string>{"done", "records", "nextRecordsUrl"}));
  EXPECT_EQ(emu_.get(kData + "/jobs/query").body.find("\"records\":[]") != std::string::npos, true);
}

TEST_F(BulkQueryTest, ResultsNeedAFinishedJob) {
  seed_contacts(3);
  auto r = create("SELECT Id FROM Contact");
  const std::string id = json_string(r.body, "id");
  auto abort = emu_.send("PATCH", kData + "/jobs/query/" + id, R"({"state":"Aborted"})", kJson);
  // Jobs run for at least kMinJobRunMs, so the abort normally wins; on a starved machine the job
  // may have finished first, which this test cannot use.
  if (abort.status == 400 && json_string(emu_.get(kData + "/jobs/query/" + id).body, "state") == "JobComplete") {
    GTEST_SKIP() << "the job completed before the abort arrived";
  }
  ASSERT_EQ(abort.status, 200) << abort.body;
  EXPECT_EQ(json_string(abort.body, "state"), "Aborted");
  auto results = emu_.get(kData + "/jobs/query/" + id + "/results");
  EXPECT_EQ(results.status, 400) << results.body;
  EXPECT_NE(results.body.find("errorCode"), std::string::npos);
  EXPECT_EQ(json_string(emu_.get(kData + "/jobs/query/" + id).body, "state"), "Aborted");
  // A final job cannot be aborted again.
  EXPECT_EQ(emu_.send("PATCH", kData + "/jobs/query/" + id, R"({"state":"Aborted"})", kJson).status, 400);
}

TEST_F(BulkQueryTest, ResultsWithAnotherApiVersionAre409) {
  seed_contacts(1);
  const std::string id = run("SELECT Id FROM Contact");
  auto r = emu_.get("/services/data/v62.0/jobs/query/" + id + "/results");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(emu_.get(kData + "/jobs/query/" + id + "/results").status, 200);
}

TEST_F(BulkQueryTest, UnknownJobIs404LikeSalesforce) {
  const std::string expected = R"([{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}])";
  for (const std::string path : {"/jobs/query/750000000000000AAA", "/jobs/query/750000000000000AAA/results",
                                 "/jobs/query/nonsense"}) {
    auto r = emu_.get(kData + path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body, expected) << path;
  }
}

TEST_F(BulkQueryTest, DeleteRemovesTheJobAndListShowsJobs) {
  seed_contacts(1);
  const std::string id = run("SELECT Id FROM Contact");
  auto list = emu_.get(kData + "/jobs/query");
  EXPECT_NE(list.body.find(id), std::string::npos);
  EXPECT_NE(list.body.find("\"jobType\":\"V2Query\""), std::string::npos);
  EXPECT_EQ(emu_.send("DELETE", kData + "/jobs/query/" + id, "").status, 204);
  EXPECT_EQ(emu_.get(kData + "/jobs/query/" + id).status, 404);
  EXPECT_EQ(emu_.send("DELETE", kData + "/jobs/query/" + id, "").status, 404);
}

TEST_F(BulkQueryTest, AdminResetDropsJobs) {
  seed_contacts(1);
  const std::string id = run("SELECT Id FROM Contact");
  EXPECT_EQ(testing_support::http("POST", emu_.url() + "/__admin/reset").status, 200);
  EXPECT_EQ(emu_.get(kData + "/jobs/query/" + id).status, 404);
}

TEST_F(BulkQueryTest, CountersCountCalls) {
  seed_contacts(1);
  const std::string id = run("SELECT Id FROM Contact");
  emu_.get(kData + "/jobs/query/" + id + "/results");
  auto counts = emu_.emulator().context().counters.snapshot();
  EXPECT_EQ(counts["bulk_query_create"], 1);
  EXPECT_GE(counts["bulk_query_status"], 1);
  EXPECT_EQ(counts["bulk_query_results"], 1);
}

}  // namespace
