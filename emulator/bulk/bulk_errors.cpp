#include "emulator/bulk/bulk_errors.h"

#include <string>

#include "common/json_writer.h"

namespace emu {

void bulk_error(httplib::Response& res, int status, std::string_view error_code, std::string_view message) {
  std::string body;
  sfsync::JsonWriter w(body);
  w.begin_array().begin_object().member("errorCode", error_code).member("message", message).end_object().end_array();
  res.status = status;
  res.set_content(body, "application/json;charset=UTF-8");
}

void bulk_job_not_found(httplib::Response& res) {
  bulk_error(res, 404, "NOT_FOUND", "The requested resource does not exist");
}

void bulk_invalid_state(httplib::Response& res, std::string_view message) {
  bulk_error(res, 400, "INVALIDJOBSTATE", message);
}

void bulk_version_mismatch(httplib::Response& res, std::string_view job_version,
                           std::string_view request_version) {
  bulk_error(res, 409, "API_ERROR",
             "The job was created with API version " + std::string(job_version) +
                 ". Use the same API version to get its results, not " + std::string(request_version) + ".");
}

void bulk_bad_setting(httplib::Response& res, std::string_view setting, std::string_view value) {
  bulk_error(res, 400, "JSON_PARSER_ERROR",
             "Cannot deserialize instance of " + std::string(setting) + " from VALUE_STRING value " +
                 std::string(value) + " or request may be missing a required field");
}

}  // namespace emu
