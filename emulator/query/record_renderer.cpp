#include "emulator/query/record_renderer.h"

#include "common/json_writer.h"
#include "common/time_util.h"

namespace emu::query {
namespace {

std::string key_fragment(std::string_view key, bool leading_comma) {
  std::string out = leading_comma ? "," : "";
  sfsync::JsonWriter::append_escaped(out, key);
  out.push_back(':');
  return out;
}

// sqlite3_column_* calls each take the connection's mutex; fetching the sqlite3_value once and
// reading it through sqlite3_value_* takes it once per column instead of three times.
std::string_view value_text(sqlite3_value* v) {
  const unsigned char* text = sqlite3_value_text(v);
  return {reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_value_bytes(v))};
}

bool column_is_null(sqlite3_stmt* stmt, int col) {
  return sqlite3_value_type(sqlite3_column_value(stmt, col)) == SQLITE_NULL;
}

}  // namespace

void append_column_json(sqlite3_stmt* stmt, int col, FieldType type, std::string& out) {
  sqlite3_value* v = sqlite3_column_value(stmt, col);
  if (sqlite3_value_type(v) == SQLITE_NULL) {
    out.append("null");
    return;
  }
  switch (storage_class(type)) {
    case StorageClass::Integer:
      if (type == FieldType::Boolean) {
        out.append(sqlite3_value_int64(v) ? "true" : "false");
      } else {
        sfsync::JsonWriter(out).value(static_cast<int64_t>(sqlite3_value_int64(v)));
      }
      return;
    case StorageClass::Real:
      sfsync::JsonWriter(out).value(sqlite3_value_double(v));
      return;
    case StorageClass::EpochMillis:
      out.push_back('"');
      sfsync::append_sf_datetime(out, sqlite3_value_int64(v));
      out.push_back('"');
      return;
    default:
      sfsync::JsonWriter::append_escaped(out, value_text(v));
      return;
  }
}

RecordRenderer::RecordRenderer(const soql::RenderNode& root, std::string_view api_version) {
  add_node(root, api_version);
}

size_t RecordRenderer::add_node(const soql::RenderNode& node, std::string_view api_version) {
  size_t index = nodes_.size();
  nodes_.emplace_back();
  std::string prefix = "{\"attributes\":{\"type\":";
  sfsync::JsonWriter::append_escaped(prefix, node.object->name);
  prefix += ",\"url\":\"/services/data/v";
  prefix += api_version;
  prefix += "/sobjects/";
  prefix += node.object->name;
  prefix += '/';
  std::vector<Item> items;
  for (const soql::RenderItem& it : node.items) {
    Item item{it.kind, key_fragment(it.key, true), it.type, it.column, {}, 0};
    for (size_t i = 0; i < it.parts.size(); ++i) {
      item.parts.push_back(Part{key_fragment(it.parts[i].json_key, i > 0), it.parts[i].column, it.parts[i].type});
    }
    if (it.kind == soql::RenderItem::Kind::Parent) item.node = add_node(*it.parent, api_version);
    items.push_back(std::move(item));
  }
  // add_node() may have grown nodes_ (parents), so fill this one in by index.
  nodes_[index] = Node{std::move(prefix), node.id_column, std::move(items)};
  return index;
}

void RecordRenderer::append_record(sqlite3_stmt* stmt, std::string& out) const {
  append_node(nodes_[0], stmt, out);
}

void RecordRenderer::append_node(const Node& node, sqlite3_stmt* stmt, std::string& out) const {
  sqlite3_value* id = sqlite3_column_value(stmt, node.id_column);
  if (sqlite3_value_type(id) == SQLITE_NULL) {  // empty lookup
    out.append("null");
    return;
  }
  out.append(node.prefix);
  out.append(value_text(id));
  out.append("\"}");
  for (const Item& item : node.items) {
    out.append(item.key_fragment);
    switch (item.kind) {
      case soql::RenderItem::Kind::Field:
        append_column_json(stmt, item.column, item.type, out);
        break;
      case soql::RenderItem::Kind::Parent:
        append_node(nodes_[item.node], stmt, out);
        break;
      case soql::RenderItem::Kind::Compound: {
        bool all_null = true;
        for (const Part& p : item.parts) all_null = all_null && column_is_null(stmt, p.column);
        if (all_null) { out.append("null"); break; }
        out.push_back('{');
        for (const Part& p : item.parts) {
          out.append(p.key_fragment);
          append_column_json(stmt, p.column, p.type, out);
        }
        out.push_back('}');
        break;
      }
    }
  }
  out.push_back('}');
}

}  // namespace emu::query
