// "Did you mean ...?": nearest names by edit distance, for unknown keys, objects and fields.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sfsync {

// Edit distance (insert, delete, replace, swap two neighbours: "Contcat" is 1 from "Contact"),
// case-insensitive.
size_t edit_distance(std::string_view a, std::string_view b);

// Up to `count` candidates ordered by distance (ties keep the candidates' order). With
// max_distance > 0 only candidates that close are returned.
std::vector<std::string> closest_names(std::string_view name, const std::vector<std::string>& candidates,
                                       size_t count, size_t max_distance = 0);

// `"a", "b", "c"` for messages.
std::string quoted_list(const std::vector<std::string>& names);

}  // namespace sfsync
