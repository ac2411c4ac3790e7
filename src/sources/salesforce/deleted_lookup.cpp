#include "sources/salesforce/deleted_lookup.h"

#include <unordered_set>

#include "salesforce/query_pager.h"
#include "sources/salesforce/soql_builder.h"

namespace sfsync {

namespace {
constexpr size_t kLookupBatch = 100;  // Ids per queryAll lookup: they travel in the URL
}  // namespace

DeletionLookup::DeletionLookup(SalesforceClient& client, std::string object, std::vector<std::string> fields,
                               RecordParser parser)
    : client_(client), object_(std::move(object)), fields_(std::move(fields)), parser_(std::move(parser)) {}

Result<std::vector<Record>> DeletionLookup::next(size_t max, const Refill& refill) {
  std::vector<Record> out;
  bool more = true;
  while (out.size() < max) {
    while (more && queue_.size() < kLookupBatch) {
      auto r = refill();
      if (!r) return r.error();
      more = *r;
    }
    if (queue_.empty()) break;
    if (auto r = look_up_batch(out); !r) return r.error();
  }
  return out;
}

Result<void> DeletionLookup::look_up_batch(std::vector<Record>& out) {
  std::vector<DeletedCandidate> batch;
  std::vector<std::string> ids;
  while (!queue_.empty() && batch.size() < kLookupBatch) {
    ids.push_back(queue_.front().id);
    batch.push_back(std::move(queue_.front()));
    queue_.pop_front();
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
  for (DeletedCandidate& c : batch) {
    if (present.count(c.id)) continue;
    Record purged;
    purged.object = object_;
    purged.id = std::move(c.id);
    purged.modstamp_ms = c.deleted_ms;
    purged.deleted = true;
    out.push_back(std::move(purged));
  }
  return {};
}

}  // namespace sfsync
