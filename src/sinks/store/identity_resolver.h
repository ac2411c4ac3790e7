// IdentityResolver: which profile do these identifiers belong to?
//
//  - none is known      -> a new profile (with the caller's initial attributes);
//  - all point to one   -> that profile; identifiers it lacks are added to it;
//  - they point to many -> the profiles are merged into the oldest (lowest id): identifiers,
//    events, relationships and record links move to the survivor, attributes merge
//    last-write-wins (AttributeDoc), and each merge is logged in `merges`.
// Because the groups of identifiers only ever join, and attribute merging is order-independent,
// the same upserts in any order give the same people with the same attributes (only the surrogate
// ids may differ).
//
// How new identifiers are written is the caller's choice (NewIdentifierPlan): looked up, then
// inserted into `identifiers` (most identities known: an incremental run); inserted first, a
// conflict telling that the identifier is known (a first load of a small store: one B-tree descent
// for a new identifier instead of two); or buffered (identifier_buffer.h) and moved into
// `identifiers` later in key order (a first load of a store whose index outgrew the page cache).
// Lookups always ask the buffer too: it may hold identifiers of earlier pages.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "mapping/mutation.h"
#include "sinks/store/attribute_doc.h"
#include "sinks/store/identifier_buffer.h"
#include "sinks/store/known_identifiers.h"

namespace sfsync::store {

class StoreDb;

enum class NewIdentifiers { kLookUpFirst, kInsertFirst, kBuffer };

// What the store decided for a page: how new identifiers are written and, when it had to read it
// to decide, the highest profile id (so the resolver does not read it a second time).
struct NewIdentifierPlan {
  NewIdentifiers mode = NewIdentifiers::kLookUpFirst;
  int64_t max_profile_id = -1;  // -1: not read
};

class IdentityResolver {
 public:
  IdentityResolver(StoreDb& db, IdentifierBuffer& buffer, NewIdentifierPlan plan)
      : db_(db), buffer_(buffer), mode_(plan.mode),
        next_profile_id_(plan.max_profile_id >= 0 ? plan.max_profile_id + 1 : 0) {}

  struct Resolution {
    int64_t profile_id = 0;
    bool created = false;
    bool identifiers_added = false;
    bool revived = false;               // the profile had been marked deleted
    std::vector<int64_t> merged_ids;    // profiles merged into profile_id
  };

  // `initial_attributes` makes the attribute document (JSON) of a profile created here; it is only
  // called then. Throws StoreFailure("bad_mutation") when `identifiers` is empty or holds an
  // empty type/value.
  Resolution resolve(const std::vector<Identifier>& identifiers, const SourceRef& source,
                     const std::function<std::string()>& initial_attributes, int64_t now_ms);
  // The profile the identifiers already lead to (the oldest when they lead to several), without
  // creating, merging or reviving anything; nullopt when none does.
  std::optional<int64_t> existing_profile(const std::vector<Identifier>& identifiers);
  // Reads the profiles of a page's identifiers in one query (KnownIdentifiers: for engines where
  // each query is a round trip); lookups then answer from memory.
  void prefetch(const std::vector<const Identifier*>& ids) { known_.load(db_, ids); }
  const KnownIdentifiers& known() const { return known_; }
  // What the page did to a profile outside the resolver, for the prefetched view: removed with its
  // identifiers (a source deletion under `remove`), marked deleted, its document rewritten.
  void forget_profile(int64_t profile_id) { known_.drop_profile(profile_id); }
  void profile_marked_deleted(int64_t profile_id) { known_.set_deleted(profile_id, true); }
  void profile_rewritten(int64_t profile_id, std::string json) { known_.set_attributes(profile_id, std::move(json)); }
  // The profile's document and mark as the page knows them (prefetch); null: read the store.
  const KnownIdentifiers::Profile* known_profile(int64_t profile_id) const { return known_.profile(profile_id); }
  // For mutations that carry no profile attributes (events, relationships).
  static std::string no_attributes() { return "{}"; }

 private:
  struct Lookup {
    std::vector<int64_t> found;               // existing profiles, sorted, unique
    std::vector<const Identifier*> missing;   // identifiers to add to the resolved profile
    int64_t provisional_id = 0;               // insert-first: the id new identifiers were inserted with
    std::vector<const Identifier*> inserted_provisional;  // insert-first: inserted with provisional_id
  };
  Lookup look_up(const std::vector<Identifier>& identifiers);
  Lookup insert_first(const std::vector<Identifier>& identifiers);
  int64_t next_profile_id();
  bool revive(int64_t profile_id, int64_t now_ms);
  std::optional<int64_t> profile_of(const Identifier& id);          // buffer, then index
  std::optional<int64_t> indexed_profile_of(const Identifier& id);  // index only
  bool insert_identifier(const Identifier& id, int64_t profile_id);
  void add_identifier(const Identifier& id, int64_t profile_id);
  void merge(int64_t survivor, int64_t merged, const std::vector<Identifier>& identifiers,
             const SourceRef& source, int64_t now_ms);
  StoreDb& db_;
  IdentifierBuffer& buffer_;
  NewIdentifiers mode_;
  int64_t next_profile_id_ = 0;  // insert-first: the id the next new profile gets; 0: not read yet
  KnownIdentifiers known_;       // loaded by prefetch() only
};

}  // namespace sfsync::store
