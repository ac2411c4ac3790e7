#include "emulator/bulk/csv.h"

#include <array>
#include <utility>

namespace emu::csv {

namespace {

constexpr std::array<std::pair<std::string_view, Delimiter>, 6> kDelimiters{{
    {"COMMA", Delimiter::Comma}, {"TAB", Delimiter::Tab}, {"SEMICOLON", Delimiter::Semicolon},
    {"PIPE", Delimiter::Pipe}, {"CARET", Delimiter::Caret}, {"BACKQUOTE", Delimiter::Backquote}}};

}  // namespace

std::optional<Delimiter> parse_delimiter(std::string_view name) {
  for (const auto& [n, d] : kDelimiters) {
    if (n == name) return d;
  }
  return std::nullopt;
}

std::string_view delimiter_name(Delimiter d) {
  for (const auto& [n, v] : kDelimiters) {
    if (v == d) return n;
  }
  return "COMMA";
}

char delimiter_char(Delimiter d) {
  switch (d) {
    case Delimiter::Comma: return ',';
    case Delimiter::Tab: return '\t';
    case Delimiter::Semicolon: return ';';
    case Delimiter::Pipe: return '|';
    case Delimiter::Caret: return '^';
    case Delimiter::Backquote: return '`';
  }
  return ',';
}

std::optional<LineEnding> parse_line_ending(std::string_view name) {
  if (name == "LF") return LineEnding::LF;
  if (name == "CRLF") return LineEnding::CRLF;
  return std::nullopt;
}

std::string_view line_ending_name(LineEnding e) { return e == LineEnding::LF ? "LF" : "CRLF"; }
std::string_view line_ending_text(LineEnding e) { return e == LineEnding::LF ? "\n" : "\r\n"; }

void append_quoted(std::string& out, std::string_view value) {
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void Writer::separate() {
  if (row_started_) out_.push_back(delimiter_);
  row_started_ = true;
}

Writer& Writer::field(std::string_view value) {
  separate();
  append_quoted(out_, value);
  return *this;
}

Writer& Writer::raw(std::string_view text) {
  separate();
  out_.append(text);
  return *this;
}

void Writer::end_row() {
  out_.append(eol_);
  row_started_ = false;
}

bool Reader::next(Row& row) {
  row.fields.clear();
  // Skip blank lines between rows (a trailing newline at the end of a file is common).
  while (pos_ < data_.size() && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= data_.size()) return false;
  const size_t start = pos_;
  row.line = line_;
  std::string field;
  bool quoted = false;       // inside a quoted section
  bool was_quoted = false;   // the current field started with a quote
  while (true) {
    if (pos_ >= data_.size()) {
      if (quoted) {
        error_ = "unterminated quoted field starting on line " + std::to_string(row.line);
        return false;
      }
      row.fields.push_back(std::move(field));
      row.text = data_.substr(start, pos_ - start);
      return true;
    }
    const char c = data_[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < data_.size() && data_[pos_ + 1] == '"') {
          field.push_back('"');
          pos_ += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c == '\n') ++line_;
        field.push_back(c);
      }
      ++pos_;
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
      ++pos_;
      continue;
    }
    if (c == delimiter_) {
      row.fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      ++pos_;
      continue;
    }
    if (c == '\n' || c == '\r') {
      row.fields.push_back(std::move(field));
      row.text = data_.substr(start, pos_ - start);
      if (c == '\r' && pos_ + 1 < data_.size() && data_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
      return true;
    }
    if (was_quoted) {
      error_ = "unexpected character after closing quote on line " + std::to_string(line_);
      return false;
    }
    field.push_back(c);
    ++pos_;
  }
}

}  // namespace emu::csv
