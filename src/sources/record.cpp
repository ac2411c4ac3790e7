#include "sources/record.h"

#include <algorithm>
#include <cctype>

namespace sfsync {

namespace {
bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

const Value* Record::get(std::string_view path) const {
  for (const auto& [name, value] : fields)
    if (iequal(name, path)) return &value;
  return nullptr;
}

}  // namespace sfsync
