#include "emulator/bulk/result_file.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace emu {

namespace {

constexpr size_t kWriteBuffer = 1 << 16;
constexpr size_t kReadChunk = 1 << 16;

sfsync::Error io_error(const std::string& what, const std::string& path) {
  return sfsync::make_error("io", what + " " + path);
}

// Counts row ends in [data, data+n) starting in the given quote state; stops after `rows_wanted`
// row ends and returns how many bytes were consumed (all of them when fewer rows end here).
size_t scan_rows(const char* data, size_t n, bool& in_quotes, int64_t& rows_wanted) {
  for (size_t i = 0; i < n; ++i) {
    const char c = data[i];
    if (c == '"') {
      in_quotes = !in_quotes;
    } else if (c == '\n' && !in_quotes) {
      if (--rows_wanted == 0) return i + 1;
    }
  }
  return n;
}

}  // namespace

Result<std::unique_ptr<ResultFile>> ResultFile::create(std::string_view name_hint) {
  std::string pattern = (std::filesystem::temp_directory_path() / "sfsync-bulk-").string();
  pattern.append(name_hint);
  pattern.append("-XXXXXX");
  int fd = mkstemp(pattern.data());
  if (fd < 0) return io_error("cannot create result file", pattern);
  FILE* f = fdopen(fd, "w+b");
  if (!f) {
    close(fd);
    return io_error("cannot open result file", pattern);
  }
  return std::unique_ptr<ResultFile>(new ResultFile(pattern, f));
}

ResultFile::~ResultFile() {
  if (file_) fclose(file_);
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

Result<void> ResultFile::set_header(std::string_view text) {
  header_.assign(text);
  return {};
}

Result<void> ResultFile::append_row(std::string_view text) {
  if (rows_ % kIndexStride == 0) index_.push_back(bytes_);
  pending_.append(text);
  bytes_ += static_cast<int64_t>(text.size());
  ++rows_;
  if (pending_.size() >= kWriteBuffer) {
    if (fwrite(pending_.data(), 1, pending_.size(), file_) != pending_.size()) {
      return io_error("cannot write result file", path_);
    }
    pending_.clear();
  }
  return {};
}

Result<void> ResultFile::finish() {
  if (!pending_.empty() && fwrite(pending_.data(), 1, pending_.size(), file_) != pending_.size()) {
    return io_error("cannot write result file", path_);
  }
  pending_.clear();
  pending_.shrink_to_fit();
  if (fflush(file_) != 0) return io_error("cannot flush result file", path_);
  return {};
}

Result<std::string> ResultFile::read_rows(int64_t first, int64_t count) const {
  std::string out;
  if (first >= rows_ || count <= 0) return out;
  count = std::min(count, rows_ - first);
  const size_t block = static_cast<size_t>(first / kIndexStride);
  int64_t offset = index_[block];
  int64_t skip = first - static_cast<int64_t>(block) * kIndexStride;
  // Positional reads (pread) keep concurrent readers of one file independent.
  const int fd = fileno(file_);
  std::string chunk(kReadChunk, '\0');
  bool in_quotes = false;
  while (offset < bytes_) {
    const ssize_t got = pread(fd, chunk.data(), kReadChunk, offset);
    if (got <= 0) return io_error("cannot read result file", path_);
    size_t pos = 0;
    const size_t n = static_cast<size_t>(got);
    if (skip > 0) {
      pos = scan_rows(chunk.data(), n, in_quotes, skip);
      if (skip > 0) {
        offset += got;
        continue;
      }
    }
    int64_t wanted = count;
    const size_t used = scan_rows(chunk.data() + pos, n - pos, in_quotes, wanted);
    out.append(chunk.data() + pos, used);
    offset += static_cast<int64_t>(pos + used);
    count = wanted;
    if (count == 0) break;
  }
  return out;
}

namespace {
constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}  // namespace

std::string encode_locator(int64_t row) {
  const std::string digits = std::to_string(row);
  std::string out;
  uint32_t buf = 0;
  int bits = 0;
  for (unsigned char c : digits) {
    buf = (buf << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64[(buf >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kBase64[(buf << (6 - bits)) & 63]);
  return out;
}

std::optional<int64_t> decode_locator(std::string_view locator) {
  std::string digits;
  uint32_t buf = 0;
  int bits = 0;
  for (char c : locator) {
    const size_t v = kBase64.find(c);
    if (v == std::string_view::npos || v >= 62) return std::nullopt;
    buf = (buf << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      digits.push_back(static_cast<char>((buf >> bits) & 0xFF));
    }
  }
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  int64_t row = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    row = row * 10 + (c - '0');
  }
  if (encode_locator(row) != locator) return std::nullopt;  // canonical form only
  return row;
}

}  // namespace emu
