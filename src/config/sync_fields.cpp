#include "config/sync_fields.h"

#include <algorithm>
#include <regex>

#include "config/suggest.h"
#include "mapping/template.h"

namespace sfsync {
namespace {

void add_unique(std::vector<std::string>& out, const std::string& f) {
  if (f.empty()) return;
  bool seen = std::any_of(out.begin(), out.end(),
                          [&](const std::string& x) { return x.size() == f.size() && edit_distance(x, f) == 0; });
  if (!seen) out.push_back(f);
}

void add_template(std::vector<std::string>& out, const std::string& text, const std::string& object) {
  if (text.empty()) return;
  auto t = Template::compile(text, object);
  if (!t.ok()) return;
  for (const auto& f : t->fields()) add_unique(out, f);
}

void add_mappings(std::vector<std::string>& out, const std::vector<FieldMapping>& mappings) {
  for (const auto& m : mappings) add_unique(out, m.field);
}

}  // namespace

std::vector<std::string> referenced_fields(const SyncConfig& s) {
  std::vector<std::string> out;
  for (const auto& id : s.identifiers) {
    add_unique(out, id.field);
    add_template(out, id.template_text, s.object);
  }
  add_mappings(out, s.attributes);
  add_unique(out, s.event.name_field);
  add_unique(out, s.event.timestamp_field);
  add_mappings(out, s.event.parameters);
  add_template(out, s.object_target.id_template, s.object);
  add_template(out, s.relationship.object_id_template, s.object);
  add_mappings(out, s.relationship.attributes);
  for (const auto& r : s.filter.rules) add_unique(out, r.field);
  return out;
}

std::vector<std::string> select_fields(const SyncConfig& s) {
  if (s.fields.empty()) return {};
  std::vector<std::string> out;
  for (const auto& f : s.fields) add_unique(out, f);
  for (const auto& f : referenced_fields(s)) add_unique(out, f);
  return out;
}

std::optional<std::vector<std::string>> soql_select_fields(const std::string& soql) {
  static const std::regex kSelect(R"(^\s*select\s+([\s\S]+?)\s+from\s)", std::regex::icase);
  static const std::regex kPath(R"([A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*)");
  std::smatch m;
  if (!std::regex_search(soql, m, kSelect)) return std::nullopt;
  std::string list = m[1];
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(0, item.find_first_not_of(" \t\r\n"));
    item.erase(item.find_last_not_of(" \t\r\n") + 1);
    if (!std::regex_match(item, kPath)) return std::nullopt;
    out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace sfsync
