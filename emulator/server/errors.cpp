#include "emulator/server/errors.h"

#include "common/json_writer.h"

namespace emu {

void json_body(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_content(std::move(body), "application/json;charset=UTF-8");
}

void sf_error_fields(httplib::Response& res, int status, std::string_view error_code, std::string_view message,
                     const std::vector<std::string>& fields) {
  std::string body;
  sfsync::JsonWriter w(body);
  w.begin_array().begin_object().member("message", message).member("errorCode", error_code);
  if (!fields.empty()) {
    w.key("fields").begin_array();
    for (const auto& f : fields) w.value(f);
    w.end_array();
  }
  w.end_object().end_array();
  json_body(res, status, std::move(body));
}

void sf_error(httplib::Response& res, int status, std::string_view error_code, std::string_view message) {
  sf_error_fields(res, status, error_code, message, {});
}

void oauth_error(httplib::Response& res, int status, std::string_view error, std::string_view description) {
  std::string body;
  sfsync::JsonWriter(body).begin_object().member("error", error).member("error_description", description).end_object();
  json_body(res, status, std::move(body));
}

void sfmc_error(httplib::Response& res, int status, int error_code, std::string_view message) {
  std::string body;
  sfsync::JsonWriter(body)
      .begin_object()
      .member("documentation",
              "https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm")
      .member("errorcode", error_code)
      .member("message", message)
      .end_object();
  json_body(res, status, std::move(body));
}

}  // namespace emu
