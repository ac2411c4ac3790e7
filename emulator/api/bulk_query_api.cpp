// Bulk API 2.0 query jobs: /services/data/vXX.X/jobs/query[/{id}[/results]].
//
// Create validates and compiles the SOQL at once (a bad query is a 400, as on Salesforce); the job
// then runs on a worker and its CSV result set is served in pages from disk: `locator` picks the
// first row, `maxRecords` the page size, Sforce-Locator names the next page ("null" on the last).
#include <charconv>
#include <memory>

#include "common/time_util.h"
#include "emulator/api/apis.h"
#include "emulator/bulk/bulk_errors.h"
#include "emulator/bulk/job_json.h"
#include "emulator/bulk/job_registry.h"
#include "emulator/bulk/job_request.h"
#include "emulator/bulk/query_job_runner.h"
#include "emulator/bulk/query_plan.h"

namespace emu {

namespace {

// A page holds at most this many rows when the client gives no maxRecords. The guide only says the
// server picks a default "based on the service"; large, so most clients read one page per 100k rows.
constexpr int64_t kDefaultPageRows = 100000;

struct QueryJobs {
  ApiContext& ctx;
  JobRegistry registry;
  explicit QueryJobs(ApiContext& c) : ctx(c) {}
};

void json_ok(httplib::Response& res, const std::string& body) {
  res.status = 200;
  res.set_content(body, "application/json;charset=UTF-8");
}

void create_job(QueryJobs& jobs, const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
  auto request = parse_job_request(req.body, res);
  if (!request) return;
  if (request->operation != "query" && request->operation != "queryAll") {
    bulk_bad_setting(res, "OperationEnum", request->operation);
    return;
  }
  if (request->query.empty()) {
    bulk_error(res, 400, "API_ERROR", "query: the query job needs a SOQL query");
    return;
  }
  const bool include_deleted = request->operation == "queryAll";
  auto plan = compile_bulk_query(jobs.ctx.catalog, request->query, include_deleted);
  if (!plan.ok()) {
    bulk_error(res, 400, plan.error().code, plan.error().message);
    return;
  }
  JobSettings settings;
  settings.kind = JobKind::Query;
  settings.operation = request->operation;
  settings.object = plan->object;
  settings.query = request->query;
  settings.api_version = info.api_version;
  settings.created_by_id = info.token.user_id;
  settings.delimiter = request->delimiter;
  settings.line_ending = request->line_ending;
  auto job = jobs.registry.create(std::move(settings), JobState::UploadComplete, sfsync::now_ms());
  json_ok(res, job_created_json(*job));  // before the worker can move the state on
  if (jobs.ctx.faults->options().bulk_query_stuck) {  // it runs and runs, until aborted
    job->transition(JobState::UploadComplete, JobState::InProgress, sfsync::now_ms());
    return;
  }
  auto shared_plan = std::make_shared<BulkQueryPlan>(std::move(*plan));
  OrgStore& store = *jobs.ctx.store;
  jobs.registry.submit(job, [&store, shared_plan](Job& j) { run_query_job(j, store, *shared_plan); });
}

std::shared_ptr<Job> find_job(QueryJobs& jobs, const httplib::Request& req, httplib::Response& res) {
  auto job = jobs.registry.find(req.matches[2]);
  if (!job) bulk_job_not_found(res);
  return job;
}

void abort_job(QueryJobs& jobs, const httplib::Request& req, httplib::Response& res) {
  auto job = find_job(jobs, req, res);
  if (!job) return;
  auto request = parse_job_request(req.body, res);
  if (!request) return;
  if (request->state != "Aborted") {
    bulk_error(res, 400, "INVALIDJOBSTATE", "Query jobs can only be changed to the state Aborted");
    return;
  }
  if (!job->abort(sfsync::now_ms())) {
    bulk_invalid_state(res, "Job is already in a final state: " +
                                std::string(job_state_name(job->progress().state)));
    return;
  }
  json_ok(res, job_created_json(*job));
}

// Parses maxRecords; nullopt (with the error written) when it is not a positive integer.
std::optional<int64_t> page_size(const httplib::Request& req, httplib::Response& res) {
  if (!req.has_param("maxRecords")) return kDefaultPageRows;
  const std::string text = req.get_param_value("maxRecords");
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n <= 0) {
    bulk_error(res, 400, "INVALIDPARAMETER", "maxRecords must be a positive integer: " + text);
    return std::nullopt;
  }
  return n;
}

void get_results(QueryJobs& jobs, const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
  auto job = find_job(jobs, req, res);
  if (!job) return;
  if (job->settings().api_version != info.api_version) {
    bulk_version_mismatch(res, job->settings().api_version, info.api_version);
    return;
  }
  const JobState state = job->progress().state;
  if (state != JobState::JobComplete) {
    bulk_invalid_state(res, "Results are available only when the job is JobComplete; it is " +
                                std::string(job_state_name(state)));
    return;
  }
  const JobResults results = job->results();
  const ResultFile& file = *results.records;
  int64_t first = 0;
  const std::string locator = req.get_param_value("locator");
  if (!locator.empty()) {
    auto row = decode_locator(locator);
    if (!row || *row > file.rows()) {
      bulk_error(res, 400, "INVALID_QUERY_LOCATOR", "invalid query locator");
      return;
    }
    first = *row;
  }
  auto count = page_size(req, res);
  if (!count) return;
  auto rows = file.read_rows(first, *count);
  if (!rows.ok()) {
    bulk_error(res, 500, "UNKNOWN_EXCEPTION", rows.error().message);
    return;
  }
  const int64_t returned = std::min(*count, file.rows() - first);
  const int64_t next = first + returned;
  res.status = 200;
  res.set_header("Sforce-NumberOfRecords", std::to_string(returned));
  res.set_header("Sforce-Locator", next < file.rows() ? encode_locator(next) : "null");
  std::string body = file.header();
  body += *rows;
  res.set_content(std::move(body), "text/csv");
}

}  // namespace

void register_bulk_query_api(Router& router, ApiContext& ctx) {
  auto jobs = std::make_shared<QueryJobs>(ctx);
  std::weak_ptr<QueryJobs> weak = jobs;
  ctx.on_reset([weak] {
    if (auto j = weak.lock()) j->registry.clear();
  });
  router.data(Method::Post, "/jobs/query/?", "bulk_query_create",
              [jobs](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                create_job(*jobs, req, res, info);
              });
  router.data(Method::Get, "/jobs/query/?", "bulk_query_status",
              [jobs](const httplib::Request&, httplib::Response& res, const RequestInfo&) {
                json_ok(res, job_list_json(jobs->registry.list()));
              });
  router.data(Method::Get, "/jobs/query/([^/]+)/?", "bulk_query_status",
              [jobs](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                if (auto job = find_job(*jobs, req, res)) json_ok(res, job_info_json(*job));
              });
  router.data(Method::Patch, "/jobs/query/([^/]+)/?", "bulk_query_status",
              [jobs](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                abort_job(*jobs, req, res);
              });
  router.data(Method::Delete, "/jobs/query/([^/]+)/?", "bulk_query_status",
              [jobs](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                if (jobs->registry.remove(req.matches[2])) {
                  res.status = 204;
                } else {
                  bulk_job_not_found(res);
                }
              });
  router.data(Method::Get, "/jobs/query/([^/]+)/results/?", "bulk_query_results",
              [jobs](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                get_results(*jobs, req, res, info);
              });
}

}  // namespace emu
