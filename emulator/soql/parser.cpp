#include "emulator/soql/parser.h"

#include <charconv>

#include "common/time_util.h"
#include "emulator/org/schema.h"
#include "emulator/soql/date_literals.h"
#include "emulator/soql/lexer.h"
#include "emulator/soql/query_error.h"

namespace emu::soql {

std::string FieldPath::text() const {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out.push_back('.');
    out.append(p);
  }
  return out;
}

namespace {

// Thrown inside the parser only; parse() turns it into a Result error. Keeps every grammar rule
// a short function instead of threading Result through each call.
struct SyntaxError {
  size_t pos;
  std::string sentence;
};

// Longest parent path Salesforce accepts: five relationship hops (Contact.Account.Owner...).
constexpr size_t kMaxRelationshipHops = 5;

class Parser {
 public:
  Parser(std::string_view soql, std::vector<Token> tokens) : soql_(soql), tokens_(std::move(tokens)) {}

  Query query() {
    Query q = select_statement(false);
    if (peek().kind != TokenKind::End) fail(peek());
    return q;
  }

 private:
  // SELECT ... [OFFSET n]; `nested` for a parent-to-child subquery (one level deep).
  Query select_statement(bool nested) {
    Query q;
    expect_keyword("SELECT");
    do { q.select.push_back(select_item(nested)); } while (accept(TokenKind::Comma));
    expect_keyword("FROM");
    const Token& from = expect(TokenKind::Identifier);
    if (from.text.find('.') != std::string_view::npos) fail(from);
    q.from = std::string(from.text);
    q.from_pos = from.pos;
    if (peek().kind == TokenKind::Identifier && !reserved(peek().text) && peek().text.find('.') == std::string_view::npos) {
      q.alias = std::string(advance().text);
    }
    if (accept_keyword("WHERE")) q.where = condition();
    if (accept_keyword("ORDER")) {
      expect_keyword("BY");
      do { q.order_by.push_back(order_key()); } while (accept(TokenKind::Comma));
    }
    if (at_keyword("LIMIT")) { q.limit_pos = advance().pos; q.limit = integer(); }
    if (at_keyword("OFFSET")) { q.offset_pos = advance().pos; q.offset = integer(); }
    return q;
  }

  // --- token helpers -------------------------------------------------------------------------
  const Token& peek(size_t ahead = 0) const {
    size_t i = std::min(next_ + ahead, tokens_.size() - 1);
    return tokens_[i];
  }
  const Token& advance() {
    const Token& t = tokens_[next_];
    if (t.kind != TokenKind::End) ++next_;
    return t;
  }
  bool at_keyword(std::string_view kw, size_t ahead = 0) const {
    const Token& t = peek(ahead);
    return t.kind == TokenKind::Identifier && iequals(t.text, kw);
  }
  bool accept_keyword(std::string_view kw) {
    if (!at_keyword(kw)) return false;
    advance();
    return true;
  }
  bool accept(TokenKind k) {
    if (peek().kind != k) return false;
    advance();
    return true;
  }
  void expect_keyword(std::string_view kw) {
    if (!accept_keyword(kw)) fail(peek());
  }
  const Token& expect(TokenKind k) {
    if (peek().kind != k) fail(peek());
    return advance();
  }
  [[noreturn]] void fail(const Token& t) const { throw SyntaxError{t.pos, unexpected_token(t.text)}; }
  [[noreturn]] void fail(size_t pos, std::string sentence) const { throw SyntaxError{pos, std::move(sentence)}; }

  static bool reserved(std::string_view word) {
    for (std::string_view kw : {"AND", "OR", "NOT", "FROM", "WHERE", "ORDER", "LIMIT", "OFFSET", "SELECT",
                                "NULL", "TRUE", "FALSE", "IN", "LIKE", "INCLUDES", "EXCLUDES", "GROUP", "HAVING",
                                "WITH", "FOR", "USING", "ASC", "DESC", "NULLS"}) {
      if (iequals(word, kw)) return true;
    }
    return false;
  }

  // --- grammar rules -------------------------------------------------------------------------
  FieldPath path() {
    const Token& t = peek();
    if (t.kind != TokenKind::Identifier || reserved(t.text)) fail(t);
    advance();
    FieldPath p;
    size_t start = 0;
    while (true) {
      size_t dot = t.text.find('.', start);
      std::string_view part = t.text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
      if (part.empty()) fail(t);  // "Account..Name" or a trailing dot
      p.parts.emplace_back(part);
      p.positions.push_back(t.pos + start);
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    if (p.parts.size() - 1 > kMaxRelationshipHops) {
      fail(p.positions[kMaxRelationshipHops],
           "A driving SObject type can only be followed by up to 5 levels of relationship fields.");
    }
    return p;
  }

  SelectItem select_item(bool nested) {
    SelectItem item;
    item.pos = peek().pos;
    if (!nested && accept(TokenKind::LParen)) {
      item.kind = SelectKind::Subquery;
      item.pos = peek().pos;
      item.subquery = std::make_shared<Query>(select_statement(true));
      expect(TokenKind::RParen);
      return item;
    }
    if (at_keyword("COUNT") && peek(1).kind == TokenKind::LParen) {
      advance(); advance();
      if (accept(TokenKind::RParen)) { item.kind = SelectKind::CountAll; return item; }
      item.kind = SelectKind::CountField;
      item.field = path();
      expect(TokenKind::RParen);
      return item;
    }
    if (at_keyword("FIELDS") && peek(1).kind == TokenKind::LParen) {
      advance(); advance();
      const Token& which = expect(TokenKind::Identifier);
      if (iequals(which.text, "ALL")) item.kind = SelectKind::FieldsAll;
      else if (iequals(which.text, "STANDARD")) item.kind = SelectKind::FieldsStandard;
      else if (iequals(which.text, "CUSTOM")) item.kind = SelectKind::FieldsCustom;
      else fail(which);
      expect(TokenKind::RParen);
      return item;
    }
    item.field = path();
    return item;
  }

  Condition condition() {
    Condition first;
    if (at_keyword("NOT")) {
      advance();
      first.kind = Condition::Kind::Not;
      first.children.push_back(operand());
    } else {
      first = operand();
    }
    bool is_and = at_keyword("AND");
    if (!is_and && !at_keyword("OR")) return first;
    Condition chain;
    chain.kind = is_and ? Condition::Kind::And : Condition::Kind::Or;
    chain.children.push_back(std::move(first));
    while (accept_keyword(is_and ? "AND" : "OR")) chain.children.push_back(operand());
    if (at_keyword(is_and ? "OR" : "AND")) fail(peek());  // mixing needs parentheses
    return chain;
  }

  Condition operand() {
    if (accept(TokenKind::LParen)) {
      Condition inner = condition();
      expect(TokenKind::RParen);
      return inner;
    }
    Condition c;
    c.field = path();
    c.op_pos = peek().pos;
    comparison(c);
    return c;
  }

  void comparison(Condition& c) {
    const Token& t = peek();
    if (t.kind == TokenKind::Operator) {
      advance();
      c.op = t.text == "=" ? CompareOp::Eq : (t.text == "!=" || t.text == "<>") ? CompareOp::Ne
           : t.text == "<" ? CompareOp::Lt : t.text == "<=" ? CompareOp::Le
           : t.text == ">" ? CompareOp::Gt : CompareOp::Ge;
      c.values.push_back(value());
      return;
    }
    if (accept_keyword("LIKE")) { c.op = CompareOp::Like; c.values.push_back(value()); return; }
    if (at_keyword("NOT") && at_keyword("IN", 1)) { advance(); advance(); c.op = CompareOp::NotIn; }
    else if (accept_keyword("IN")) c.op = CompareOp::In;
    else if (accept_keyword("INCLUDES")) c.op = CompareOp::Includes;
    else if (accept_keyword("EXCLUDES")) c.op = CompareOp::Excludes;
    else fail(t);
    expect(TokenKind::LParen);
    do { c.values.push_back(value()); } while (accept(TokenKind::Comma));
    expect(TokenKind::RParen);
  }

  Literal value() {
    const Token& t = advance();
    Literal v;
    v.pos = t.pos;
    v.text = std::string(t.text);
    switch (t.kind) {
      case TokenKind::String: v.kind = LiteralKind::String; return v;
      case TokenKind::Number: v.kind = LiteralKind::Number; return v;
      case TokenKind::Date: {
        auto days = sfsync::parse_date(t.text);
        if (!days) fail(t);
        v.kind = LiteralKind::Date;
        v.days = *days;
        return v;
      }
      case TokenKind::DateTime: {
        auto ms = sfsync::parse_iso_datetime(t.text);
        if (!ms) fail(t);
        v.kind = LiteralKind::DateTime;
        v.epoch_ms = *ms;
        return v;
      }
      case TokenKind::Identifier: return word_value(t, v);
      default: fail(t);
    }
  }

  Literal word_value(const Token& t, Literal& v) {
    if (iequals(t.text, "null")) { v.kind = LiteralKind::Null; return v; }
    if (iequals(t.text, "true") || iequals(t.text, "false")) {
      v.kind = LiteralKind::Boolean;
      v.boolean = iequals(t.text, "true");
      return v;
    }
    RelativeArity arity = relative_date_arity(t.text);
    if (arity == RelativeArity::Unknown) fail(t);
    v.kind = LiteralKind::Relative;
    if (arity == RelativeArity::TakesN) {
      expect(TokenKind::Colon);
      v.n = integer();
    } else if (peek().kind == TokenKind::Colon) {
      fail(peek());
    }
    return v;
  }

  int64_t integer() {
    const Token& t = expect(TokenKind::Number);
    int64_t n = 0;
    auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), n);
    if (r.ec != std::errc() || r.ptr != t.text.data() + t.text.size() || n < 0) fail(t);
    return n;
  }

  OrderKey order_key() {
    OrderKey k;
    k.field = path();
    if (accept_keyword("DESC")) k.descending = true;
    else accept_keyword("ASC");
    if (accept_keyword("NULLS")) {
      if (accept_keyword("FIRST")) k.nulls_first = true;
      else if (accept_keyword("LAST")) k.nulls_first = false;
      else fail(peek());
    }
    return k;
  }

  std::string_view soql_;
  std::vector<Token> tokens_;
  size_t next_ = 0;
};

}  // namespace

sfsync::Result<Query> parse(std::string_view soql) {
  auto tokens = tokenize(soql);
  if (!tokens.ok()) return tokens.error();
  try {
    return Parser(soql, std::move(tokens.value())).query();
  } catch (const SyntaxError& e) {
    return query_error(soql, e.pos, "MALFORMED_QUERY", e.sentence);
  }
}

}  // namespace emu::soql
