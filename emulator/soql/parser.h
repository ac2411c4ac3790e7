// SOQL parser: recursive descent over the lexer's tokens into a Query (ast.h).
//
// Grammar (the subset the emulator serves; keywords case-insensitive):
//   query      := SELECT item (',' item)* FROM name [alias] [WHERE condition]
//                 [ORDER BY key (',' key)*] [LIMIT int] [OFFSET int]
//   item       := COUNT '(' [path] ')' | FIELDS '(' ALL|STANDARD|CUSTOM ')' | path
//                 | '(' SELECT ... FROM childRelationship ... ')'   (top level only)
//   condition  := [NOT] operand ( (AND operand)* | (OR operand)* )
//   operand    := '(' condition ')' | path comparison
//   comparison := op value | [NOT] IN '(' values ')' | LIKE string | INCLUDES|EXCLUDES '(' strings ')'
//   key        := path [ASC|DESC] [NULLS FIRST|LAST]
// Like Salesforce, AND and OR cannot be mixed without parentheses ("a OR b AND c" is
// "unexpected token: 'AND'"), and NOT only starts a condition ("a AND NOT b" is rejected;
// "a AND (NOT b)" is fine). Syntax errors are MALFORMED_QUERY with the caret block.
#pragma once

#include <string_view>

#include "common/result.h"
#include "emulator/soql/ast.h"

namespace emu::soql {

sfsync::Result<Query> parse(std::string_view soql);

}  // namespace emu::soql
