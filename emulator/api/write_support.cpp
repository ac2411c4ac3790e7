#include "emulator/api/write_support.h"

#include "common/json_writer.h"
#include "emulator/server/errors.h"

namespace emu {

void send_write_error(httplib::Response& res, int status, const WriteError& error) {
  if (error.request_level) sf_error(res, status, error.status_code, error.message);
  else sf_error_fields(res, status, error.status_code, error.message, error.fields);
}

bool parse_json_body(simdjson::dom::parser& parser, const httplib::Request& req,
                     simdjson::dom::element& out, httplib::Response& res) {
  auto parsed = parser.parse(req.body);
  if (parsed.error()) {
    std::string message = req.body.empty()
        ? "The request body is either invalid or incomplete."
        : std::string("Unexpected character in the request body: ") +
              simdjson::error_message(parsed.error()) + " at [line:1, column:1]";
    sf_error(res, 400, "JSON_PARSER_ERROR", message);
    return false;
  }
  out = parsed.value();
  return true;
}

const ObjectSchema* find_object_or_404(ApiContext& ctx, std::string_view name, httplib::Response& res) {
  const ObjectSchema* object = ctx.catalog.find(name);
  if (!object) sf_error(res, 404, "NOT_FOUND", "The requested resource does not exist");
  return object;
}

void register_not_allowed(Router& router, const std::string& pattern, const std::vector<Method>& methods,
                          const std::string& allowed) {
  for (Method m : methods) {
    router.data(m, pattern, "method_not_allowed",
                [allowed](const httplib::Request& req, httplib::Response& res, const RequestInfo&) {
                  sf_error(res, 405, "METHOD_NOT_ALLOWED",
                           "HTTP Method '" + req.method + "' not allowed. Allowed are " + allowed);
                });
  }
}

std::string query_param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

}  // namespace emu
