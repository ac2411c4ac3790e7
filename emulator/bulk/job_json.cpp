#include "emulator/bulk/job_json.h"

#include "common/json_writer.h"
#include "common/time_util.h"

namespace emu {

namespace {

using sfsync::JsonWriter;

// Job timestamps have whole seconds in real responses ("2018-12-10T17:50:19.000+0000").
std::string job_time(int64_t ms) { return sfsync::format_sf_datetime(ms - ms % 1000); }

enum class Detail { Created, Info, ListItem };

void write_job(JsonWriter& w, const Job& job, Detail detail) {
  const JobSettings& s = job.settings();
  const JobProgress p = job.progress();
  const bool ingest = s.kind == JobKind::Ingest;
  w.begin_object();
  w.member("id", job.id());
  w.member("operation", s.operation);
  w.member("object", s.object);
  w.member("createdById", s.created_by_id);
  w.member("createdDate", job_time(p.created_ms));
  w.member("systemModstamp", job_time(p.modstamp_ms));
  w.member("state", job_state_name(p.state));
  if (ingest && !s.external_id_field.empty()) w.member("externalIdFieldName", s.external_id_field);
  w.member("concurrencyMode", "Parallel");
  w.member("contentType", "CSV");
  w.key("apiVersion").raw(s.api_version);  // a JSON number: 63.0
  if (detail != Detail::Created) w.member("jobType", ingest ? "V2Ingest" : "V2Query");
  if (ingest && p.state == JobState::Open && detail != Detail::ListItem) {
    w.member("contentUrl", "services/data/v" + s.api_version + "/jobs/ingest/" + job.id() + "/batches");
  }
  w.member("lineEnding", csv::line_ending_name(s.line_ending));
  w.member("columnDelimiter", csv::delimiter_name(s.delimiter));
  if (detail == Detail::Info) {
    w.member("numberRecordsProcessed", p.records_processed);
    if (ingest) w.member("numberRecordsFailed", p.records_failed);
    w.member("retries", 0);
    w.member("totalProcessingTime", p.total_processing_ms);
    if (ingest) {
      w.member("apiActiveProcessingTime", p.api_active_ms);
      w.member("apexProcessingTime", 0);
    } else {
      w.member("isPkChunkingSupported", true);
    }
    if (p.state == JobState::Failed && !p.error_message.empty()) w.member("errorMessage", p.error_message);
  }
  w.end_object();
}

}  // namespace

std::string job_created_json(const Job& job) {
  std::string out;
  JsonWriter w(out);
  write_job(w, job, Detail::Created);
  return out;
}

std::string job_info_json(const Job& job) {
  std::string out;
  JsonWriter w(out);
  write_job(w, job, Detail::Info);
  return out;
}

std::string job_list_json(const std::vector<std::shared_ptr<Job>>& jobs) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.member("done", true);
  w.key("records").begin_array();
  for (const auto& job : jobs) write_job(w, *job, Detail::ListItem);
  w.end_array();
  w.null_member("nextRecordsUrl");
  w.end_object();
  return out;
}

}  // namespace emu
