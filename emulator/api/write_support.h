// Request and response helpers shared by the write surfaces (sObject CRUD, sObject Collections):
// JSON bodies, error bodies built from WriteError, unknown objects, 405 answers.
#pragma once

#include <httplib.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "emulator/org/record_validator.h"
#include "emulator/server/api_context.h"

namespace emu {

// REST error body for one record error: [{"message","errorCode","fields"}]; request-level errors
// (unknown field, JSON type) carry no "fields", as Salesforce sends them.
void send_write_error(httplib::Response& res, int status, const WriteError& error);

// Parses the request body. On malformed JSON answers 400 JSON_PARSER_ERROR and returns false.
bool parse_json_body(simdjson::dom::parser& parser, const httplib::Request& req,
                     simdjson::dom::element& out, httplib::Response& res);

// The object named in a URL; answers 404 NOT_FOUND "The requested resource does not exist" when the
// org has no such object (what Salesforce answers for an unknown sObject in a REST path).
const ObjectSchema* find_object_or_404(ApiContext& ctx, std::string_view name, httplib::Response& res);

// Registers 405 METHOD_NOT_ALLOWED for `methods` on `pattern` (data-API relative, as Router::data);
// `allowed` is the list Salesforce names in the message ("GET,PATCH,HEAD,DELETE").
void register_not_allowed(Router& router, const std::string& pattern, const std::vector<Method>& methods,
                          const std::string& allowed);

// The query parameter as given, or "" when absent.
std::string query_param(const httplib::Request& req, const char* name);

}  // namespace emu
