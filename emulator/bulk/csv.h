// RFC 4180 CSV, the way Bulk API 2.0 reads and writes it.
//
// Written by hand on purpose: none of our Debian dependencies is a CSV library, and what Bulk needs
// is small — a writer that quotes every value (as Salesforce's result files do) and a reader that
// accepts quoted and unquoted fields, doubled quotes, delimiters and line breaks inside quotes, LF or
// CRLF, and remembers each row's original text (unprocessedrecords echoes it verbatim).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::csv {

// Bulk's columnDelimiter values.
enum class Delimiter { Comma, Tab, Semicolon, Pipe, Caret, Backquote };
std::optional<Delimiter> parse_delimiter(std::string_view name);  // "COMMA", "TAB", ...
std::string_view delimiter_name(Delimiter d);
char delimiter_char(Delimiter d);

// Bulk's lineEnding values.
enum class LineEnding { LF, CRLF };
std::optional<LineEnding> parse_line_ending(std::string_view name);  // "LF", "CRLF"
std::string_view line_ending_name(LineEnding e);
std::string_view line_ending_text(LineEnding e);

// Appends rows to a string. Every field goes out double-quoted with '"' doubled, like Salesforce's
// result files; raw() appends text the caller already formatted (an echoed client header).
class Writer {
 public:
  Writer(std::string& out, char delimiter = ',', std::string_view eol = "\n")
      : out_(out), delimiter_(delimiter), eol_(eol) {}
  Writer& field(std::string_view value);
  Writer& raw(std::string_view text);
  void end_row();

 private:
  void separate();
  std::string& out_;
  char delimiter_;
  std::string_view eol_;
  bool row_started_ = false;
};

// Appends one quoted field (no delimiter) to `out`.
void append_quoted(std::string& out, std::string_view value);

struct Row {
  std::vector<std::string> fields;
  std::string_view text;  // the row as written, without its line ending
  size_t line = 0;        // 1-based line where the row starts
};

// Reads rows from a buffer that outlives the reader. Blank lines are skipped.
class Reader {
 public:
  explicit Reader(std::string_view data, char delimiter = ',') : data_(data), delimiter_(delimiter) {}
  // False at the end of input or on error (error() then tells what went wrong).
  bool next(Row& row);
  const std::string& error() const { return error_; }

 private:
  std::string_view data_;
  char delimiter_;
  size_t pos_ = 0;
  size_t line_ = 1;
  std::string error_;
};

}  // namespace emu::csv
