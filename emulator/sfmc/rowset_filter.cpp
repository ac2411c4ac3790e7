#include "emulator/sfmc/rowset_filter.h"

#include <cctype>
#include <optional>

namespace emu {
namespace {

using sfsync::make_error;

struct Token {
  enum Kind { Word, Quoted, LParen, RParen, Comma, End } kind = End;
  std::string text;
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  sfsync::Result<std::vector<Token>> run() {
    std::vector<Token> out;
    while (true) {
      while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      if (pos_ >= s_.size()) break;
      char c = s_[pos_];
      if (c == '(') { out.push_back({Token::LParen, "("}); ++pos_; continue; }
      if (c == ')') { out.push_back({Token::RParen, ")"}); ++pos_; continue; }
      if (c == ',') { out.push_back({Token::Comma, ","}); ++pos_; continue; }
      if (c == '\'') {
        auto quoted = read_quoted();
        if (!quoted) return quoted.error();
        out.push_back({Token::Quoted, std::move(*quoted)});
        continue;
      }
      size_t start = pos_;
      while (pos_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[pos_])) && s_[pos_] != '(' &&
             s_[pos_] != ')' && s_[pos_] != ',' && s_[pos_] != '\'') {
        ++pos_;
      }
      out.push_back({Token::Word, std::string(s_.substr(start, pos_ - start))});
    }
    out.push_back({Token::End, ""});
    return out;
  }

 private:
  sfsync::Result<std::string> read_quoted() {
    std::string value;
    ++pos_;
    while (pos_ < s_.size()) {
      if (s_[pos_] == '\'') {
        if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '\'') { value.push_back('\''); pos_ += 2; continue; }
        ++pos_;
        return value;
      }
      value.push_back(s_[pos_++]);
    }
    return make_error("bad_filter", "unterminated quoted value in $filter");
  }
  std::string_view s_;
  size_t pos_ = 0;
};

std::optional<std::string_view> sql_operator(std::string_view op) {
  static const std::pair<std::string_view, std::string_view> kOps[] = {
      {"eq", "="},  {"neq", "!="}, {"ne", "!="}, {"lt", "<"},  {"lte", "<="},
      {"le", "<="}, {"gt", ">"},   {"gte", ">="}, {"ge", ">="}, {"like", "LIKE"}};
  for (const auto& [name, sql] : kOps) {
    if (iequals(name, op)) return sql;
  }
  return std::nullopt;
}

class FilterCompiler {
 public:
  FilterCompiler(std::vector<Token> tokens, const DataExtensionDef& de) : t_(std::move(tokens)), de_(de) {}

  sfsync::Result<SqlWhere> run() {
    if (auto r = expr(); !r) return r.error();
    if (peek().kind != Token::End) return fail("unexpected '" + peek().text + "'");
    return std::move(out_);
  }

 private:
  const Token& peek() const { return t_[pos_]; }
  bool word_is(std::string_view w) const { return peek().kind == Token::Word && iequals(peek().text, w); }
  sfsync::Error fail(const std::string& what) const { return make_error("bad_filter", "Invalid $filter: " + what); }

  sfsync::Result<void> expr() {
    return joined("or", [this] { return and_expr(); });
  }
  sfsync::Result<void> and_expr() {
    return joined("and", [this] { return unary(); });
  }

  template <typename Next>
  sfsync::Result<void> joined(std::string_view keyword, Next next) {
    if (auto r = next(); !r) return r;
    while (word_is(keyword)) {
      ++pos_;
      out_.sql += keyword == "or" ? " OR " : " AND ";
      if (auto r = next(); !r) return r;
    }
    return {};
  }

  sfsync::Result<void> unary() {
    if (word_is("not")) {
      ++pos_;
      out_.sql += "NOT ";
      return unary();
    }
    if (peek().kind == Token::LParen) {
      ++pos_;
      out_.sql += "(";
      if (auto r = expr(); !r) return r;
      if (peek().kind != Token::RParen) return fail("missing ')'");
      ++pos_;
      out_.sql += ")";
      return {};
    }
    return comparison();
  }

  sfsync::Result<void> comparison() {
    if (peek().kind != Token::Word) return fail("expected a field name");
    int index = de_.field_index(peek().text);
    if (index < 0) return fail("unknown field '" + peek().text + "'");
    ++pos_;
    const DeField& field = de_.fields[size_t(index)];
    std::string column = de_column(size_t(index));
    if (word_is("between")) {
      ++pos_;
      auto low = value(field);
      if (!low) return low.error();
      if (!word_is("and")) return fail("'between' needs 'and'");
      ++pos_;
      auto high = value(field);
      if (!high) return high.error();
      out_.sql += "(" + column + " BETWEEN ? AND ?)";
      out_.binds.push_back(std::move(*low));
      out_.binds.push_back(std::move(*high));
      return {};
    }
    if (peek().kind != Token::Word) return fail("expected an operator after " + field.name);
    auto op = sql_operator(peek().text);
    if (!op) return fail("unknown operator '" + peek().text + "'");
    ++pos_;
    if (*op == "LIKE") return like(column);
    auto cell = value(field);
    if (!cell) return cell.error();
    if (std::holds_alternative<std::monostate>(*cell)) {
      if (*op != "=" && *op != "!=") return fail("'' can only be compared with eq or neq");
      out_.sql += column + (*op == "=" ? " IS NULL" : " IS NOT NULL");
      return {};
    }
    out_.sql += column + " " + std::string(*op) + " ?";
    out_.binds.push_back(std::move(*cell));
    return {};
  }

  // LIKE compares the text form; SQLite's LIKE is case-insensitive like the platform's collation.
  sfsync::Result<void> like(const std::string& column) {
    if (peek().kind != Token::Quoted && peek().kind != Token::Word) return fail("'like' needs a value");
    out_.sql += column + " LIKE ?";
    out_.binds.emplace_back(peek().text);
    ++pos_;
    return {};
  }

  sfsync::Result<DeCell> value(const DeField& field) {
    if (peek().kind != Token::Quoted && peek().kind != Token::Word) return fail("expected a value for " + field.name);
    auto cell = parse_de_value(field, peek().text);
    if (!cell) return fail(cell.error().message);
    ++pos_;
    return cell;
  }

  std::vector<Token> t_;
  size_t pos_ = 0;
  const DataExtensionDef& de_;
  SqlWhere out_;
};

}  // namespace

sfsync::Result<SqlWhere> compile_rowset_filter(std::string_view filter, const DataExtensionDef& de) {
  auto tokens = Lexer(filter).run();
  if (!tokens) return tokens.error();
  if (tokens->size() == 1) return SqlWhere{};
  return FilterCompiler(std::move(*tokens), de).run();
}

sfsync::Result<std::string> compile_rowset_order(std::string_view order_by, const DataExtensionDef& de) {
  auto tokens = Lexer(order_by).run();
  if (!tokens) return make_error("bad_order_by", "Invalid $orderBy");
  std::string sql;
  const auto& t = *tokens;
  size_t i = 0;
  while (t[i].kind != Token::End) {
    if (t[i].kind != Token::Word) return make_error("bad_order_by", "Invalid $orderBy: expected a field name");
    int index = de.field_index(t[i].text);
    if (index < 0) return make_error("bad_order_by", "Invalid $orderBy: unknown field '" + t[i].text + "'");
    ++i;
    std::string direction = "ASC";
    if (t[i].kind == Token::Word && (iequals(t[i].text, "asc") || iequals(t[i].text, "desc"))) {
      direction = iequals(t[i].text, "desc") ? "DESC" : "ASC";
      ++i;
    }
    if (!sql.empty()) sql += ", ";
    sql += de_column(size_t(index)) + " " + direction;
    if (t[i].kind == Token::Comma) ++i;
    else if (t[i].kind != Token::End) return make_error("bad_order_by", "Invalid $orderBy near '" + t[i].text + "'");
  }
  return sql;
}

}  // namespace emu
