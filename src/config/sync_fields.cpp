#include "config/sync_fields.h"

#include <algorithm>
#include <cctype>
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
  add_unique(out, s.event.when_changed);
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

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool keyword_at(const std::string& s, size_t i, std::string_view word) {
  if (i + word.size() > s.size() || (i > 0 && is_word_char(s[i - 1]))) return false;
  if (i + word.size() < s.size() && is_word_char(s[i + word.size()])) return false;
  for (size_t k = 0; k < word.size(); ++k)
    if (std::toupper(static_cast<unsigned char>(s[i + k])) != word[k]) return false;
  return true;
}

// Where the SELECT list and the outer FROM are: skips sub-queries in parentheses and quoted text.
struct SoqlShape {
  size_t list_begin = std::string::npos;
  size_t from = std::string::npos;
};

SoqlShape soql_shape(const std::string& soql) {
  SoqlShape shape;
  size_t i = soql.find_first_not_of(" \t\r\n");
  if (i == std::string::npos || !keyword_at(soql, i, "SELECT")) return shape;
  shape.list_begin = i + 6;
  int depth = 0;
  bool quoted = false;
  for (size_t k = shape.list_begin; k < soql.size(); ++k) {
    char c = soql[k];
    if (quoted) {
      if (c == '\\') ++k;
      else if (c == '\'') quoted = false;
    } else if (c == '\'') {
      quoted = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (depth == 0 && keyword_at(soql, k, "FROM")) {
      shape.from = k;
      return shape;
    }
  }
  return shape;
}

}  // namespace

std::string soql_from_object(const std::string& soql) {
  SoqlShape shape = soql_shape(soql);
  if (shape.from == std::string::npos) return "";
  size_t b = soql.find_first_not_of(" \t\r\n", shape.from + 4);
  size_t e = b;
  while (e < soql.size() && is_word_char(soql[e])) ++e;
  return b == std::string::npos ? "" : soql.substr(b, e - b);
}

std::optional<std::vector<std::string>> soql_select_fields(const std::string& soql) {
  static const std::regex kPath(R"([A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*)");
  SoqlShape shape = soql_shape(soql);
  if (shape.from == std::string::npos) return std::nullopt;
  std::string list = soql.substr(shape.list_begin, shape.from - shape.list_begin);
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

bool soql_has_child_subquery(const std::string& soql) {
  SoqlShape shape = soql_shape(soql);
  if (shape.from == std::string::npos) return false;
  for (size_t k = shape.list_begin; k < shape.from; ++k) {
    if (soql[k] != '(') continue;
    size_t word = soql.find_first_not_of(" \t\r\n", k + 1);
    if (word != std::string::npos && keyword_at(soql, word, "SELECT")) return true;
  }
  return false;
}

}  // namespace sfsync
