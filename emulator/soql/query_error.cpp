#include "emulator/soql/query_error.h"

namespace emu::soql {

std::string format_query_error(std::string_view soql, size_t pos, std::string_view sentence) {
  if (pos > soql.size()) pos = soql.size();
  // Row and column are 1-based; the caret line follows the row it points into (later rows are cut).
  size_t newline = pos == 0 ? std::string_view::npos : soql.rfind('\n', pos - 1);
  size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  size_t row = 1;
  for (size_t i = 0; i < line_start; ++i) row += soql[i] == '\n';
  size_t column = pos - line_start + 1;
  size_t line_end = soql.find('\n', pos);
  if (line_end == std::string_view::npos) line_end = soql.size();

  std::string out = "\n";
  out.append(soql.substr(0, line_end));
  out.push_back('\n');
  out.append(column - 1, ' ');
  out.append("^\nERROR at Row:");
  out.append(std::to_string(row));
  out.append(":Column:");
  out.append(std::to_string(column));
  out.push_back('\n');
  out.append(sentence);
  return out;
}

sfsync::Error query_error(std::string_view soql, size_t pos, std::string code, std::string_view sentence) {
  return sfsync::Error{std::move(code), format_query_error(soql, pos, sentence)};
}

std::string no_such_column(std::string_view field, std::string_view object) {
  return "No such column '" + std::string(field) + "' on entity '" + std::string(object) +
         "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom "
         "field name. Please reference your WSDL or the describe call for the appropriate names.";
}

std::string unsupported_sobject(std::string_view object) {
  return "sObject type '" + std::string(object) +
         "' is not supported. If you are attempting to use a custom object, be sure to append the '__c' "
         "after the entity name. Please reference your WSDL or the describe call for the appropriate names.";
}

std::string unknown_relationship(std::string_view relationship) {
  return "Didn't understand relationship '" + std::string(relationship) +
         "' in field path. If you are attempting to use a custom relationship, be sure to append the "
         "'__r' after the custom relationship name. Please reference your WSDL or the describe call for "
         "the appropriate names.";
}

std::string unexpected_token(std::string_view token) {
  return "unexpected token: '" + std::string(token) + "'";
}

}  // namespace emu::soql
