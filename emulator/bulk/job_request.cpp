#include "emulator/bulk/job_request.h"

#include "emulator/bulk/bulk_errors.h"

namespace emu {

namespace {

// Reads a string member; false (with the error written) when present but not a string.
bool read_string(simdjson::dom::object obj, std::string_view key, std::string& out, httplib::Response& res) {
  simdjson::dom::element e;
  if (obj[key].get(e) != simdjson::SUCCESS || e.is_null()) return true;
  std::string_view s;
  if (e.get(s) != simdjson::SUCCESS) {
    bulk_error(res, 400, "JSON_PARSER_ERROR", "Cannot deserialize value of type `java.lang.String` for " + std::string(key));
    return false;
  }
  out.assign(s);
  return true;
}

}  // namespace

std::optional<JobRequest> parse_job_request(const std::string& body, httplib::Response& res) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::object obj;
  if (parser.parse(body).get(doc) != simdjson::SUCCESS || doc.get(obj) != simdjson::SUCCESS) {
    bulk_error(res, 400, "JSON_PARSER_ERROR", "Unexpected character in the request body: it must be a JSON object");
    return std::nullopt;
  }
  JobRequest r;
  std::string content_type, delimiter, line_ending;
  if (!read_string(obj, "operation", r.operation, res) || !read_string(obj, "query", r.query, res) ||
      !read_string(obj, "object", r.object, res) ||
      !read_string(obj, "externalIdFieldName", r.external_id_field, res) ||
      !read_string(obj, "state", r.state, res) || !read_string(obj, "contentType", content_type, res) ||
      !read_string(obj, "columnDelimiter", delimiter, res) ||
      !read_string(obj, "lineEnding", line_ending, res)) {
    return std::nullopt;
  }
  if (!content_type.empty() && content_type != "CSV") {
    bulk_bad_setting(res, "ContentType", content_type);
    return std::nullopt;
  }
  if (!delimiter.empty()) {
    auto d = csv::parse_delimiter(delimiter);
    if (!d) {
      bulk_bad_setting(res, "ColumnDelimiterEnum", delimiter);
      return std::nullopt;
    }
    r.delimiter = *d;
  }
  if (!line_ending.empty()) {
    auto e = csv::parse_line_ending(line_ending);
    if (!e) {
      bulk_bad_setting(res, "LineEndingEnum", line_ending);
      return std::nullopt;
    }
    r.line_ending = *e;
  }
  return r;
}

}  // namespace emu
