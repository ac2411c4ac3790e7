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
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sfsync {

struct Cursor {
  int64_t stamp_ms = 0;
  std::string id;      // empty: no record read yet (by_id), or every record up to stamp_ms read
  bool by_id = false;  // a first read in Id order, bounded by stamp_ms

  bool empty() const { return id.empty() && stamp_ms == 0 && !by_id; }
  // "1704164645000|003..." (incremental) or "id:1704164645000|003..." (Id order) — stored as the
  // sync's checkpoint text.
  std::string serialize() const;
  static std::optional<Cursor> parse(const std::string& text);
};

}  // namespace sfsync
