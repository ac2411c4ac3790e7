// DeletionReconciler: the deletions a full read would otherwise never see.
//
// Incremental runs learn of deletions from queryAll's IsDeleted rows. But Salesforce empties its
// recycle bin after about 15 days (and skips it on a hard delete), so a sync idle for longer — or
// any `fetch_mode: full` sync — would keep what deleted records made forever. A full read goes in
// Id order, so each of its pages covers one Id range: (the previous page's last Id, its own last
// Id], the last page to the end. A record the store links inside that range but missing from the
// page was deleted, or changed after the read's bound, or left the sync's filter: queryAll by Id
// tells which. Only records Salesforce reports deleted (IsDeleted) or no longer has at all
// (purged) come back, as deleted Records that the mapper turns into deletions like queryAll's.
// Nothing is guessed, so a page that Salesforce and the store order differently costs lookups,
// never a wrong deletion.
//
// Memory stays bounded however many records vanished: the range is walked in chunks and its
// deletions handed out a batch at a time.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "salesforce/record_parser.h"
#include "salesforce/salesforce_client.h"
#include "sources/record.h"
#include "sources/salesforce/deleted_lookup.h"

namespace sfsync {

class DeletionReconciler {
 public:
  // The Ids the store links for this sync in (after, upto] (upto empty: to the end), ascending,
  // at most `limit` (CustomerStore::linked_record_ids).
  using LinkedIds =
      std::function<Result<std::vector<std::string>>(const std::string& after, const std::string& upto, int limit)>;

  // `fields`: the sync's query fields (Id, IsDeleted and the stamp among them), so that a deleted
  // record comes back as complete as queryAll would return it.
  DeletionReconciler(SalesforceClient& client, std::string object, std::vector<std::string> fields,
                     RecordParser parser, LinkedIds linked);

  // Starts on the range (after, upto] of a page holding `page_ids`.
  void begin(const std::string& after, const std::string& upto, std::vector<std::string> page_ids);
  // The range's next deleted records (about `max`; fewer at its end); empty once it is done.
  Result<std::vector<Record>> next(size_t max);

 private:
  Result<bool> fill_missing();

  DeletionLookup lookup_;  // holds the linked Ids the page lacks, until looked up
  LinkedIds linked_;
  std::string scan_from_, upto_;
  bool scan_done_ = true;
  std::vector<std::string> page_ids_;  // sorted
};

}  // namespace sfsync
