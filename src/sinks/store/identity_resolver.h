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
// Two ways to look identifiers up, same result: `select first` (SELECT each identifier, INSERT the
// missing ones) is cheapest when most identifiers are known (incremental runs, re-reads);
// `insert first` (INSERT each identifier for a provisional new profile id, SELECT only on
// conflict) saves a B-tree search per identifier when most are new (first loads). The caller
// picks one per page from what the previous page saw.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "mapping/mutation.h"
#include "sinks/store/attribute_doc.h"

namespace sfsync::store {

class SqliteDb;

class IdentityResolver {
 public:
  IdentityResolver(SqliteDb& db, bool insert_first) : db_(db), insert_first_(insert_first) {}

  struct Resolution {
    int64_t profile_id = 0;
    bool created = false;
    bool identifiers_added = false;
    bool revived = false;               // the profile had been marked deleted
    std::vector<int64_t> merged_ids;    // profiles merged into profile_id
  };

  // `initial_attributes` is the attribute document of a profile created here.
  // Throws StoreFailure("bad_mutation") when `identifiers` is empty or holds an empty type/value.
  Resolution resolve(const std::vector<Identifier>& identifiers, const SourceRef& source,
                     const AttributeDoc& initial_attributes, int64_t now_ms);

 private:
  struct Lookup {
    std::vector<int64_t> found;               // existing profiles, sorted, unique
    std::vector<const Identifier*> missing;   // select first: identifiers to insert
    bool inserted_provisional = false;        // insert first: identifiers now point to provisional_id
    int64_t provisional_id = 0;
  };
  Lookup select_first(const std::vector<Identifier>& identifiers);
  Lookup insert_first(const std::vector<Identifier>& identifiers);
  int64_t next_profile_id();
  void merge(int64_t survivor, int64_t merged, const std::vector<Identifier>& identifiers,
             const SourceRef& source, int64_t now_ms);
  SqliteDb& db_;
  bool insert_first_;
  int64_t next_profile_id_ = 0;  // insert first: loaded once per page (a rollback forgets creations)
};

}  // namespace sfsync::store
