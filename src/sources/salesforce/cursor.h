// Cursor: where a Salesforce object sync stands — the (SystemModstamp, Id) of the last record that
// is durable in the store.
//
// A timestamp alone is not enough: mass updates give thousands of records one stamp, and a page
// boundary inside such a group makes a `>` bound lose rows and a `>=` bound repeat them. With the
// Id as tie-breaker the next query starts exactly after the last durable record.
//
// A first (or full) read goes in Id order instead, under a stamp bound fixed when it starts
// (`by_id`: stamp_ms is that bound, id the last Id read). Salesforce Ids grow with creation, so
// the store's Id-keyed B-trees (record links, `SF_Contact_{{Id}}` identifiers) take appends rather
// than an insert at a random leaf per record, as SystemModstamp order gives (bench/pull: writer
// CPU -22% at 1M). A record changed during the read gets a stamp above the bound: the next
// incremental run, which starts at (bound, ""), reads it.
//
// `read_to_ms` is the upper bound of the run that wrote the cursor: every record up to the cursor
// was queried at that time or later. A transaction open then (Salesforce stamps a record when it
// saves it, but a query sees it only once the transaction commits) can still commit records
// stamped before the cursor; those stamps lie within the transaction's length before read_to_ms,
// which is the window the next run reads again (`options.lookback_seconds`).
//
// `deleted_to_ms` is how far Salesforce's delete log was read (delete_log_pass.h): the next run
// asks it for the deletes from there on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sfsync {

struct Cursor {
  int64_t stamp_ms = 0;
  std::string id;      // empty: no record read yet (by_id), or every record up to stamp_ms read
  bool by_id = false;  // a first read in Id order, bounded by stamp_ms
  int64_t read_to_ms = 0;  // the bound of the run that read up to here; 0: not known (older stores)
  int64_t deleted_to_ms = 0;  // the delete log's coverage; 0: not read yet

  bool empty() const { return id.empty() && stamp_ms == 0 && !by_id; }
  // "1704164645000|003...|1704164700000|1704164640000" (incremental; then read_to_ms and
  // deleted_to_ms, left off from the end while 0) or "id:1704164645000|003..." (Id order) — stored
  // as the sync's checkpoint text.
  std::string serialize() const;
  static std::optional<Cursor> parse(const std::string& text);
  // Whether a record at (stamp, id) is at or before this cursor: read by the run that wrote it.
  bool covers(int64_t record_stamp_ms, const std::string& record_id) const;
};

}  // namespace sfsync
