// CsvReader: RFC 4180 records from a stream, one at a time.
//
// Hand-written on purpose: no CSV library is installed for the engine, the emulator's CSV code
// belongs to the emulator (another binary), and RFC 4180 is small: quoted fields with "" escapes,
// CRLF or LF line ends, line breaks inside quotes. A UTF-8 byte-order mark before the header is
// dropped (spreadsheet exports add it).
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "common/result.h"

namespace sfsync {

class CsvReader {
 public:
  CsvReader(std::istream& in, char delimiter) : in_(in), delimiter_(delimiter) {}
  // The next record into `fields`; false at end of input. An unterminated quote is an error.
  Result<bool> next(std::vector<std::string>& fields);
  int64_t line() const { return line_; }  // 1-based line where the last record started

 private:
  std::istream& in_;
  char delimiter_;
  int64_t line_ = 0;
  int64_t next_line_ = 1;
  bool started_ = false;
};

}  // namespace sfsync
