// Bulk API 2.0 error bodies: [{"errorCode":...,"message":...}] (errorCode first, as in
// fixtures/bulk2-error-not-found.json), and the few texts shared by the query and ingest surfaces.
//
// Confirmed by the Bulk guide: unknown job -> 404 NOT_FOUND; results read with another API version
// than the job's -> 409. Unverified (no public capture found): the errorCode and text of the 409, of
// requests made in the wrong job state, and of bad job settings; they are kept here, in one place.
#pragma once

#include <httplib.h>

#include <string_view>

namespace emu {

void bulk_error(httplib::Response& res, int status, std::string_view error_code, std::string_view message);
void bulk_job_not_found(httplib::Response& res);
// A request the job's current state does not allow (results before JobComplete, upload after Open).
void bulk_invalid_state(httplib::Response& res, std::string_view message);
void bulk_version_mismatch(httplib::Response& res, std::string_view job_version, std::string_view request_version);
// A job setting Salesforce cannot deserialize (unknown operation, contentType, lineEnding, ...).
void bulk_bad_setting(httplib::Response& res, std::string_view setting, std::string_view value);

}  // namespace emu
