// Unit tests of the Bulk CSV reader/writer, the paged result file and locators (no HTTP).
#include <gtest/gtest.h>
#include <unistd.h>

#include "emulator/bulk/csv.h"
#include "emulator/bulk/csv_values.h"
#include "emulator/bulk/result_file.h"

namespace {

using emu::ResultFile;
namespace csv = emu::csv;

std::vector<std::vector<std::string>> read_all(std::string_view data, char delim = ',') {
  csv::Reader reader(data, delim);
  csv::Row row;
  std::vector<std::vector<std::string>> rows;
  while (reader.next(row)) rows.push_back(row.fields);
  EXPECT_EQ(reader.error(), "");
  return rows;
}

TEST(BulkCsv, WriterQuotesEveryValueAndDoublesQuotes) {
  std::string out;
  csv::Writer w(out);
  w.field("Id").field("Name");
  w.end_row();
  w.field("001").field("say \"hi\", then\nleave").field("");
  w.end_row();
  EXPECT_EQ(out, "\"Id\",\"Name\"\n\"001\",\"say \"\"hi\"\", then\nleave\",\"\"\n");
}

TEST(BulkCsv, WriterUsesDelimiterAndLineEnding) {
  std::string out;
  csv::Writer w(out, '|', "\r\n");
  w.raw("Id").field("a|b");
  w.end_row();
  EXPECT_EQ(out, "Id|\"a|b\"\r\n");
}

TEST(BulkCsv, ReaderHandlesQuotedAndUnquotedFields) {
  auto rows = read_all("FirstName,LastName,Phone,ExternalId__c\nMark,Brown,4155558787,\"1001\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"Mark", "Brown", "4155558787", "1001"}));
}

TEST(BulkCsv, ReaderHandlesEscapesNewlinesAndEmptyFields) {
  auto rows = read_all("a,b,c\r\n\"x,\"\"y\"\"\",\"line1\nline2\",\r\n,,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x,\"y\"", "line1\nline2", ""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"", "", ""}));
}

TEST(BulkCsv, ReaderKeepsRowTextAndLine) {
  csv::Reader reader("h1,h2\n\"a\nb\",c\nd,e");
  csv::Row row;
  ASSERT_TRUE(reader.next(row));
  ASSERT_TRUE(reader.next(row));
  EXPECT_EQ(row.text, "\"a\nb\",c");
  EXPECT_EQ(row.line, 2u);
  ASSERT_TRUE(reader.next(row));
  EXPECT_EQ(row.text, "d,e");
  EXPECT_EQ(row.line, 4u);
  EXPECT_FALSE(reader.next(row));
}

TEST(BulkCsv, ReaderReportsUnterminatedQuote) {
  csv::Reader reader("a,b\n\"open,c\n");
  csv::Row row;
  ASSERT_TRUE(reader.next(row));
  EXPECT_FALSE(reader.next(row));
  EXPECT_NE(reader.error().find("unterminated"), std::string::npos);
}

TEST(BulkCsv, ReaderReportsTextAfterClosingQuote) {
  csv::Reader reader("\"a\"b,c\n");
  csv::Row row;
  EXPECT_FALSE(reader.next(row));
  EXPECT_FALSE(reader.error().empty());
}

TEST(BulkCsv, ReaderUsesOtherDelimiters) {
  auto rows = read_all("a\tb\n1\t\"2\t3\"\n", '\t');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2\t3"}));
}

TEST(BulkCsv, DelimiterAndLineEndingNames) {
  EXPECT_EQ(csv::parse_delimiter("PIPE"), csv::Delimiter::Pipe);
  EXPECT_EQ(csv::delimiter_char(*csv::parse_delimiter("BACKQUOTE")), '`');
  EXPECT_FALSE(csv::parse_delimiter("comma").has_value());
  EXPECT_EQ(csv::parse_line_ending("CRLF"), csv::LineEnding::CRLF);
  EXPECT_FALSE(csv::parse_line_ending("CR").has_value());
}

std::string csv_value(const emu::FieldValue& v, emu::FieldType t) {
  std::string out;
  emu::append_csv_value(out, v, t);
  return out;
}

TEST(BulkCsvValues, FormatsLikeBulkResultFiles) {
  using emu::FieldType;
  EXPECT_EQ(csv_value(std::monostate{}, FieldType::String), "");
  EXPECT_EQ(csv_value(true, FieldType::Boolean), "true");
  EXPECT_EQ(csv_value(int64_t{0}, FieldType::Boolean), "false");
  EXPECT_EQ(csv_value(int64_t{1704164645000}, FieldType::DateTime), "2024-01-02T03:04:05.000Z");
  EXPECT_EQ(csv_value(std::string("2024-01-02"), FieldType::Date), "2024-01-02");
  EXPECT_EQ(csv_value(300.0, FieldType::Currency), "300.0");
  EXPECT_EQ(csv_value(12.5, FieldType::Percent), "12.5");
  EXPECT_EQ(csv_value(int64_t{42}, FieldType::Int), "42");
  EXPECT_EQ(csv_value(std::string("a,\"b\""), FieldType::String), "a,\"b\"");
}

TEST(BulkLocator, LooksLikeSalesforceAndRoundTrips) {
  EXPECT_EQ(emu::encode_locator(10000), "MTAwMDA");
  for (int64_t row : {0LL, 1LL, 7LL, 999LL, 123456789LL}) {
    EXPECT_EQ(emu::decode_locator(emu::encode_locator(row)), row);
  }
  EXPECT_FALSE(emu::decode_locator("null").has_value());
  EXPECT_FALSE(emu::decode_locator("").has_value());
  EXPECT_FALSE(emu::decode_locator("MTAwMDA=").has_value());
}

// Rows whose values contain quotes and line breaks, so the page scan must respect quoting.
std::string tricky_row(int i) {
  std::string out;
  csv::Writer w(out);
  w.field(std::to_string(i)).field(i % 3 == 0 ? "multi\nline \"" + std::to_string(i) + "\"" : "plain");
  w.end_row();
  return out;
}

TEST(BulkResultFile, PagesAcrossIndexBlocks) {
  auto file = ResultFile::create("test");
  ASSERT_TRUE(file.ok());
  ResultFile& f = **file;
  ASSERT_TRUE(f.set_header("\"n\",\"v\"\n").ok());
  const int total = 6000;  // > 64 KiB: pages cross read chunks
  for (int i = 0; i < total; ++i) ASSERT_TRUE(f.append_row(tricky_row(i)).ok());
  ASSERT_TRUE(f.finish().ok());
  EXPECT_EQ(f.rows(), total);

  for (int64_t first : {0LL, 1LL, 1023LL, 1024LL, 1500LL, 4100LL, 5999LL}) {
    auto page = f.read_rows(first, 7);
    ASSERT_TRUE(page.ok());
    std::string expected;
    for (int64_t i = first; i < std::min<int64_t>(first + 7, total); ++i) expected += tricky_row(int(i));
    EXPECT_EQ(*page, expected) << "first=" << first;
  }
  auto all = f.read_rows(0, total + 10);
  ASSERT_TRUE(all.ok());
  std::string expected;
  for (int i = 0; i < total; ++i) expected += tricky_row(i);
  EXPECT_EQ(*all, expected);
  EXPECT_EQ(f.read_rows(total, 5).value(), "");
}

TEST(BulkResultFile, FileIsRemovedWithTheObject) {
  std::string path;
  {
    auto file = ResultFile::create("gone");
    ASSERT_TRUE(file.ok());
    path = (*file)->path();
    EXPECT_EQ(access(path.c_str(), F_OK), 0);
  }
  EXPECT_NE(access(path.c_str(), F_OK), 0);
}

}  // namespace
