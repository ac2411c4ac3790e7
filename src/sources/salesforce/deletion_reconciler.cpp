#include "sources/salesforce/deletion_reconciler.h"

#include <algorithm>

namespace sfsync {

namespace {

constexpr int kStoreChunk = 2000;  // linked Ids read from the store at a time

}  // namespace

DeletionReconciler::DeletionReconciler(SalesforceClient& client, std::string object, std::vector<std::string> fields,
                                       RecordParser parser, LinkedIds linked)
    : lookup_(client, std::move(object), std::move(fields), std::move(parser)), linked_(std::move(linked)) {}

void DeletionReconciler::begin(const std::string& after, const std::string& upto, std::vector<std::string> page_ids) {
  scan_from_ = after;
  upto_ = upto;
  scan_done_ = false;
  page_ids_ = std::move(page_ids);
  std::sort(page_ids_.begin(), page_ids_.end());
  lookup_.clear();
}

// Reads the next chunk of the store's Ids in the range, queueing those the page lacks; false once
// the range is read. Live ones among them (changed after the bound, or out of the filter) are left
// alone by the lookup.
Result<bool> DeletionReconciler::fill_missing() {
  if (scan_done_) return false;
  auto ids = linked_(scan_from_, upto_, kStoreChunk);
  if (!ids) return ids.error();
  if (ids->size() < static_cast<size_t>(kStoreChunk)) scan_done_ = true;
  else scan_from_ = ids->back();  // before the Ids are moved out below
  for (std::string& id : *ids)
    if (!std::binary_search(page_ids_.begin(), page_ids_.end(), id)) lookup_.add({std::move(id), 0});
  return !scan_done_;
}

Result<std::vector<Record>> DeletionReconciler::next(size_t max) {
  return lookup_.next(max, [this] { return fill_missing(); });
}

}  // namespace sfsync
