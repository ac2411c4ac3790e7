#include "sources/salesforce/delete_log_pass.h"

#include <unordered_map>

#include "common/time_util.h"

namespace sfsync {

namespace {

constexpr size_t kStoreChunk = 2000;  // logged Ids checked against the store at a time

// Salesforce's answers that say the log cannot be read for this object or window (not a failed
// call): the run goes on without it and says so.
bool log_unavailable(const Error& e) {
  return e.code == "INVALID_REPLICATION_DATE" || e.code == "EXCEEDED_ID_LIMIT" || e.code == "INVALID_TYPE" ||
         e.code == "NOT_FOUND";
}

}  // namespace

DeleteLogPass::DeleteLogPass(SalesforceClient& client, std::string object, std::vector<std::string> fields,
                             RecordParser parser, LinkedAmong linked, Window window, std::string full_read)
    : client_(client), object_(object), lookup_(client, std::move(object), std::move(fields), std::move(parser)),
      linked_(std::move(linked)), window_(window), full_read_(std::move(full_read)) {}

Result<void> DeleteLogPass::read_log() {
  log_read_ = true;
  auto log = read_delete_log(client_, object_, window_.start_ms, window_.end_ms);
  if (!log && log_unavailable(log.error())) {
    note_ = "Salesforce did not list the deleted " + object_ + " records (" + log.error().code + ": " +
            log.error().message + "): records hard deleted since " + format_iso_datetime_z(window_.start_ms) +
            " are found by a full read (" + full_read_ + ")";
    return {};
  }
  if (!log) return log.error();
  if (log->earliest_available_ms > window_.start_ms)
    note_ = "Salesforce's delete log of " + object_ + " starts at " + format_iso_datetime_z(log->earliest_available_ms) +
            ", after " + format_iso_datetime_z(window_.start_ms) + " where this run looked from: records hard deleted "
            "in between are found by a full read (" + full_read_ + ")";
  logged_ = std::move(log->entries);
  covered_to_ = log->covered_to_ms;
  return {};
}

// Checks the next chunk of logged Ids against the store, queueing those it links; false once every
// logged Id is checked.
Result<bool> DeleteLogPass::fill_candidates() {
  if (next_logged_ >= logged_.size()) return false;
  size_t end = std::min(logged_.size(), next_logged_ + kStoreChunk);
  std::unordered_map<std::string, int64_t> deleted_at;
  std::vector<std::string> chunk;
  for (size_t i = next_logged_; i < end; ++i) {
    deleted_at[logged_[i].id] = logged_[i].deleted_ms;
    chunk.push_back(std::move(logged_[i].id));
  }
  next_logged_ = end;
  auto linked = linked_(chunk);
  if (!linked) return linked.error();
  for (std::string& id : *linked) {
    int64_t when = deleted_at[id];
    lookup_.add({std::move(id), when});
  }
  return next_logged_ < logged_.size();
}

Result<std::vector<Record>> DeleteLogPass::next(size_t max) {
  if (!log_read_)
    if (auto r = read_log(); !r) return r.error();
  return lookup_.next(max, [this] { return fill_candidates(); });
}

Result<std::optional<Page>> DeleteLogPass::next_page(size_t max, const std::string& checkpoint) {
  auto deleted = next(max);
  if (!deleted) return deleted.error();
  if (deleted->empty()) return std::optional<Page>();
  Page page;
  page.records = std::move(deleted.value());
  page.checkpoint.state = checkpoint;
  return std::optional<Page>(std::move(page));
}

}  // namespace sfsync
