// Bulk API 2.0 ingest jobs over real HTTP against the in-process emulator: per-row outcomes in the
// three result files and the org state they leave.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "bulk_test_util.h"
#include "common/time_util.h"

namespace {

using namespace bulk_test;
using testing_support::HttpResponse;
using testing_support::InProcessEmulator;

class BulkIngestTest : public testing::Test {
 protected:
  BulkIngestTest() : emu_(options_with_external_ids()) {}

  emu::OrgStore& store() { return *emu_.emulator().context().store; }
  const emu::ObjectSchema& contact() { return *emu_.emulator().context().catalog.find("Contact"); }
  const emu::ObjectSchema& account() { return *emu_.emulator().context().catalog.find("Account"); }

  std::string insert(const emu::ObjectSchema& o, std::vector<std::pair<const char*, emu::FieldValue>> values) {
    std::vector<emu::FieldAssignment> assignments;
    for (auto& [name, value] : values) assignments.push_back({o.field(name), value});
    auto id = store().insert(o, assignments, sfsync::now_ms());
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : "";
  }

  // A stored field of a record, as text ("" for null).
  std::string field(const emu::ObjectSchema& o, const std::string& id, const char* name) {
    auto rec = store().get(o, id, true);
    if (!rec) return "<missing>";
    const emu::FieldValue* v = rec->get(name);
    if (!v || std::holds_alternative<std::monostate>(*v)) return "";
    if (const auto* s = std::get_if<std::string>(v)) return *s;
    return "<non-text>";
  }

  HttpResponse create(const std::string& body) { return emu_.send("POST", kData + "/jobs/ingest", body, kJson); }

  std::string job_path(const std::string& id) { return kData + "/jobs/ingest/" + id; }

  // create -> PUT csv -> UploadComplete -> wait; returns the final job info.
  std::string run(const std::string& operation, const std::string& csv, const std::string& extra = "") {
    auto r = create(R"({"object":"Contact","operation":")" + operation + "\"" + extra + "}");
    EXPECT_EQ(r.status, 200) << r.body;
    job_id_ = json_string(r.body, "id");
    auto put = emu_.send("PUT", job_path(job_id_) + "/batches", csv, kCsv);
    EXPECT_EQ(put.status, 201) << put.body;
    EXPECT_EQ(put.body, "");
    auto close = emu_.send("PATCH", job_path(job_id_), R"({"state":"UploadComplete"})", kJson);
    EXPECT_EQ(close.status, 200) << close.body;
    EXPECT_EQ(json_string(close.body, "state"), "UploadComplete");
    return wait_final(emu_, job_path(job_id_));
  }

  std::vector<std::vector<std::string>> results(const char* kind) {
    auto r = emu_.get(job_path(job_id_) + "/" + kind);
    EXPECT_EQ(r.status, 200) << r.body;
    return csv_rows(r.body);
  }

  InProcessEmulator emu_;
  std::string job_id_;
};

TEST_F(BulkIngestTest, CreateAnswersOpenJob) {
  auto r = create(R"({"object":"contact","operation":"insert","contentType":"CSV","lineEnding":"LF"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json_string(r.body, "state"), "Open");
  EXPECT_EQ(json_string(r.body, "object"), "Contact");
  EXPECT_EQ(json_string(r.body, "contentUrl"), "services/data/v63.0/jobs/ingest/" + json_string(r.body, "id") + "/batches");
  auto info = emu_.get(job_path(json_string(r.body, "id")));
  EXPECT_EQ(json_string(info.body, "jobType"), "V2Ingest");
  EXPECT_EQ(json_int(info.body, "numberRecordsFailed"), 0);
}

TEST_F(BulkIngestTest, CreateErrors) {
  EXPECT_EQ(create(R"({"object":"Nope__c","operation":"insert"})").status, 400);
  auto r = create(R"({"object":"Contact","operation":"upsert"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("An External ID must be specified for upsert"), std::string::npos) << r.body;
  EXPECT_EQ(create(R"({"object":"Contact","operation":"upsert","externalIdFieldName":"LastName"})").status, 400);
  EXPECT_EQ(create(R"({"object":"Contact","operation":"merge"})").status, 400);
  EXPECT_EQ(create(R"({"object":"Contact","operation":"insert","lineEnding":"CR"})").status, 400);
  EXPECT_EQ(create("not json").status, 400);
}

TEST_F(BulkIngestTest, InsertWithGoodAndBadRows) {
  const std::string account_id = insert(account(), {{"Name", std::string("Acme")}, {"Ext_Id__c", std::string("ACC-1")}});
  const std::string csv =
      "LastName,FirstName,Email,Account.Ext_Id__c,Ext_Id__c\n"
      "Brown,Mark,mark@example.com,ACC-1,K1\n"
      ",NoLast,x@example.com,,K2\n"
      "Smith,\"Jo, \"\"Jr\"\"\",not-an-email,,K3\n"
      "Green,Al,,ACC-404,K4\n"
      "Stone,\"multi\nline\",,,K5\n";
  const std::string info = run("insert", csv);
  EXPECT_EQ(json_string(info, "state"), "JobComplete") << info;
  EXPECT_EQ(json_int(info, "numberRecordsProcessed"), 5);
  EXPECT_EQ(json_int(info, "numberRecordsFailed"), 3);

  auto ok = results("successfulResults");
  ASSERT_EQ(ok.size(), 3u);
  EXPECT_EQ(ok[0], (std::vector<std::string>{"sf__Id", "sf__Created", "LastName", "FirstName", "Email",
                                             "Account.Ext_Id__c", "Ext_Id__c"}));
  EXPECT_EQ(ok[1][1], "true");
  EXPECT_EQ(ok[1][2], "Brown");
  EXPECT_EQ(ok[2][3], "multi\nline");
  const std::string brown = ok[1][0];
  EXPECT_EQ(field(contact(), brown, "AccountId"), account_id);
  EXPECT_EQ(field(contact(), brown, "Email"), "mark@example.com");

  auto failed = results("failedResults");
  ASSERT_EQ(failed.size(), 4u);
  EXPECT_EQ(failed[0][1], "sf__Error");
  EXPECT_EQ(failed[1][0], "");
  EXPECT_EQ(failed[1][1], "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --");
  EXPECT_EQ(failed[2][1].rfind("INVALID_EMAIL_ADDRESS:", 0), 0u) << failed[2][1];
  EXPECT_EQ(failed[2][3], "Jo, \"Jr\"");
  EXPECT_EQ(failed[3][1].rfind("INVALID_FIELD:Foreign key external ID: ACC-404 not found", 0), 0u) << failed[3][1];

  auto unprocessed = emu_.get(job_path(job_id_) + "/unprocessedrecords");
  EXPECT_EQ(unprocessed.body, "LastName,FirstName,Email,Account.Ext_Id__c,Ext_Id__c\n");
  EXPECT_EQ(store().count(contact()), 2);
}

TEST_F(BulkIngestTest, UpdateLeavesEmptyCellsAndNullsNA) {
  const std::string id = insert(contact(), {{"LastName", std::string("Old")}, {"Title", std::string("CEO")},
                                            {"Department", std::string("Sales")}});
  const std::string csv = "Id,LastName,Title,Department\n" + id + ",New,,#N/A\n,Nobody,,\n";
  const std::string info = run("update", csv);
  EXPECT_EQ(json_int(info, "numberRecordsFailed"), 1) << info;
  EXPECT_EQ(field(contact(), id, "LastName"), "New");
  EXPECT_EQ(field(contact(), id, "Title"), "CEO");
  EXPECT_EQ(field(contact(), id, "Department"), "");
  auto ok = results("successfulResults");
  ASSERT_EQ(ok.size(), 2u);
  EXPECT_EQ(ok[1][0], id);
  EXPECT_EQ(ok[1][1], "false");
  auto failed = results("failedResults");
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[1][1].rfind("MISSING_ARGUMENT:", 0), 0u) << failed[1][1];
}

TEST_F(BulkIngestTest, UpsertByExternalIdCreatesAndUpdates) {
  const std::string existing = insert(contact(), {{"LastName", std::string("Brown")}, {"Ext_Id__c", std::string("1001")}});
  const std::string csv = "FirstName,LastName,Phone,Ext_Id__c\n"
                          "Mark,Brown,4155558787,\"1001\"\n"
                          "Dave,Stillman,4155552212,\"1002\"\n"
                          "Joe,,2125556363,\"5001\"\n";
  const std::string info = run("upsert", csv, R"(,"externalIdFieldName":"Ext_Id__c")");
  EXPECT_EQ(json_string(info, "state"), "JobComplete");
  EXPECT_NE(info.find("\"externalIdFieldName\":\"Ext_Id__c\""), std::string::npos) << info;
  auto ok = results("successfulResults");
  ASSERT_EQ(ok.size(), 3u);
  EXPECT_EQ(ok[1][0], existing);
  EXPECT_EQ(ok[1][1], "false");
  EXPECT_EQ(ok[2][1], "true");
  EXPECT_EQ(field(contact(), existing, "Phone"), "4155558787");
  EXPECT_EQ(field(contact(), ok[2][0], "LastName"), "Stillman");
  auto failed = results("failedResults");
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[1][1].rfind("REQUIRED_FIELD_MISSING:", 0), 0u) << failed[1][1];
  EXPECT_EQ(store().count(contact()), 2);
}

TEST_F(BulkIngestTest, UpsertRejectsEveryRowSharingAKey) {
  const std::string csv = "LastName,Ext_Id__c\nA,k-1\nB,K-1\nC,k-2\n";
  const std::string info = run("upsert", csv, R"(,"externalIdFieldName":"ext_id__c")");
  EXPECT_EQ(json_int(info, "numberRecordsFailed"), 2) << info;
  auto failed = results("failedResults");
  ASSERT_EQ(failed.size(), 3u);
  EXPECT_EQ(failed[1][1], "DUPLICATE_VALUE:Duplicate external id specified: k-1:--");
  EXPECT_EQ(failed[2][1], "DUPLICATE_VALUE:Duplicate external id specified: K-1:--");
  EXPECT_EQ(results("successfulResults").size(), 2u);
  EXPECT_EQ(store().count(contact()), 1);
}

TEST_F(BulkIngestTest, DeleteGoodAndMissingIds) {
  const std::string a = insert(contact(), {{"LastName", std::string("A")}});
  const std::string b = insert(contact(), {{"LastName", std::string("B")}});
  ASSERT_TRUE(store().remove(contact(), b, sfsync::now_ms()).ok());
  const std::string info = run("delete", "Id\n" + a + "\n" + b + "\n001000000000000AAA\n");
  EXPECT_EQ(json_int(info, "numberRecordsProcessed"), 3);
  EXPECT_EQ(json_int(info, "numberRecordsFailed"), 2);
  auto ok = results("successfulResults");
  ASSERT_EQ(ok.size(), 2u);
  EXPECT_EQ(ok[1][0], a);
  auto failed = results("failedResults");
  ASSERT_EQ(failed.size(), 3u);
  EXPECT_EQ(failed[1][1].rfind("ENTITY_IS_DELETED:", 0), 0u) << failed[1][1];
  EXPECT_EQ(failed[2][1].rfind("MALFORMED_ID:", 0), 0u) << failed[2][1];
  EXPECT_EQ(store().count(contact()), 0);
}

// hardDelete skips the recycle bin: queryAll no longer has the record (count with deleted ones),
// only the delete log does; a plain delete leaves it in the bin.
TEST_F(BulkIngestTest, HardDeleteSkipsTheRecycleBin) {
  const std::string a = insert(contact(), {{"LastName", std::string("A")}});
  const std::string b = insert(contact(), {{"LastName", std::string("B")}});
  EXPECT_EQ(json_int(run("hardDelete", "Id\n" + a + "\n"), "numberRecordsFailed"), 0);
  EXPECT_EQ(json_int(run("delete", "Id\n" + b + "\n"), "numberRecordsFailed"), 0);
  EXPECT_FALSE(store().get(contact(), a, /*include_deleted=*/true).has_value());
  EXPECT_TRUE(store().get(contact(), b, /*include_deleted=*/true).has_value());
  // getDeleted answers whole minutes up to the current one: read its table directly.
  std::lock_guard lock(store().writer_mutex());
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(store().writer_db(), "SELECT id FROM delete_log ORDER BY rowid", -1, &stmt, nullptr),
            SQLITE_OK);
  std::vector<std::string> logged;
  while (sqlite3_step(stmt) == SQLITE_ROW) logged.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  EXPECT_EQ(logged, (std::vector<std::string>{a, b}));
}

TEST_F(BulkIngestTest, UnknownColumnFailsTheJob) {
  const std::string info = run("insert", "LastName,Bogus__c\nA,1\nB,2\n");
  EXPECT_EQ(json_string(info, "state"), "Failed");
  EXPECT_EQ(json_string(info, "errorMessage"), "InvalidBatch : Field name not found : Bogus__c");
  EXPECT_EQ(json_int(info, "numberRecordsProcessed"), 0);
  EXPECT_EQ(emu_.get(job_path(job_id_) + "/unprocessedrecords").body, "LastName,Bogus__c\nA,1\nB,2\n");
  EXPECT_EQ(store().count(contact()), 0);
}

TEST_F(BulkIngestTest, CrlfDataInAnLfJobFails) {
  const std::string info = run("insert", "LastName\r\nA\r\n");
  EXPECT_EQ(json_string(info, "state"), "Failed");
  EXPECT_NE(json_string(info, "errorMessage").find("LineEnding is invalid on user data"), std::string::npos);
}

TEST_F(BulkIngestTest, OneUploadPerJobAndOnlyWhileOpen) {
  auto r = create(R"({"object":"Contact","operation":"insert"})");
  const std::string id = json_string(r.body, "id");
  EXPECT_EQ(emu_.send("PUT", job_path(id) + "/batches", "LastName\nA\n", kCsv).status, 201);
  auto second = emu_.send("PUT", job_path(id) + "/batches", "LastName\nB\n", kCsv);
  EXPECT_EQ(second.status, 400);
  EXPECT_NE(second.body.find("Found multiple contents for job"), std::string::npos) << second.body;
  // Results of an Open job are not available yet.
  EXPECT_EQ(emu_.get(job_path(id) + "/successfulResults").status, 400);
  // Aborted before processing: every uploaded row is unprocessed and nothing was written.
  auto abort = emu_.send("PATCH", job_path(id), R"({"state":"Aborted"})", kJson);
  EXPECT_EQ(abort.status, 200) << abort.body;
  EXPECT_EQ(json_string(abort.body, "state"), "Aborted");
  EXPECT_EQ(emu_.send("PUT", job_path(id) + "/batches", "LastName\nC\n", kCsv).status, 400);
  EXPECT_EQ(emu_.get(job_path(id) + "/unprocessedrecords").body, "LastName\nA\n");
  EXPECT_EQ(store().count(contact()), 0);
  EXPECT_EQ(emu_.send("PATCH", job_path(id), R"({"state":"UploadComplete"})", kJson).status, 400);
}

TEST_F(BulkIngestTest, ListDeleteAndUnknownJob) {
  run("insert", "LastName\nA\n");
  auto list = emu_.get(kData + "/jobs/ingest");
  EXPECT_NE(list.body.find(job_id_), std::string::npos);
  EXPECT_EQ(emu_.send("DELETE", job_path(job_id_), "").status, 204);
  auto gone = emu_.get(job_path(job_id_));
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body, R"([{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}])");
  EXPECT_EQ(emu_.get(job_path(job_id_) + "/failedResults").status, 404);
  auto counts = emu_.emulator().context().counters.snapshot();
  EXPECT_EQ(counts["bulk_ingest_create"], 1);
  EXPECT_EQ(counts["bulk_ingest_upload"], 1);
  EXPECT_GE(counts["bulk_ingest_state"], 2);
  EXPECT_GE(counts["bulk_ingest_status"], 1);
}

}  // namespace
