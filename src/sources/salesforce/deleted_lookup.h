// DeletionLookup: what Salesforce says now about records the store believes live — the last word
// before a deletion is applied. Both ways of finding deletions besides queryAll's incremental rows
// (a full read's missing records, the delete log) only suggest Ids; an Id that came back to life
// (undelete) or never left must not be taken for deleted. Each queues its suggestions here and
// takes back the confirmed deletions a batch at a time, so memory stays bounded however many
// records vanished.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "salesforce/record_parser.h"
#include "salesforce/salesforce_client.h"
#include "sources/record.h"

namespace sfsync {

// An Id to ask about, with when Salesforce's delete log says it was deleted (0: not known).
struct DeletedCandidate {
  std::string id;
  int64_t deleted_ms = 0;
};

class DeletionLookup {
 public:
  // Queues more candidates (add()); false once the caller has none left.
  using Refill = std::function<Result<bool>()>;

  // `fields`: the sync's query fields, so that a record still in the recycle bin comes back as
  // complete as queryAll's incremental rows.
  DeletionLookup(SalesforceClient& client, std::string object, std::vector<std::string> fields, RecordParser parser);

  void add(DeletedCandidate candidate) { queue_.push_back(std::move(candidate)); }
  void clear() { queue_.clear(); }
  // The next confirmed deletions (about `max`; fewer at the end), asking queryAll about a hundred
  // queued Ids per call (they travel in its URL) and calling `refill` whenever fewer are queued.
  // Deleted records come back as queryAll returns them (IsDeleted, all `fields`), purged ones (no
  // row at all) as Id-only deleted Records stamped with their deletion time when known (the stamp
  // the recycle bin's row had, so a delete event keeps one dedup key); live ones are left out.
  Result<std::vector<Record>> next(size_t max, const Refill& refill);

 private:
  Result<void> look_up_batch(std::vector<Record>& out);

  SalesforceClient& client_;
  std::string object_;
  std::vector<std::string> fields_;
  RecordParser parser_;
  std::deque<DeletedCandidate> queue_;
};

}  // namespace sfsync
