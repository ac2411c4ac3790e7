// Word lists behind fake_data.cpp (one Culture per Country, in enum order).
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "emulator/org/fake_data.h"

namespace emu::fake::tables {

struct City {
  std::string_view name;
  std::string_view state;
  double latitude;
  double longitude;
};

struct Culture {
  std::span<const std::string_view> first_names;
  std::span<const std::string_view> last_names;
  std::span<const City> cities;
  std::span<const std::string_view> streets;
  std::span<const std::string_view> email_domains;
  std::string_view country_name;
  std::string_view tld;
  std::array<std::string_view, 5> company_suffixes;
};

const Culture& culture(Country c);
std::span<const std::string_view> company_words();
std::span<const std::string_view> company_nouns();
std::span<const std::string_view> titles();
std::span<const std::string_view> departments();
std::span<const std::string_view> words();

}  // namespace emu::fake::tables
