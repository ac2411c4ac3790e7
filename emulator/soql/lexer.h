// SOQL lexer: splits the query text into tokens, each remembering its byte offset so errors can
// point at it (Row/Column) the way Salesforce does.
//
// Field paths (`Account.Owner.Name`) are one Identifier token: SOQL never allows spaces around the
// dots, and the parser splits the path itself. Date and datetime literals (2024-01-02,
// 2024-01-02T03:04:05Z) are tokens of their own because they are unquoted in SOQL.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace emu::soql {

enum class TokenKind {
  Identifier,  // keywords too; the parser compares case-insensitively
  String,      // text = the raw body between the quotes, escapes still in place
  Number,      // 42, -3.5
  Date,        // 2024-01-02
  DateTime,    // 2024-01-02T03:04:05Z, ...000+0000, ...-05:00
  Comma, LParen, RParen, Colon,
  Operator,    // = != <> < <= > >=
  End,
};

struct Token {
  TokenKind kind;
  std::string_view text;  // a view into the query text
  size_t pos;             // byte offset of the token's first character
};

// Tokens of `soql`, always ending with an End token; MALFORMED_QUERY for unterminated strings or
// characters SOQL does not know.
sfsync::Result<std::vector<Token>> tokenize(std::string_view soql);

// A string literal's body with escapes resolved (\' \" \\ \n \t \r \b \f). \% and \_ keep their
// backslash: in a LIKE pattern they are SQLite's escaped wildcards (ESCAPE '\'), and outside LIKE
// Salesforce keeps them as written. With like_pattern, \\ stays escaped for the same reason.
// False for an escape SOQL does not know.
bool unescape_string(std::string_view raw, bool like_pattern, std::string& out);

}  // namespace emu::soql
