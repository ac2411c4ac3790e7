#include "emulator/query/record_renderer.h"

#include "common/json_writer.h"
#include "common/time_util.h"
#include "emulator/org/org_store.h"

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

RecordRenderer::RecordRenderer(const soql::RenderNode& root, std::string_view api_version, sqlite3* db) {
  add_node(root, api_version, db);
}

RecordRenderer::~RecordRenderer() {
  for (Node& node : nodes_) {
    for (Item& item : node.items) {
      if (item.child_stmt) sqlite3_finalize(item.child_stmt);
    }
  }
}

RecordRenderer::Item RecordRenderer::children_item(const soql::ChildQuery& child, std::string_view api_version,
                                                   sqlite3* db) {
  Item item{ItemKind::Children, key_fragment(child.key, true), FieldType::Id, -1, {}, 0, nullptr, nullptr, {}};
  const soql::CompiledQuery& query = *child.query;
  if (!db || sqlite3_prepare_v2(db, query.sql.c_str(), -1, &item.child_stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(item.child_stmt);
    item.child_stmt = nullptr;  // renders null
    return item;
  }
  for (size_t i = 1; i < query.params.size(); ++i) {  // ?1 is the parent Id, bound per record
    bind_value(item.child_stmt, static_cast<int>(i + 1), query.params[i]);
  }
  item.child_renderer = std::make_unique<RecordRenderer>(query.root, api_version, db);
  return item;
}

size_t RecordRenderer::add_node(const soql::RenderNode& node, std::string_view api_version, sqlite3* db) {
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
  auto add_children_at = [&](size_t position) {
    for (const soql::ChildQuery& child : node.children) {
      if (child.position == position) items.push_back(children_item(child, api_version, db));
    }
  };
  for (size_t n = 0; n < node.items.size(); ++n) {
    add_children_at(n);
    const soql::RenderItem& it = node.items[n];
    ItemKind kind = it.kind == soql::RenderItem::Kind::Field      ? ItemKind::Field
                    : it.kind == soql::RenderItem::Kind::Compound ? ItemKind::Compound
                                                                  : ItemKind::Parent;
    Item item{kind, key_fragment(it.key, true), it.type, it.column, {}, 0, nullptr, nullptr, {}};
    for (size_t i = 0; i < it.parts.size(); ++i) {
      item.parts.push_back(Part{key_fragment(it.parts[i].json_key, i > 0), it.parts[i].column, it.parts[i].type});
    }
    if (kind == ItemKind::Parent) item.node = add_node(*it.parent, api_version, db);
    items.push_back(std::move(item));
  }
  add_children_at(node.items.size());
  // add_node() may have grown nodes_ (parents), so fill this one in by index.
  nodes_[index] = Node{std::move(prefix), node.id_column, std::move(items)};
  return index;
}

void RecordRenderer::append_record(sqlite3_stmt* stmt, std::string& out) { append_node(nodes_[0], stmt, out); }

// {"totalSize":n,"done":true,"records":[...]} with the parent's children, or null when it has none.
void RecordRenderer::append_children(Item& item, sqlite3_value* parent_id, std::string& out) {
  if (!item.child_stmt) {
    out.append("null");
    return;
  }
  sqlite3_reset(item.child_stmt);
  sqlite3_bind_text(item.child_stmt, 1, reinterpret_cast<const char*>(sqlite3_value_text(parent_id)),
                    sqlite3_value_bytes(parent_id), SQLITE_TRANSIENT);
  item.child_records.clear();
  int64_t count = 0;
  while (sqlite3_step(item.child_stmt) == SQLITE_ROW) {
    if (count++) item.child_records.push_back(',');
    item.child_renderer->append_record(item.child_stmt, item.child_records);
  }
  if (count == 0) {
    out.append("null");
    return;
  }
  out.append("{\"totalSize\":");
  out.append(std::to_string(count));
  out.append(",\"done\":true,\"records\":[");
  out.append(item.child_records);
  out.append("]}");
}

void RecordRenderer::append_node(Node& node, sqlite3_stmt* stmt, std::string& out) {
  sqlite3_value* id = sqlite3_column_value(stmt, node.id_column);
  if (sqlite3_value_type(id) == SQLITE_NULL) {  // empty lookup
    out.append("null");
    return;
  }
  out.append(node.prefix);
  out.append(value_text(id));
  out.append("\"}");
  for (Item& item : node.items) {
    out.append(item.key_fragment);
    switch (item.kind) {
      case ItemKind::Field:
        append_column_json(stmt, item.column, item.type, out);
        break;
      case ItemKind::Parent:
        append_node(nodes_[item.node], stmt, out);
        break;
      case ItemKind::Children:
        append_children(item, id, out);
        break;
      case ItemKind::Compound: {
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
