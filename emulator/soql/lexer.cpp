#include "emulator/soql/lexer.h"

#include <cctype>
#include <optional>

#include "emulator/soql/query_error.h"

namespace emu::soql {
namespace {

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Lexer {
 public:
  explicit Lexer(std::string_view soql) : s_(soql) {}

  sfsync::Result<std::vector<Token>> run() {
    std::vector<Token> tokens;
    while (true) {
      skip_space();
      if (i_ >= s_.size()) break;
      size_t start = i_;
      char c = s_[i_];
      if (is_ident_start(c)) {
        while (i_ < s_.size() && is_ident_char(s_[i_])) ++i_;
        tokens.push_back({TokenKind::Identifier, s_.substr(start, i_ - start), start});
      } else if (c == '\'') {
        auto body = string_body();
        if (!body) return query_error(s_, start, "MALFORMED_QUERY", unexpected_token(s_.substr(start)));
        tokens.push_back({TokenKind::String, *body, start});
      } else if (is_digit(c) || ((c == '-' || c == '+') && i_ + 1 < s_.size() && is_digit(s_[i_ + 1]))) {
        tokens.push_back(number_or_date());
      } else if (c == ',' || c == '(' || c == ')' || c == ':') {
        ++i_;
        TokenKind k = c == ',' ? TokenKind::Comma : c == '(' ? TokenKind::LParen
                    : c == ')' ? TokenKind::RParen : TokenKind::Colon;
        tokens.push_back({k, s_.substr(start, 1), start});
      } else if (c == '=' || c == '<' || c == '>' || c == '!') {
        tokens.push_back(comparison_operator());
        if (tokens.back().text == "!") return query_error(s_, start, "MALFORMED_QUERY", unexpected_token("!"));
      } else {
        return query_error(s_, start, "MALFORMED_QUERY", unexpected_token(s_.substr(start, 1)));
      }
    }
    tokens.push_back({TokenKind::End, "<EOF>", s_.size()});
    return tokens;
  }

 private:
  void skip_space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }

  // Body of a quoted string; i_ is on the opening quote. False when it never closes.
  std::optional<std::string_view> string_body() {
    size_t start = ++i_;
    while (i_ < s_.size()) {
      if (s_[i_] == '\\') { i_ += 2; continue; }
      if (s_[i_] == '\'') { return s_.substr(start, i_++ - start); }
      ++i_;
    }
    return std::nullopt;
  }

  Token number_or_date() {
    size_t start = i_;
    if (s_[i_] == '-' || s_[i_] == '+') ++i_;
    size_t digits_start = i_;
    while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
    bool date_shape = start == digits_start && i_ - digits_start == 4 && i_ < s_.size() && s_[i_] == '-';
    if (!date_shape) {
      if (i_ < s_.size() && s_[i_] == '.') {
        ++i_;
        while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
      }
      return {TokenKind::Number, s_.substr(start, i_ - start), start};
    }
    // YYYY-MM-DD, then optionally THH:MM:SS[.fff](Z|+hh:mm|-hhmm...).
    while (i_ < s_.size() && (is_digit(s_[i_]) || s_[i_] == '-')) ++i_;
    if (i_ >= s_.size() || (s_[i_] != 'T' && s_[i_] != 't')) {
      return {TokenKind::Date, s_.substr(start, i_ - start), start};
    }
    ++i_;
    while (i_ < s_.size() && (is_digit(s_[i_]) || s_[i_] == ':' || s_[i_] == '.' || s_[i_] == '+' ||
                              s_[i_] == '-' || s_[i_] == 'Z' || s_[i_] == 'z')) {
      ++i_;
    }
    return {TokenKind::DateTime, s_.substr(start, i_ - start), start};
  }

  Token comparison_operator() {
    size_t start = i_;
    char c = s_[i_++];
    if (i_ < s_.size()) {
      char n = s_[i_];
      if ((c == '!' && n == '=') || (c == '<' && (n == '=' || n == '>')) || (c == '>' && n == '=')) ++i_;
    }
    return {TokenKind::Operator, s_.substr(start, i_ - start), start};
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

sfsync::Result<std::vector<Token>> tokenize(std::string_view soql) { return Lexer(soql).run(); }

bool unescape_string(std::string_view raw, bool like_pattern, std::string& out) {
  out.clear();
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\') { out.push_back(c); continue; }
    if (++i >= raw.size()) return false;
    switch (raw[i]) {
      case '\'': out.push_back('\''); break;
      case '"': out.push_back('"'); break;
      case '\\': out.append(like_pattern ? "\\\\" : "\\"); break;
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case '%': out.append("\\%"); break;
      case '_': out.append("\\_"); break;
      default: return false;
    }
  }
  return true;
}

}  // namespace emu::soql
