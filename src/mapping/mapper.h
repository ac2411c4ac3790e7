// Mapper: Record -> MappedRecord, the pure middle stage of the pipeline.
//
// No I/O, no clock, no shared mutable state: the processing time is a parameter, so the same
// record and mapping always give the same mutations, and one Mapper can serve several threads.
//
// What a record becomes (see docs/config.md):
//   profile       ProfileUpsert (+ EventAppend when an event is configured)
//   event         EventAppend (+ ProfileUpsert when attributes are configured)
//   object        ObjectUpsert
//   relationship  RelationshipUpsert (person identifiers <-> object id)
//   deleted       SourceDeletion per on_delete (+ the delete event)
// A record that cannot land yields no mutation and one RecordIssue with skipped = true; a value
// dropped from a record that still lands yields an issue with skipped = false.
#pragma once

#include <cstdint>

#include "mapping/compiled_mapping.h"
#include "mapping/mutation.h"
#include "sources/record.h"

namespace sfsync {

class Mapper {
 public:
  explicit Mapper(CompiledMapping mapping) : m_(std::move(mapping)) {}

  MappedRecord map(const Record& record, int64_t processing_time_ms) const;
  // Appends to `out` (lets a caller reuse one MappedRecord per page).
  void map_into(const Record& record, int64_t processing_time_ms, MappedRecord& out) const;
  // One MappedRecord per record, in order. With threads > 1 the page is split into that many
  // slices mapped concurrently (phone normalization costs ~10-40 us a number in libphonenumber).
  std::vector<MappedRecord> map_page(const Page& page, int64_t processing_time_ms, unsigned threads = 1) const;

  const CompiledMapping& mapping() const { return m_; }

 private:
  struct Outcome;
  bool resolve_identifiers(const Record& r, Outcome& o, std::vector<Identifier>& ids) const;
  std::vector<Attribute> map_fields(const Record& r, const std::vector<CompiledField>& fields, Outcome& o) const;
  bool build_event(const Record& r, int64_t now_ms, const std::vector<Identifier>& ids, Outcome& o,
                   EventAppend& ev) const;
  void map_deletion(const Record& r, int64_t now_ms, Outcome& o) const;
  void map_live(const Record& r, int64_t now_ms, Outcome& o) const;

  CompiledMapping m_;
};

// "<sync>/<record id>/<version>": the version is the SystemModstamp, or a hash of the record's
// values when the source gives none. Unique per record version, stable across re-reads.
std::string event_dedup_key(const std::string& sync_id, const Record& record, std::string_view suffix = "");

}  // namespace sfsync
