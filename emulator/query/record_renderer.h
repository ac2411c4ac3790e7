// RecordRenderer: writes the current row of a compiled query's statement as a Salesforce record.
//
// This is the emulator's hottest loop (1M Contacts x 20 fields must serialize in well under a
// second), so everything that does not depend on the row — `{"attributes":{"type":...,"url":"...`,
// every `,"FieldName":` — is prepared once in the constructor, and a row is a walk over flat
// vectors that appends to one reserved string: no maps, no per-row allocations.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <vector>

#include "emulator/soql/plan.h"

namespace emu::query {

class RecordRenderer {
 public:
  // api_version: "63.0", used in attributes.url.
  RecordRenderer(const soql::RenderNode& root, std::string_view api_version);

  // Appends the record in the statement's current row (a JSON object) to `out`.
  void append_record(sqlite3_stmt* stmt, std::string& out) const;

 private:
  struct Part {
    std::string key_fragment;  // "city": (comma added when needed)
    int column;
    FieldType type;
  };
  struct Item {
    soql::RenderItem::Kind kind;
    std::string key_fragment;  // ,"Name":
    FieldType type;
    int column;
    std::vector<Part> parts;   // Compound
    size_t node = 0;           // Parent: index into nodes_
  };
  struct Node {
    std::string prefix;        // {"attributes":{"type":"Contact","url":"/services/data/v63.0/sobjects/Contact/
    int id_column;
    std::vector<Item> items;
  };

  size_t add_node(const soql::RenderNode& node, std::string_view api_version);
  void append_node(const Node& node, sqlite3_stmt* stmt, std::string& out) const;

  std::vector<Node> nodes_;  // nodes_[0] is the queried record
};

// Appends column `col` of the current row as a JSON value of field type `type` (null when NULL).
void append_column_json(sqlite3_stmt* stmt, int col, FieldType type, std::string& out);

}  // namespace emu::query
