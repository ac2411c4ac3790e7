#include "sinks/data_extension/data_extension_writer.h"

namespace sfsync {

namespace {

constexpr size_t kMessagesShown = 3;

std::string joined(const std::vector<std::string>& messages) {
  std::string out;
  for (size_t i = 0; i < messages.size() && i < kMessagesShown; ++i) {
    if (i) out += "; ";
    out += messages[i];
  }
  if (messages.size() > kMessagesShown) out += "; and " + std::to_string(messages.size() - kMessagesShown) + " more";
  return out;
}

WriteResult refused(const std::string& message) {
  WriteResult r;
  r.error_code = "ROW_REFUSED";
  r.message = message;
  return r;
}

}  // namespace

Result<std::vector<WriteResult>> DataExtensionWriter::write(const std::vector<std::string>& items) {
  std::vector<WriteResult> out(items.size());
  if (items.empty()) return out;
  if (auto r = write_range(items, 0, items.size(), out); !r) return r.error();
  return out;
}

Result<void> DataExtensionWriter::write_range(const std::vector<std::string>& items, size_t begin, size_t end,
                                              std::vector<WriteResult>& out) {
  std::vector<std::string> part(items.begin() + static_cast<std::ptrdiff_t>(begin),
                                items.begin() + static_cast<std::ptrdiff_t>(end));
  ++requests_;
  auto outcome = upsert_rows(client_, key_, part, wait_);
  if (!outcome) return outcome.error();
  const size_t n = end - begin;
  if (outcome->error_count == 0) {
    for (size_t i = begin; i < end; ++i) out[i].success = true;
    return {};
  }
  if (static_cast<size_t>(outcome->error_count) >= n) {
    std::string message = n == 1 ? joined(outcome->messages)
                                  : "Marketing Cloud refused every row of this request: " + joined(outcome->messages);
    for (size_t i = begin; i < end; ++i) out[i] = refused(message);
    return {};
  }
  const size_t mid = begin + n / 2;
  if (auto r = write_range(items, begin, mid, out); !r) return r;
  return write_range(items, mid, end, out);
}

}  // namespace sfsync
