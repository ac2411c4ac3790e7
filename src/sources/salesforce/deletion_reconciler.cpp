#include "sources/salesforce/deletion_reconciler.h"

#include <algorithm>

#include "sources/salesforce/deleted_lookup.h"

namespace sfsync {

namespace {

constexpr int kStoreChunk = 2000;  // linked Ids read from the store at a time

}  // namespace

DeletionReconciler::DeletionReconciler(SalesforceClient& client, std::string object, std::vector<std::string> fields,
                                       RecordParser parser, LinkedIds linked)
    : client_(client), object_(std::move(object)), fields_(std::move(fields)), parser_(std::move(parser)),
      linked_(std::move(linked)) {}

void DeletionReconciler::begin(const std::string& after, const std::string& upto, std::vector<std::string> page_ids) {
  scan_from_ = after;
  upto_ = upto;
  scan_done_ = false;
  page_ids_ = std::move(page_ids);
  std::sort(page_ids_.begin(), page_ids_.end());
  missing_.clear();
}

// Reads the next chunk of the store's Ids in the range, keeping those the page lacks.
Result<void> DeletionReconciler::fill_missing() {
  auto ids = linked_(scan_from_, upto_, kStoreChunk);
  if (!ids) return ids.error();
  if (ids->size() < static_cast<size_t>(kStoreChunk)) scan_done_ = true;
  else scan_from_ = ids->back();  // before the Ids are moved out below
  for (std::string& id : *ids)
    if (!std::binary_search(page_ids_.begin(), page_ids_.end(), id)) missing_.push_back(std::move(id));
  return {};
}

// Asks queryAll about the next batch of missing Ids (deleted_lookup.h): live ones (changed after
// the bound, or out of the filter) are left alone.
Result<void> DeletionReconciler::look_up(std::vector<Record>& out) {
  std::vector<DeletedCandidate> ids;
  while (!missing_.empty() && ids.size() < kDeletedLookupBatch) {
    ids.push_back({std::move(missing_.front()), 0});
    missing_.pop_front();
  }
  return look_up_deletions(client_, object_, fields_, parser_, std::move(ids), out);
}

Result<std::vector<Record>> DeletionReconciler::next(size_t max) {
  std::vector<Record> out;
  while (out.size() < max) {
    while (missing_.size() < kDeletedLookupBatch && !scan_done_)
      if (auto r = fill_missing(); !r) return r.error();
    if (missing_.empty()) break;
    if (auto r = look_up(out); !r) return r.error();
  }
  return out;
}

}  // namespace sfsync
