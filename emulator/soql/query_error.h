// SOQL errors in Salesforce's own format.
//
// Salesforce echoes the query, draws a caret under the offending token and names its row and
// column before the sentence:
//   "\nSELECT Id,Invalid__x FROM Contact LIMIT 1\n          ^\nERROR at Row:1:Column:11\nNo such column ..."
// Clients (and our own engine) show these messages to people, so the block is reproduced exactly.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace emu::soql {

// The error with the caret block pointing at byte offset `pos` of `soql`.
sfsync::Error query_error(std::string_view soql, size_t pos, std::string code, std::string_view sentence);

// The message text alone (exposed for tests).
std::string format_query_error(std::string_view soql, size_t pos, std::string_view sentence);

// Sentences Salesforce uses, shared by the parser and the compiler.
std::string no_such_column(std::string_view field, std::string_view object);
std::string unsupported_sobject(std::string_view object);
std::string unknown_relationship(std::string_view relationship);
std::string unexpected_token(std::string_view token);

}  // namespace emu::soql
