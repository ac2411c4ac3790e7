// ASCII case helpers: Salesforce API names (objects, fields, relationships) compare
// case-insensitively, and they are ASCII by definition.
#pragma once

#include <string>
#include <string_view>

namespace sfsync {

std::string ascii_lower(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);

}  // namespace sfsync
