// AttributeDoc: the attributes of one profile, object or relationship, merged last-write-wins.
//
// Stored as one JSON document, keys sorted, each attribute a [type, value, source_ts_ms, sync] array:
//   {"city":["string","Paris",1700000000000,"contacts"],"score":["int",42,1700000000000,"contacts"]}
// (arrays, not objects: a profile write is dominated by the size of this document). Values are kept
// as their JSON text (numbers and booleans native; decimals, dates, datetimes and times as their
// canonical text), so merging never re-encodes what it keeps.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/value.h"
#include "mapping/mutation.h"

namespace sfsync::store {

struct AttributeEntry {
  std::string name;
  ValueType type = ValueType::Null;
  std::string value_json;  // the value as JSON text: "\"Ann\"", "42", "true", "null"
  int64_t ts_ms = 0;       // source timestamp of the write
  std::string sync;        // the sync that wrote it
};

// True when write `a` replaces write `b` of the same attribute: the later source timestamp wins;
// on equal timestamps the greater (sync, type, value) wins, so that the result is the same whatever
// order the writes arrive in (and re-applying a write is a no-op).
bool replaces(const AttributeEntry& a, const AttributeEntry& b);

AttributeEntry make_entry(const Attribute& attribute, const SourceRef& source);
std::string value_json(const Value& v);
void append_value_json(std::string& out, const Value& v);
Value value_from_json(ValueType type, std::string_view json);

class AttributeDoc {
 public:
  // Throws StoreFailure on a document that is not ours (the store wrote every document).
  static AttributeDoc parse(std::string_view json);
  // The document made of `writes` (one record's attributes); of two writes to one name, the winner.
  static AttributeDoc from_writes(std::vector<AttributeEntry> writes);
  // The document one record's attributes make: from_writes of each one's make_entry.
  static AttributeDoc of_record(const std::vector<Attribute>& attributes, const SourceRef& source);

  // What a write did. kRefreshed: it won, but with the value already there — only the entry's
  // source time (or sync) moved. The document must be stored again (later last-write-wins
  // comparisons need that time) although nothing a reader of the values sees changed.
  enum class Effect { kLost, kRefreshed, kChanged };
  Effect apply(AttributeEntry entry);

  struct MergeEffect {
    bool rewrite = false;                        // some write won: store the document again
    std::vector<const AttributeEntry*> changed;  // the writes of `other` that changed a value
    bool values_changed() const { return !changed.empty(); }
  };
  // Applies every write of `other` (a merge). `changed` points into `other`.
  MergeEffect merge_from(const AttributeDoc& other);

  std::string to_json() const;
  const std::vector<AttributeEntry>& entries() const { return entries_; }

 private:
  std::vector<AttributeEntry> entries_;  // sorted by name, names unique
};

// The JSON of the document one record's attributes make — exactly
// AttributeDoc::of_record(attributes, source).to_json() — written straight from the
// values, without an entry (four strings) per attribute: the path every new profile takes.
std::string new_document_json(const std::vector<Attribute>& attributes, const SourceRef& source);

}  // namespace sfsync::store
