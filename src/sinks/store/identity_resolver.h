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
// Each identifier is looked up in `identifiers` and in the first-load write buffer
// (identifier_buffer.h). A new identifier is inserted straight into `identifiers`, or, when the
// caller says most identities are new (a first load), buffered and inserted later in key order.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "mapping/mutation.h"
#include "sinks/store/attribute_doc.h"
#include "sinks/store/identifier_buffer.h"

namespace sfsync::store {

class SqliteDb;

class IdentityResolver {
 public:
  // buffer_new: new identifiers go to `buffer` (a first load) instead of straight into `identifiers`.
  IdentityResolver(SqliteDb& db, IdentifierBuffer& buffer, bool buffer_new)
      : db_(db), buffer_(buffer), buffer_new_(buffer_new) {}

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
    std::vector<const Identifier*> missing;   // identifiers to add to the resolved profile
  };
  Lookup look_up(const std::vector<Identifier>& identifiers);
  std::optional<int64_t> profile_of(const Identifier& id);
  void add_identifier(const Identifier& id, int64_t profile_id);
  void merge(int64_t survivor, int64_t merged, const std::vector<Identifier>& identifiers,
             const SourceRef& source, int64_t now_ms);
  SqliteDb& db_;
  IdentifierBuffer& buffer_;
  bool buffer_new_;
};

}  // namespace sfsync::store
