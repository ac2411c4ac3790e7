#include "sources/salesforce/deletion_reconciler.h"

#include <algorithm>
#include <unordered_set>

#include "salesforce/query_pager.h"
#include "sources/salesforce/soql_builder.h"

namespace sfsync {

namespace {

constexpr int kStoreChunk = 2000;     // linked Ids read from the store at a time
constexpr size_t kLookupBatch = 100;  // Ids per queryAll lookup (they travel in the URL)

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
  for (std::string& id : *ids)
    if (!std::binary_search(page_ids_.begin(), page_ids_.end(), id)) missing_.push_back(std::move(id));
  if (ids->size() < static_cast<size_t>(kStoreChunk)) scan_done_ = true;
  else scan_from_ = ids->back();
  return {};
}

// Asks queryAll about the next batch of missing Ids: deleted ones come back with IsDeleted, purged
// ones not at all, live ones (changed after the bound, or out of the filter) are left alone.
Result<void> DeletionReconciler::look_up(std::vector<Record>& out) {
  std::vector<std::string> ids;
  while (!missing_.empty() && ids.size() < kLookupBatch) {
    ids.push_back(std::move(missing_.front()));
    missing_.pop_front();
  }
  QueryPager pager(client_, build_id_lookup_soql(object_, fields_, ids), true, 200);
  std::vector<Record> found;
  for (bool done = false; !done;) {
    auto page = pager.next();
    if (!page) return page.error();
    if (auto r = parser_.parse_page(page->body, found); !r) return r.error();
    done = page->done;
  }
  std::unordered_set<std::string> present;
  for (Record& r : found) {
    present.insert(r.id);
    if (r.deleted) out.push_back(std::move(r));
  }
  for (std::string& id : ids) {
    if (present.count(id)) continue;
    Record purged;
    purged.object = object_;
    purged.id = std::move(id);
    purged.deleted = true;
    out.push_back(std::move(purged));
  }
  return {};
}

Result<std::vector<Record>> DeletionReconciler::next(size_t max) {
  std::vector<Record> out;
  while (out.size() < max) {
    while (missing_.size() < kLookupBatch && !scan_done_)
      if (auto r = fill_missing(); !r) return r.error();
    if (missing_.empty()) break;
    if (auto r = look_up(out); !r) return r.error();
  }
  return out;
}

}  // namespace sfsync
