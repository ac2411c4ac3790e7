// RecordRenderer: writes the current row of a compiled query's statement as a Salesforce record.
//
// This is the emulator's hottest loop (1M Contacts x 20 fields must serialize in well under a
// second), so everything that does not depend on the row — `{"attributes":{"type":...,"url":"...`,
// every `,"FieldName":` — is prepared once in the constructor, and a row is a walk over flat
// vectors that appends to one reserved string: no maps, no per-row allocations.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/soql/compiler.h"

namespace emu::query {

class RecordRenderer {
 public:
  // api_version: "63.0", used in attributes.url. `db` runs parent-to-child subqueries (prepared
  // once here, re-run per record); without it child relationships render as null.
  RecordRenderer(const soql::RenderNode& root, std::string_view api_version, sqlite3* db = nullptr);
  ~RecordRenderer();
  RecordRenderer(const RecordRenderer&) = delete;
  RecordRenderer& operator=(const RecordRenderer&) = delete;

  // Appends the record in the statement's current row (a JSON object) to `out`.
  void append_record(sqlite3_stmt* stmt, std::string& out);

 private:
  struct Part {
    std::string key_fragment;  // "city": (comma added when needed)
    int column;
    FieldType type;
  };
  enum class ItemKind { Field, Compound, Parent, Children };
  struct Item {
    ItemKind kind;
    std::string key_fragment;  // ,"Name":
    FieldType type;
    int column;
    std::vector<Part> parts;   // Compound
    size_t node = 0;           // Parent: index into nodes_
    // Children: the subquery's statement (?1 = parent Id), its renderer and a reusable buffer.
    sqlite3_stmt* child_stmt = nullptr;
    std::unique_ptr<RecordRenderer> child_renderer;
    std::string child_records;
  };
  struct Node {
    std::string prefix;        // {"attributes":{"type":"Contact","url":"/services/data/v63.0/sobjects/Contact/
    int id_column;
    std::vector<Item> items;
  };

  size_t add_node(const soql::RenderNode& node, std::string_view api_version, sqlite3* db);
  Item children_item(const soql::ChildQuery& child, std::string_view api_version, sqlite3* db);
  void append_node(Node& node, sqlite3_stmt* stmt, std::string& out);
  void append_children(Item& item, sqlite3_value* parent_id, std::string& out);

  std::vector<Node> nodes_;  // nodes_[0] is the queried record
};

// Appends column `col` of the current row as a JSON value of field type `type` (null when NULL).
void append_column_json(sqlite3_stmt* stmt, int col, FieldType type, std::string& out);

}  // namespace emu::query
