#include "salesforce/bulk_query.h"

#include <simdjson.h>

#include "common/json_writer.h"
#include "net/http_client.h"

namespace sfsync {

BulkQueryReader::BulkQueryReader(SalesforceClient& client, std::string soql, bool include_deleted,
                                 int64_t max_records, BulkPolling polling)
    : client_(client), soql_(std::move(soql)), include_deleted_(include_deleted), max_records_(max_records),
      polling_(std::move(polling)) {}

Result<void> BulkQueryReader::start() {
  std::string body;
  JsonWriter(body).begin_object()
      .member("operation", include_deleted_ ? "queryAll" : "query")
      .member("query", soql_)
      .member("contentType", "CSV")
      .member("lineEnding", "LF")
      .end_object();
  // Not resent on a transport failure: a second POST would start a second job.
  auto created = client_.call("POST", "jobs/query", body, {"Content-Type: application/json"}, false);
  if (!created) return created.error();
  auto id = bulk_string_member(created->body, "id");
  if (!id) return id.error();
  job_path_ = "jobs/query/" + *id;
  auto status = wait_for_bulk_job(client_, job_path_, polling_, "Bulk query job");
  if (!status && status.error().code == "bulk_timeout") {
    // Abort it, so the org does not keep working for nobody; the next run starts a new job from
    // the stored cursor. If the abort fails the job ends on its own.
    std::string abort;
    JsonWriter(abort).begin_object().member("state", "Aborted").end_object();
    bool aborted = client_.call("PATCH", job_path_, abort, {"Content-Type: application/json"}).ok();
    return make_error("bulk_timeout", status.error().message + (aborted ? "; aborted it" : "") +
                                          " (options.bulk_job_timeout_seconds): the next run starts a new job "
                                          "from where this one stopped");
  }
  if (!status) return status.error();
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  int64_t n = 0;
  if (!parser.parse(*status).get(doc) && !doc["numberRecordsProcessed"].get(n)) job_records_ = n;
  return {};
}

Result<BulkResultSet> BulkQueryReader::next() {
  if (done_) return make_error("done", "the Bulk query has no more results");
  if (job_path_.empty())
    if (auto r = start(); !r) return r.error();
  std::string path = job_path_ + "/results?maxRecords=" + std::to_string(max_records_);
  if (!locator_.empty()) path += "&locator=" + url_encode(locator_);
  auto response = client_.get(path, {"Accept: text/csv"});
  if (!response) return response.error();
  std::string next = response->header("sforce-locator");
  BulkResultSet set;
  set.csv = std::move(response->body);
  set.done = next.empty() || next == "null";
  set.job_records = job_records_;
  locator_ = next;
  done_ = set.done;
  return set;
}

}  // namespace sfsync
