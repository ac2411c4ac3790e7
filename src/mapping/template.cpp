#include "mapping/template.h"

#include <algorithm>
#include <cctype>

namespace sfsync {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_name(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// `Lead.Id` on a Lead sync is the record's own `Id`.
std::string resolve_path(std::string_view path, std::string_view source_object) {
  size_t dot = path.find('.');
  if (!source_object.empty() && dot != std::string_view::npos && iequal(path.substr(0, dot), source_object))
    return std::string(path.substr(dot + 1));
  return std::string(path);
}

}  // namespace

bool is_field_path(std::string_view path) {
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    if (!is_name(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start)))
      return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

Result<Template> Template::compile(std::string_view text, std::string_view source_object) {
  Template t;
  t.text_ = std::string(text);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      t.parts_.push_back({std::string(text.substr(pos)), false});
      break;
    }
    if (open > pos) t.parts_.push_back({std::string(text.substr(pos, open - pos)), false});
    size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos)
      return make_error("bad_template", "template \"" + t.text_ + "\": \"{{\" is never closed (write {{Field}})");
    std::string_view path = trim(text.substr(open + 2, close - open - 2));
    if (path.empty()) return make_error("bad_template", "template \"" + t.text_ + "\": empty {{}} (write {{Field}})");
    if (!is_field_path(path))
      return make_error("bad_template", "template \"" + t.text_ + "\": \"" + std::string(path) +
                                            "\" is not a field name (write {{Id}} or {{Account.Name}})");
    std::string field = resolve_path(path, source_object);
    t.parts_.push_back({field, true});
    if (std::find(t.fields_.begin(), t.fields_.end(), field) == t.fields_.end()) t.fields_.push_back(field);
    pos = close + 2;
  }
  if (t.fields_.empty())
    return make_error("bad_template", "template \"" + t.text_ +
                                          "\" has no {{Field}} placeholder, so every record would get the same value");
  return t;
}

std::optional<std::string> Template::render(const Record& record) const {
  std::string out;
  for (const Part& p : parts_) {
    if (!p.is_field) {
      out += p.text;
      continue;
    }
    const Value* v = record.get(p.text);
    if (v == nullptr || v->is_null()) return std::nullopt;
    std::string s = v->to_text();
    if (s.empty()) return std::nullopt;
    out += s;
  }
  return out;
}

}  // namespace sfsync
