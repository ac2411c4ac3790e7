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
  explicit IdentityResolver(SqliteDb& db) : db_(db) {}

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
  void merge(int64_t survivor, int64_t merged, const std::vector<Identifier>& identifiers,
             const SourceRef& source, int64_t now_ms);
  SqliteDb& db_;
};

}  // namespace sfsync::store
