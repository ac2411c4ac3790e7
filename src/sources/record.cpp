#include "sources/record.h"

#include <cstring>

namespace sfsync {

namespace {

// ASCII case folding, inline: field paths are ASCII API names, and this runs a few hundred times
// per record (the Mapper looks up every mapped field), where std::tolower's locale call showed up.
char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

bool iequal_same_size(std::string_view a, std::string_view b) {
  if (std::memcmp(a.data(), b.data(), a.size()) == 0) return true;  // the usual case: same spelling
  for (size_t i = 0; i < a.size(); ++i)
    if (fold(a[i]) != fold(b[i])) return false;
  return true;
}

}  // namespace

const Value* Record::get(std::string_view path) const {
  for (const auto& [name, value] : fields)
    if (name.size() == path.size() && iequal_same_size(name, path)) return &value;
  return nullptr;
}

}  // namespace sfsync
