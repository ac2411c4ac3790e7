// Error bodies exactly as Salesforce and Marketing Cloud send them.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>
#include <vector>

namespace emu {

// Salesforce REST: HTTP `status`, body [{"message":..., "errorCode":...}].
void sf_error(httplib::Response& res, int status, std::string_view error_code, std::string_view message);
// Same, with "fields":[...] (INVALID_FIELD on writes and friends).
void sf_error_fields(httplib::Response& res, int status, std::string_view error_code,
                     std::string_view message, const std::vector<std::string>& fields);
// OAuth endpoints: {"error":..., "error_description":...}.
void oauth_error(httplib::Response& res, int status, std::string_view error, std::string_view description);
// Marketing Cloud REST: {"documentation":..., "errorcode":N, "message":...}.
void sfmc_error(httplib::Response& res, int status, int error_code, std::string_view message);
// application/json body.
void json_body(httplib::Response& res, int status, std::string body);

}  // namespace emu
