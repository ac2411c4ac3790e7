// DeleteLogPass: the deletions an incremental run learns from Salesforce's delete log
// (salesforce/delete_log.h) rather than from queryAll's IsDeleted rows.
//
// queryAll sees a deleted record only while it is in the recycle bin; a record hard deleted, or
// deleted and purged between two runs, would keep its profile in the store until a full read.
// The pass lists the deletes since the log's coverage the last run stored (Cursor::deleted_to_ms),
// keeps those of records the store still links, asks queryAll about them (deleted_lookup.h: an
// undeleted record is left alone) and hands the confirmed ones out as deleted Records, a batch at
// a time, like the reconciler of full reads. Applying a deletion twice changes nothing (the record
// link is gone the first time, and a delete event keeps its dedup key), so a pass that overlaps
// queryAll's rows or is redone after a crash doubles nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "salesforce/delete_log.h"
#include "salesforce/record_parser.h"
#include "salesforce/salesforce_client.h"
#include "sources/record.h"
#include "sources/salesforce/deleted_lookup.h"

namespace sfsync {

class DeleteLogPass {
 public:
  // Which of the Ids the store links for this sync (CustomerStore::linked_among).
  using LinkedAmong = std::function<Result<std::vector<std::string>>(const std::vector<std::string>& ids)>;

  struct Window {
    int64_t start_ms = 0;  // the last pass's coverage (or the cursor's bound less the lookback)
    int64_t end_ms = 0;    // this run's bound
  };

  // `fields`: the sync's query fields, so that a record still in the recycle bin comes back as
  // complete as queryAll's incremental rows; `full_read`: the command that finds what the log
  // no longer has, for the note.
  DeleteLogPass(SalesforceClient& client, std::string object, std::vector<std::string> fields, RecordParser parser,
                LinkedAmong linked, Window window, std::string full_read);

  // The next confirmed deletions (about `max`; fewer at the end); empty once the pass is done.
  Result<std::vector<Record>> next(size_t max);
  // The same as a page checkpointed at `checkpoint` (the stored one: a run that dies among these
  // pages reads the log again); nullopt once the pass is done.
  Result<std::optional<Page>> next_page(size_t max, const std::string& checkpoint);
  // Once done: where the log was read to (the next pass starts there); 0 when it could not be read.
  int64_t covered_to() const { return covered_to_; }
  // Once done: what the log could not tell (deletes older than what it keeps), or "".
  const std::string& note() const { return note_; }

 private:
  Result<void> read_log();
  Result<bool> fill_candidates();

  SalesforceClient& client_;
  std::string object_;
  DeletionLookup lookup_;  // holds the linked candidates, until looked up
  LinkedAmong linked_;
  Window window_;
  std::string full_read_;
  bool log_read_ = false;
  std::vector<DeletedEntry> logged_;  // what the log listed
  size_t next_logged_ = 0;            // the first not yet checked against the store
  int64_t covered_to_ = 0;
  std::string note_;
};

}  // namespace sfsync
