// ResultFile: a job's CSV result set on disk, paged by row number.
//
// A 1M-row query result must not sit in RAM, and every results request must be cheap, so rows are
// streamed to a temporary file while the job runs and a sparse index (byte offset of every
// kIndexStride-th row) is kept. A page is one seek to the nearest indexed row, a short forward scan
// and one read. The scan finds row ends by quote parity, which is exact because the writer quotes
// every value (a line break inside a value is always inside quotes).
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace emu {

using sfsync::Result;

class ResultFile {
 public:
  static constexpr int64_t kIndexStride = 1024;

  // Creates an empty file in the system temp folder; it is removed when the ResultFile goes away.
  static Result<std::unique_ptr<ResultFile>> create(std::string_view name_hint);
  ~ResultFile();
  ResultFile(const ResultFile&) = delete;
  ResultFile& operator=(const ResultFile&) = delete;

  // Writing (one writer, before any reads). `text` includes the line ending.
  Result<void> set_header(std::string_view text);
  Result<void> append_row(std::string_view text);
  // Flushes; after this the file is read-only.
  Result<void> finish();

  int64_t rows() const { return rows_; }
  const std::string& header() const { return header_; }
  const std::string& path() const { return path_; }

  // The rows [first, first + count) (clamped to the end), without the header. Thread-safe after finish().
  Result<std::string> read_rows(int64_t first, int64_t count) const;

 private:
  ResultFile(std::string path, FILE* file) : path_(std::move(path)), file_(file) {}
  std::string path_;
  FILE* file_;  // writing handle until finish()
  std::string header_;
  int64_t rows_ = 0;
  int64_t bytes_ = 0;              // bytes of row data written
  std::vector<int64_t> index_;     // index_[k] = offset of row k * kIndexStride
  std::string pending_;            // write buffer
};

// Opaque result-set locators: the base64 text of the first row's number, without padding
// ("MTAwMDA" = row 10000), which is what Salesforce's look like and is URL-safe for digits.
std::string encode_locator(int64_t row);
// nullopt when the text is not a locator this emulator issued.
std::optional<int64_t> decode_locator(std::string_view locator);

}  // namespace emu
