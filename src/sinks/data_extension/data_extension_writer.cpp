#include "sinks/data_extension/data_extension_writer.h"

#include <algorithm>

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

std::vector<std::string> slice(const std::vector<std::string>& items, size_t begin, size_t end) {
  return {items.begin() + static_cast<std::ptrdiff_t>(begin), items.begin() + static_cast<std::ptrdiff_t>(end)};
}

}  // namespace

Result<std::vector<WriteResult>> DataExtensionWriter::write(const std::vector<std::string>& items) {
  std::vector<WriteResult> out(items.size());
  std::vector<std::string> ids;
  for (size_t begin = 0; begin < items.size(); begin += rows_per_request_) {
    auto id = submit_upsert(client_, key_, slice(items, begin, std::min(items.size(), begin + rows_per_request_)));
    if (!id) return id.error();
    ids.push_back(std::move(*id));
  }
  auto outcomes = await_requests(client_, ids, wait_);
  if (!outcomes) return outcomes.error();
  for (size_t i = 0; i < ids.size(); ++i) {
    size_t begin = i * rows_per_request_, end = std::min(items.size(), begin + rows_per_request_);
    if (auto r = settle((*outcomes)[i], items, begin, end, out); !r) return r.error();
  }
  return out;
}

Result<void> DataExtensionWriter::write_range(const std::vector<std::string>& items, size_t begin, size_t end,
                                              std::vector<WriteResult>& out) {
  auto outcome = upsert_rows(client_, key_, slice(items, begin, end), wait_);
  if (!outcome) return outcome.error();
  return settle(*outcome, items, begin, end, out);
}

Result<void> DataExtensionWriter::settle(const AsyncRowsOutcome& outcome, const std::vector<std::string>& items,
                                         size_t begin, size_t end, std::vector<WriteResult>& out) {
  const size_t n = end - begin;
  if (outcome.error_count == 0) {
    for (size_t i = begin; i < end; ++i) out[i].success = true;
    return {};
  }
  if (static_cast<size_t>(outcome.error_count) >= n) {
    std::string message = n == 1 ? joined(outcome.messages)
                                 : "Marketing Cloud refused every row of this request: " + joined(outcome.messages);
    for (size_t i = begin; i < end; ++i) out[i] = refused(message);
    return {};
  }
  const size_t mid = begin + n / 2;
  if (auto r = write_range(items, begin, mid, out); !r) return r;
  return write_range(items, mid, end, out);
}

}  // namespace sfsync
