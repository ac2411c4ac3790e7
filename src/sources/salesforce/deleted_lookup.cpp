#include "sources/salesforce/deleted_lookup.h"

#include <unordered_set>

#include "salesforce/query_pager.h"
#include "sources/salesforce/soql_builder.h"

namespace sfsync {

Result<void> look_up_deletions(SalesforceClient& client, const std::string& object,
                               const std::vector<std::string>& fields, const RecordParser& parser,
                               std::vector<DeletedCandidate> candidates, std::vector<Record>& out) {
  if (candidates.empty()) return {};
  std::vector<std::string> ids;
  ids.reserve(candidates.size());
  for (const DeletedCandidate& c : candidates) ids.push_back(c.id);
  QueryPager pager(client, build_id_lookup_soql(object, fields, ids), true, 200);
  std::vector<Record> found;
  for (bool done = false; !done;) {
    auto page = pager.next();
    if (!page) return page.error();
    if (auto r = parser.parse_page(page->body, found); !r) return r.error();
    done = page->done;
  }
  std::unordered_set<std::string> present;
  for (Record& r : found) {
    present.insert(r.id);
    if (r.deleted) out.push_back(std::move(r));
  }
  for (DeletedCandidate& c : candidates) {
    if (present.count(c.id)) continue;
    Record purged;
    purged.object = object;
    purged.id = std::move(c.id);
    purged.modstamp_ms = c.deleted_ms;
    purged.deleted = true;
    out.push_back(std::move(purged));
  }
  return {};
}

}  // namespace sfsync
