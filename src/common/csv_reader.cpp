#include "common/csv_reader.h"

namespace sfsync {

Result<bool> CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  if (!started_) {
    started_ = true;
    if (in_.peek() == 0xEF) {
      char bom[3];
      in_.read(bom, 3);
      if (!(bom[1] == '\xBB' && bom[2] == '\xBF')) { in_.clear(); in_.seekg(0); }
    }
  }
  if (in_.peek() == std::char_traits<char>::eof()) return false;
  line_ = next_line_;
  std::string field;
  bool quoted = false, in_quotes = false;
  for (;;) {
    int c = in_.get();
    if (c == std::char_traits<char>::eof()) {
      if (in_quotes) return make_error("bad_input", "CSV record starting at line " + std::to_string(line_) +
                                                        " has an unterminated quote");
      break;
    }
    if (in_quotes) {
      if (c == '"') {
        if (in_.peek() == '"') { in_.get(); field.push_back('"'); }
        else in_quotes = false;
      } else {
        if (c == '\n') ++next_line_;
        field.push_back(static_cast<char>(c));
      }
      continue;
    }
    if (c == '"' && field.empty() && !quoted) { quoted = in_quotes = true; continue; }
    if (c == delimiter_) { fields.push_back(std::move(field)); field.clear(); quoted = false; continue; }
    if (c == '\r' && in_.peek() == '\n') continue;
    if (c == '\n') { ++next_line_; break; }
    field.push_back(static_cast<char>(c));
  }
  fields.push_back(std::move(field));
  return true;
}

}  // namespace sfsync
