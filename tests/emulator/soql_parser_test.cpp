// SOQL lexer/parser: grammar, literals, precedence rules and syntax-error positions.
#include <gtest/gtest.h>

#include "common/time_util.h"
#include "emulator/soql/date_literals.h"
#include "emulator/soql/lexer.h"
#include "emulator/soql/parser.h"
#include "emulator/soql/query_error.h"

using namespace emu::soql;

namespace {

Query parse_ok(const std::string& soql) {
  auto q = parse(soql);
  EXPECT_TRUE(q.ok()) << soql << " -> " << (q.ok() ? "" : q.error().message);
  return q.ok() ? q.value() : Query{};
}

sfsync::Error parse_error(const std::string& soql) {
  auto q = parse(soql);
  EXPECT_FALSE(q.ok()) << soql;
  return q.ok() ? sfsync::Error{} : q.error();
}

std::string unescaped(const std::string& raw, bool like = false) {
  std::string out;
  EXPECT_TRUE(unescape_string(raw, like, out)) << raw;
  return out;
}

}  // namespace

TEST(SoqlParser, FullQueryWithCaseInsensitiveKeywords) {
  Query q = parse_ok("select Id, Account.Name from contact where LastName = 'x' "
                     "order by LastName desc nulls last, Id limit 5 offset 2");
  ASSERT_EQ(q.select.size(), 2u);
  EXPECT_EQ(q.select[1].field.parts, (std::vector<std::string>{"Account", "Name"}));
  EXPECT_EQ(q.select[1].field.positions[1], 19u);
  EXPECT_EQ(q.from, "contact");
  ASSERT_TRUE(q.where);
  EXPECT_EQ(q.where->op, CompareOp::Eq);
  ASSERT_EQ(q.order_by.size(), 2u);
  EXPECT_TRUE(q.order_by[0].descending);
  EXPECT_EQ(q.order_by[0].nulls_first, false);
  EXPECT_FALSE(q.order_by[1].nulls_first.has_value());
  EXPECT_EQ(q.limit, 5);
  EXPECT_EQ(q.offset, 2);
}

TEST(SoqlParser, CountAndFieldsFunctions) {
  EXPECT_EQ(parse_ok("SELECT COUNT() FROM Contact").select[0].kind, SelectKind::CountAll);
  Query c = parse_ok("SELECT count(Id) FROM Contact");
  EXPECT_EQ(c.select[0].kind, SelectKind::CountField);
  EXPECT_EQ(c.select[0].field.parts[0], "Id");
  EXPECT_EQ(parse_ok("SELECT FIELDS(ALL) FROM Contact LIMIT 1").select[0].kind, SelectKind::FieldsAll);
  EXPECT_EQ(parse_ok("SELECT fields(standard) FROM Contact").select[0].kind, SelectKind::FieldsStandard);
  EXPECT_EQ(parse_ok("SELECT FIELDS(CUSTOM) FROM Contact LIMIT 1").select[0].kind, SelectKind::FieldsCustom);
  EXPECT_EQ(parse_error("SELECT FIELDS(SOME) FROM Contact").message,
            "\nSELECT FIELDS(SOME) FROM Contact\n              ^\nERROR at Row:1:Column:15\nunexpected token: 'SOME'");
}

TEST(SoqlParser, StringEscapes) {
  Query q = parse_ok(R"(SELECT Id FROM Contact WHERE LastName = 'O\'Brien \"x\" \\ \n\t 50\% a\_b')");
  EXPECT_EQ(q.where->values[0].kind, LiteralKind::String);
  EXPECT_EQ(unescaped(q.where->values[0].text), "O'Brien \"x\" \\ \n\t 50\\% a\\_b");
  // In a LIKE pattern a literal backslash stays escaped for SQLite's ESCAPE '\'.
  EXPECT_EQ(unescaped(R"(a\\b\%)", true), "a\\\\b\\%");
  std::string out;
  EXPECT_FALSE(unescape_string(R"(bad \x escape)", false, out));
  // An unterminated string is a syntax error at its opening quote.
  EXPECT_EQ(parse_error("SELECT Id FROM Contact WHERE LastName = 'abc").message,
            "\nSELECT Id FROM Contact WHERE LastName = 'abc\n                                        ^\n"
            "ERROR at Row:1:Column:41\nunexpected token: ''abc'");
}

TEST(SoqlParser, NumbersBooleansNull) {
  Query q = parse_ok("SELECT Id FROM Account WHERE NumberOfEmployees > -5 AND AnnualRevenue <= 300.5 "
                     "AND IsDeleted = TRUE AND Name != null");
  const auto& c = q.where->children;
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].values[0].kind, LiteralKind::Number);
  EXPECT_EQ(c[0].values[0].text, "-5");
  EXPECT_EQ(c[1].values[0].text, "300.5");
  EXPECT_EQ(c[1].op, CompareOp::Le);
  EXPECT_EQ(c[2].values[0].kind, LiteralKind::Boolean);
  EXPECT_TRUE(c[2].values[0].boolean);
  EXPECT_EQ(c[3].values[0].kind, LiteralKind::Null);
  EXPECT_EQ(c[3].op, CompareOp::Ne);
  EXPECT_EQ(parse_ok("SELECT Id FROM Account WHERE Name <> 'a'").where->op, CompareOp::Ne);
}

TEST(SoqlParser, DateAndDateTimeLiterals) {
  Query q = parse_ok("SELECT Id FROM Contact WHERE Birthdate = 2024-01-02 AND CreatedDate > 2024-01-02T03:04:05Z "
                     "AND CreatedDate < 2024-01-02T03:04:05.000+0000 AND SystemModstamp >= 2024-01-02T03:04:05-05:00");
  const auto& c = q.where->children;
  EXPECT_EQ(c[0].values[0].kind, LiteralKind::Date);
  EXPECT_EQ(c[0].values[0].days, sfsync::days_from_civil(2024, 1, 2));
  int64_t base = sfsync::days_from_civil(2024, 1, 2) * 86400000 + (3 * 3600 + 4 * 60 + 5) * 1000;
  EXPECT_EQ(c[1].values[0].kind, LiteralKind::DateTime);
  EXPECT_EQ(c[1].values[0].epoch_ms, base);
  EXPECT_EQ(c[2].values[0].epoch_ms, base);
  EXPECT_EQ(c[3].values[0].epoch_ms, base + 5 * 3600 * 1000);
  EXPECT_EQ(parse_error("SELECT Id FROM Contact WHERE Birthdate = 2024-13-45").code, "MALFORMED_QUERY");
}

TEST(SoqlParser, RelativeDateLiterals) {
  Query q = parse_ok("SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS:30 OR CreatedDate = today");
  EXPECT_EQ(q.where->kind, Condition::Kind::Or);
  EXPECT_EQ(q.where->children[0].values[0].kind, LiteralKind::Relative);
  EXPECT_EQ(q.where->children[0].values[0].n, 30);
  EXPECT_EQ(q.where->children[1].values[0].text, "today");
  EXPECT_EQ(parse_error("SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS").message,
            "\nSELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS\n"
            "                                                      ^\nERROR at Row:1:Column:55\nunexpected token: '<EOF>'");
  EXPECT_EQ(parse_error("SELECT Id FROM Contact WHERE CreatedDate = SOMEDAY").code, "MALFORMED_QUERY");
}

TEST(SoqlParser, RelativeDateRanges) {
  // Friday 2024-03-15 10:00 UTC.
  int64_t today = sfsync::days_from_civil(2024, 3, 15);
  int64_t now = today * 86400000 + 10 * 3600 * 1000;
  auto range = [&](const char* name, int64_t n = 0) { return *relative_date_range(name, n, now); };
  auto day = [](int m, int d) { return sfsync::days_from_civil(2024, static_cast<unsigned>(m), static_cast<unsigned>(d)); };
  EXPECT_EQ(range("TODAY").first_day, today);
  EXPECT_EQ(range("TODAY").end_day, today + 1);
  EXPECT_EQ(range("YESTERDAY").first_day, today - 1);
  EXPECT_EQ(range("THIS_WEEK").first_day, day(3, 10));  // Sunday
  EXPECT_EQ(range("THIS_WEEK").end_day, day(3, 17));
  EXPECT_EQ(range("LAST_MONTH").first_day, day(2, 1));
  EXPECT_EQ(range("LAST_MONTH").end_day, day(3, 1));
  EXPECT_EQ(range("THIS_QUARTER").first_day, day(1, 1));
  EXPECT_EQ(range("THIS_QUARTER").end_day, day(4, 1));
  EXPECT_EQ(range("NEXT_YEAR").first_day, sfsync::days_from_civil(2025, 1, 1));
  EXPECT_EQ(range("LAST_N_DAYS", 3).first_day, today - 3);
  EXPECT_EQ(range("LAST_N_DAYS", 3).end_day, today + 1);
  EXPECT_EQ(range("NEXT_N_DAYS", 2).first_day, today + 1);
  EXPECT_EQ(range("NEXT_N_DAYS", 2).end_day, today + 3);
  EXPECT_EQ(range("N_DAYS_AGO", 1).first_day, today - 1);
  EXPECT_EQ(range("LAST_N_MONTHS", 2).first_day, day(1, 1));
  EXPECT_EQ(range("LAST_N_MONTHS", 2).end_day, day(3, 1));
  EXPECT_FALSE(relative_date_range("NOT_A_LITERAL", 0, now).has_value());
}

TEST(SoqlParser, AndOrCannotBeMixedWithoutParentheses) {
  EXPECT_EQ(parse_error("SELECT Id FROM Contact WHERE LastName = 'a' OR LastName = 'b' AND Email = null").message,
            "\nSELECT Id FROM Contact WHERE LastName = 'a' OR LastName = 'b' AND Email = null\n"
            "                                                              ^\nERROR at Row:1:Column:63\n"
            "unexpected token: 'AND'");
  Query q = parse_ok("SELECT Id FROM Contact WHERE (LastName = 'a' OR LastName = 'b') AND Email = null");
  ASSERT_EQ(q.where->kind, Condition::Kind::And);
  EXPECT_EQ(q.where->children[0].kind, Condition::Kind::Or);
  EXPECT_EQ(q.where->children[0].children.size(), 2u);
  Query r = parse_ok("SELECT Id FROM Contact WHERE LastName = 'a' OR (LastName = 'b' AND Email = null) OR Id = null");
  ASSERT_EQ(r.where->kind, Condition::Kind::Or);
  EXPECT_EQ(r.where->children.size(), 3u);
  EXPECT_EQ(r.where->children[1].kind, Condition::Kind::And);
}

TEST(SoqlParser, NotOnlyStartsACondition) {
  Query q = parse_ok("SELECT Id FROM Contact WHERE NOT LastName = 'a'");
  EXPECT_EQ(q.where->kind, Condition::Kind::Not);
  Query r = parse_ok("SELECT Id FROM Contact WHERE Email != null AND (NOT LastName = 'a')");
  EXPECT_EQ(r.where->children[1].kind, Condition::Kind::Not);
  EXPECT_EQ(parse_error("SELECT Id FROM Contact WHERE Email != null AND NOT LastName = 'a'").message,
            "\nSELECT Id FROM Contact WHERE Email != null AND NOT LastName = 'a'\n"
            "                                               ^\nERROR at Row:1:Column:48\nunexpected token: 'NOT'");
}

TEST(SoqlParser, InLikeIncludesExcludes) {
  Query q = parse_ok("SELECT Id FROM Contact WHERE LastName IN ('a','b') AND Email NOT IN ('c') "
                     "AND LastName LIKE 'S%' AND Interests__c INCLUDES ('x;y','z') AND Interests__c EXCLUDES ('w')");
  const auto& c = q.where->children;
  EXPECT_EQ(c[0].op, CompareOp::In);
  EXPECT_EQ(c[0].values.size(), 2u);
  EXPECT_EQ(c[1].op, CompareOp::NotIn);
  EXPECT_EQ(c[2].op, CompareOp::Like);
  EXPECT_EQ(c[3].op, CompareOp::Includes);
  EXPECT_EQ(c[3].values[0].text, "x;y");
  EXPECT_EQ(c[4].op, CompareOp::Excludes);
}

TEST(SoqlParser, ParentToChildSubqueries) {
  Query q = parse_ok("SELECT Name, (SELECT Id, LastName FROM Contacts WHERE Email != null ORDER BY LastName LIMIT 5) "
                     "FROM Account");
  ASSERT_EQ(q.select.size(), 2u);
  EXPECT_EQ(q.select[1].kind, SelectKind::Subquery);
  ASSERT_TRUE(q.select[1].subquery);
  EXPECT_EQ(q.select[1].subquery->from, "Contacts");
  EXPECT_EQ(q.select[1].subquery->select.size(), 2u);
  EXPECT_EQ(q.select[1].subquery->limit, 5);
  EXPECT_EQ(q.from, "Account");
  // One level only, and the parentheses must close.
  EXPECT_EQ(parse_error("SELECT (SELECT (SELECT Id FROM Tasks) FROM Contacts) FROM Account").code, "MALFORMED_QUERY");
  EXPECT_EQ(parse_error("SELECT (SELECT Id FROM Contacts FROM Account").code, "MALFORMED_QUERY");
}

TEST(SoqlParser, RelationshipPathsUpToFiveHops) {
  EXPECT_EQ(parse_ok("SELECT Account.Name FROM Contact").select[0].field.parts.size(), 2u);
  EXPECT_EQ(parse_ok("SELECT Account.Owner.Manager.Manager.Manager.Name FROM Contact").select[0].field.parts.size(), 6u);
  sfsync::Error e = parse_error("SELECT Account.Owner.Manager.Manager.Manager.Manager.Name FROM Contact");
  EXPECT_EQ(e.code, "MALFORMED_QUERY");
  EXPECT_NE(e.message.find("ERROR at Row:1:Column:46"), std::string::npos) << e.message;
  EXPECT_EQ(parse_error("SELECT Account..Name FROM Contact").code, "MALFORMED_QUERY");
}

TEST(SoqlParser, SyntaxErrorPositions) {
  EXPECT_EQ(parse_error("SELECT Id FROM").message,
            "\nSELECT Id FROM\n              ^\nERROR at Row:1:Column:15\nunexpected token: '<EOF>'");
  EXPECT_EQ(parse_error("SELECT Id Contact").message,
            "\nSELECT Id Contact\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'Contact'");
  EXPECT_EQ(parse_error("SELECT Id, FROM Contact").message,
            "\nSELECT Id, FROM Contact\n           ^\nERROR at Row:1:Column:12\nunexpected token: 'FROM'");
  EXPECT_EQ(parse_error("SELECT Id FROM Contact LIMIT x").message,
            "\nSELECT Id FROM Contact LIMIT x\n                             ^\nERROR at Row:1:Column:30\nunexpected token: 'x'");
  EXPECT_EQ(parse_error("SELECT Id FROM Contact WHERE Name = 'a' extra").code, "MALFORMED_QUERY");
  EXPECT_EQ(parse_error("SELECT Id FROM Contact WHERE Name # 'a'").code, "MALFORMED_QUERY");
  // Multi-line queries: the row counts lines and the caret follows the offending line.
  EXPECT_EQ(parse_error("SELECT Id\nFROM Contact\nWHERE").message,
            "\nSELECT Id\nFROM Contact\nWHERE\n     ^\nERROR at Row:3:Column:6\nunexpected token: '<EOF>'");
}
