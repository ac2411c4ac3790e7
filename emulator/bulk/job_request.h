// Reading a job-create or job-state request body (JSON), shared by the query and ingest surfaces.
#pragma once

#include <httplib.h>
#include <simdjson.h>

#include <optional>
#include <string>

#include "emulator/bulk/job.h"

namespace emu {

// The JSON members of a create-job body that both kinds share, plus the kind-specific strings.
struct JobRequest {
  std::string operation;
  std::string query;                 // query jobs
  std::string object;                // ingest jobs
  std::string external_id_field;     // ingest upsert
  std::string state;                 // PATCH bodies
  csv::Delimiter delimiter = csv::Delimiter::Comma;
  csv::LineEnding line_ending = csv::LineEnding::LF;
};

// Parses the body; on a malformed body or a bad contentType/columnDelimiter/lineEnding value writes
// the error response and returns nullopt.
std::optional<JobRequest> parse_job_request(const std::string& body, httplib::Response& res);

}  // namespace emu
