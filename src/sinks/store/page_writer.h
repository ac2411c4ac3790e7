// PageWriter: applies the mutations of one page inside the caller's open transaction (internal to
// SqliteStore). Throws StoreFailure on an invalid mutation or a SQLite error; the caller rolls back.
//
// Source deletions and shared products. A profile is a person, and several source records can
// claim it (a Contact and a Lead with one email, or two syncs). A deleted record releases its
// claim (its record link is removed); the product itself is marked deleted (`mark`) or removed
// (`remove`) only when no other record still claims it. Identifiers are never dropped from a
// profile that lives on: they are not owned by one record (the email may have come from both the
// Contact and the Lead), and dropping one would split the person on the next sync. Under `mark`
// the identifiers stay with the deleted profile, so the person returning (undelete, or another
// record with the same email) revives the same profile. Events always stay.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mapping/mutation.h"
#include "sinks/store/identity_resolver.h"
#include "sinks/store/page_rows.h"
#include "sinks/store/store_types.h"

namespace sfsync::store {

class StoreDb;

class PageWriter {
 public:
  // new_identifiers: how the resolver writes new identifiers (see IdentityResolver).
  PageWriter(StoreDb& db, IdentifierBuffer& buffer, bool emit_hooks, NewIdentifierPlan new_identifiers, int64_t now_ms,
             ApplyStats& stats)
      : db_(db), buffer_(buffer), resolver_(db, buffer, new_identifiers), emit_hooks_(emit_hooks),
        now_ms_(now_ms), stats_(stats) {}

  void apply(const Mutation& mutation);
  // Engines where each query is a round trip: reads which profiles the page's identifiers lead
  // to in one query before the page is applied (IdentityResolver::prefetch).
  void prefetch(const std::vector<MappedRecord>& records);

 private:
  void apply_profile(const ProfileUpsert& m);
  // Merges a record's attributes into the profile it found, rewriting the row when any write won.
  // Returns the attributes whose value changed — what stats and hooks report. A newer write of the
  // same value (a record saved again without edits) only moves that entry's time and sync, which
  // later last-write-wins comparisons need, and is no change to the profile.
  std::vector<const AttributeEntry*> merge_into_profile(int64_t profile_id, const AttributeDoc& incoming);
  std::optional<int64_t> person_of_deleted_record(const EventAppend& m);
  void apply_event(const EventAppend& m);
  void apply_object(const ObjectUpsert& m);
  void apply_relationship(const RelationshipUpsert& m);
  void apply_deletion(const SourceDeletion& m);

  struct Link {
    std::string kind;  // "profile" | "object" | "relationship"
    std::optional<int64_t> profile_id;
    std::string object_type, object_id;
    bool operator==(const Link& o) const {
      return kind == o.kind && profile_id == o.profile_id && object_type == o.object_type && object_id == o.object_id;
    }
  };
  // Points (sync, record, kind) at `link`; a product the record claimed before and no longer does is released.
  void set_link(const SourceRef& source, const Link& link);
  std::optional<Link> stored_link(const SourceRef& source, const std::string& kind);
  bool watched_value_changed(const EventAppend& m);
  // Marks or removes what `link` made (unless another record still claims it); `source` is the
  // record whose deletion (or move) released it, for the hook.
  void release(const Link& link, SourceDeletion::Policy policy, int64_t deleted_ms, const SourceRef& source);
  bool claimed(const Link& link);
  void outbox(const char* kind, const std::string& payload);
  // The profile of an event's or relationship's person (created or merged as needed), counted.
  int64_t resolve_person(const std::vector<Identifier>& person, const SourceRef& source);
  // What a resolution did that the page's prefetched rows must hear of.
  void note_resolution(const IdentityResolver::Resolution& r);

  StoreDb& db_;
  IdentifierBuffer& buffer_;
  IdentityResolver resolver_;
  PageRows rows_;  // loaded by prefetch() only
  bool emit_hooks_;
  int64_t now_ms_;
  ApplyStats& stats_;
};

}  // namespace sfsync::store
