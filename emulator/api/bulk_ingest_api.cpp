// Bulk API 2.0 ingest jobs: /services/data/vXX.X/jobs/ingest[/{id}[/batches|/successfulResults|
// /failedResults|/unprocessedrecords]].
//
// Life cycle: create (Open) -> one PUT of CSV data -> PATCH UploadComplete -> a worker applies the
// rows through the shared RecordWriter -> JobComplete | Failed; Aborted at any point before the end.
#include <memory>

#include "common/time_util.h"
#include "emulator/api/apis.h"
#include "emulator/bulk/bulk_errors.h"
#include "emulator/bulk/ingest_job_runner.h"
#include "emulator/bulk/job_json.h"
#include "emulator/bulk/job_registry.h"
#include "emulator/bulk/job_request.h"

namespace emu {

namespace {

struct IngestJobs {
  ApiContext& ctx;
  JobRegistry registry;
  explicit IngestJobs(ApiContext& c) : ctx(c) {}
};

using Handler = void (*)(IngestJobs&, const httplib::Request&, httplib::Response&, const RequestInfo&);

void json_ok(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json;charset=UTF-8");
}

bool known_operation(const std::string& op) {
  return op == "insert" || op == "update" || op == "upsert" || op == "delete" || op == "hardDelete";
}

// Checks the externalIdFieldName of an upsert job; writes the error and returns false when bad.
bool check_external_id(const ObjectSchema& object, const std::string& name, httplib::Response& res) {
  if (name.empty()) {
    bulk_error(res, 400, "INVALIDJOB",
               "External ID was blank for " + object.name + ". An External ID must be specified for upsert.");
    return false;
  }
  const FieldSchema* field = object.field(name);
  if (!field || !(field->external_id || field->id_lookup)) {
    bulk_error(res, 400, "INVALIDJOB",
               "Field name provided, " + name + " does not match an External ID, Salesforce Id, or indexed field for " +
                   object.name);
    return false;
  }
  return true;
}

void create_job(IngestJobs& jobs, const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
  auto request = parse_job_request(req.body, res);
  if (!request) return;
  if (!known_operation(request->operation)) {
    bulk_bad_setting(res, "OperationEnum", request->operation);
    return;
  }
  const ObjectSchema* object = jobs.ctx.catalog.find(request->object);
  if (!object) {
    bulk_error(res, 400, "INVALIDENTITY", "Unable to find object: " + request->object);
    return;
  }
  std::string external_id;
  if (request->operation == "upsert") {
    if (!check_external_id(*object, request->external_id_field, res)) return;
    external_id = object->field(request->external_id_field)->name;
  }
  JobSettings settings;
  settings.kind = JobKind::Ingest;
  settings.operation = request->operation;
  settings.object = object->name;
  settings.external_id_field = external_id;
  settings.api_version = info.api_version;
  settings.created_by_id = info.token.user_id;
  settings.delimiter = request->delimiter;
  settings.line_ending = request->line_ending;
  auto job = jobs.registry.create(std::move(settings), JobState::Open, sfsync::now_ms());
  json_ok(res, 200, job_created_json(*job));
}

std::shared_ptr<Job> find_job(IngestJobs& jobs, const httplib::Request& req, httplib::Response& res) {
  auto job = jobs.registry.find(req.matches[2]);
  if (!job) bulk_job_not_found(res);
  return job;
}

void upload(IngestJobs& jobs, const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
  auto job = find_job(jobs, req, res);
  if (!job) return;
  if (job->progress().state != JobState::Open) {
    bulk_invalid_state(res, "Data can only be uploaded to a job in the Open state");
    return;
  }
  if (!job->set_upload(req.body)) {
    // Bulk 2.0 takes exactly one upload per job; a second PUT is refused with this text.
    bulk_error(res, 400, "BULK_API_ERROR",
               "Found multiple contents for job: <" + job->id() +
                   ">, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure "
                   "you only do 'PUT' once on a given Job.");
    return;
  }
  res.status = 201;
}

void change_state(IngestJobs& jobs, const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
  auto job = find_job(jobs, req, res);
  if (!job) return;
  auto request = parse_job_request(req.body, res);
  if (!request) return;
  const int64_t now = sfsync::now_ms();
  if (request->state == "Aborted") {
    if (!job->abort(now)) {
      bulk_invalid_state(res, "Job is already in a final state: " + std::string(job_state_name(job->progress().state)));
      return;
    }
  } else if (request->state == "UploadComplete") {
    if (!job->transition(JobState::Open, JobState::UploadComplete, now)) {
      bulk_invalid_state(res, "Only an Open job can be set to UploadComplete; this job is " +
                                  std::string(job_state_name(job->progress().state)));
      return;
    }
    json_ok(res, 200, job_created_json(*job));  // before the worker can move the state on
    OrgStore& store = *jobs.ctx.store;
    jobs.registry.submit(job, [&store](Job& j) { run_ingest_job(j, store); });
    return;
  } else {
    bulk_bad_setting(res, "JobStateEnum", request->state);
    return;
  }
  json_ok(res, 200, job_created_json(*job));
}

void delete_job(IngestJobs& jobs, const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
  auto job = find_job(jobs, req, res);
  if (!job) return;
  const JobState state = job->progress().state;
  if (state == JobState::Open || state == JobState::InProgress) {
    bulk_invalid_state(res, "A job can be deleted only when it is UploadComplete, JobComplete, Aborted or Failed");
    return;
  }
  jobs.registry.remove(job->id());
  res.status = 204;
}

// Serves one of the three outcome files of a finished job.
void serve_results(IngestJobs& jobs, const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
  auto job = find_job(jobs, req, res);
  if (!job) return;
  const JobState state = job->progress().state;
  if (!is_final(state)) {
    bulk_invalid_state(res, "Results are available once the job is JobComplete, Failed or Aborted; it is " +
                                std::string(job_state_name(state)));
    return;
  }
  const std::string kind = req.matches[3];
  const JobResults results = job->results();
  const ResultFile* file = kind == "successfulResults" ? results.successful.get()
                           : kind == "failedResults"   ? results.failed.get()
                                                       : results.unprocessed.get();
  res.status = 200;
  if (!file) {  // aborted before a worker ran: every uploaded row is unprocessed
    res.set_content(kind == "unprocessedrecords" ? job->upload_copy() : std::string(), "text/csv");
    return;
  }
  auto rows = file->read_rows(0, file->rows());
  if (!rows.ok()) {
    bulk_error(res, 500, "UNKNOWN_EXCEPTION", rows.error().message);
    return;
  }
  res.set_content(file->header() + *rows, "text/csv");
}

}  // namespace

void register_bulk_ingest_api(Router& router, ApiContext& ctx) {
  auto jobs = std::make_shared<IngestJobs>(ctx);
  std::weak_ptr<IngestJobs> weak = jobs;
  ctx.on_reset([weak] {
    if (auto j = weak.lock()) j->registry.clear();
  });
  auto route = [&router, jobs](Method m, const std::string& pattern, const std::string& counter, Handler h) {
    router.data(m, pattern, counter,
                [jobs, h](const httplib::Request& req, httplib::Response& res, const RequestInfo& info) {
                  h(*jobs, req, res, info);
                });
  };
  route(Method::Post, "/jobs/ingest/?", "bulk_ingest_create", create_job);
  route(Method::Get, "/jobs/ingest/?", "bulk_ingest_status",
        [](IngestJobs& j, const httplib::Request&, httplib::Response& res, const RequestInfo&) {
          json_ok(res, 200, job_list_json(j.registry.list()));
        });
  route(Method::Get, "/jobs/ingest/([^/]+)/?", "bulk_ingest_status",
        [](IngestJobs& j, const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
          if (auto job = find_job(j, req, res)) json_ok(res, 200, job_info_json(*job));
        });
  route(Method::Put, "/jobs/ingest/([^/]+)/batches/?", "bulk_ingest_upload", upload);
  route(Method::Patch, "/jobs/ingest/([^/]+)/?", "bulk_ingest_state", change_state);
  route(Method::Delete, "/jobs/ingest/([^/]+)/?", "bulk_ingest_state", delete_job);
  route(Method::Get, "/jobs/ingest/([^/]+)/(successfulResults|failedResults|unprocessedrecords)/?",
        "bulk_ingest_results", serve_results);
}

}  // namespace emu
