#include "emulator/sfmc/de_generator.h"

#include <array>
#include <cstdio>
#include <string_view>

#include "common/time_util.h"

namespace emu {
namespace {

// SplitMix64: tiny, fast, and good enough for demo data.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int64_t below(int64_t n) { return int64_t(next() % uint64_t(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <typename T, size_t N>
  const T& pick(const std::array<T, N>& items) { return items[size_t(below(int64_t(N)))]; }

 private:
  uint64_t state_;
};

constexpr std::array<std::string_view, 16> kFirstNames = {"Emma", "Liam", "Olivia", "Noah", "Sofia", "Lucas",
    "Mia", "Hugo", "Chloe", "Mateo", "Yuki", "Amara", "Lea", "Jonas", "Ines", "Ravi"};
constexpr std::array<std::string_view, 16> kLastNames = {"Smith", "Garcia", "Martin", "Muller", "Rossi", "Silva",
    "Dubois", "Kowalski", "Tanaka", "Nguyen", "Johnson", "Lopez", "Schmidt", "Moreau", "Costa", "Okafor"};
struct Country { std::string_view code; std::string_view phone_format; };
constexpr std::array<Country, 6> kCountries = {{{"US", "+1 (%03d) 555-%04d"},
                                               {"FR", "+33 6 %02d %02d %02d %02d"},
                                               {"DE", "+49 151 %04d%04d"},
                                               {"GB", "+44 7700 %06d"},
                                               {"BR", "+55 11 9%04d-%04d"},
                                               {"JP", "+81 90-%04d-%04d"}}};
constexpr std::array<std::string_view, 3> kChannels = {"Email", "SMS", "Push"};
constexpr std::array<std::string_view, 5> kLocales = {"en-US", "fr-FR", "de-DE", "pt-BR", "ja-JP"};

// ModifiedDate and other dates fall in 2023-01-01 .. 2024-12-31, independent of the wall clock.
int64_t random_date_ms(Rng& rng) {
  const int64_t start = sfsync::days_from_civil(2023, 1, 1) * 86400000;
  return start + rng.below(731LL * 86400) * 1000;
}

std::string phone_for(Rng& rng, const Country& country) {
  char buf[48];
  int a = int(rng.below(10000)), b = int(rng.below(10000));
  if (country.code == "FR") {
    std::snprintf(buf, sizeof buf, "+33 6 %02d %02d %02d %02d", a % 100, a / 100, b % 100, b / 100);
  } else if (country.code == "GB") {
    std::snprintf(buf, sizeof buf, "+44 7700 %06d", (a * 100 + b) % 1000000);
  } else if (country.code == "US") {
    std::snprintf(buf, sizeof buf, "+1 (%03d) 555-%04d", 200 + a % 800, b);
  } else {
    std::string format(country.phone_format);
    std::snprintf(buf, sizeof buf, format.c_str(), a, b);
  }
  return buf;
}

struct Person {
  std::string_view first, last;
  const Country* country;
};

DeCell value_for(const DeField& field, int64_t index, const DataExtensionDef& de, const Person& person, Rng& rng) {
  const std::string name = to_lower(field.name);
  if (name == "subscriberkey") return std::string("SUB-") + std::to_string(1000000 + index);
  if (field.is_primary_key) return de.key + "-" + std::to_string(index + 1);
  if (name == "firstname") return std::string(person.first);
  if (name == "lastname") return std::string(person.last);
  if (name == "country") return std::string(person.country->code);
  if (name == "points") return rng.below(5001);
  if (name == "preferredchannel") return std::string(rng.pick(kChannels));
  if (field.type == DeFieldType::EmailAddress || name == "email") {
    if (rng.chance(3)) return std::monostate{};
    std::string local = to_lower(person.first) + "." + to_lower(person.last) + std::to_string(index);
    return rng.chance(3) ? local + ".example.com" : local + "@example.com";  // some invalid ones
  }
  if (field.type == DeFieldType::Phone) {
    if (rng.chance(8)) return std::monostate{};
    return rng.chance(3) ? std::string("12345") : phone_for(rng, *person.country);
  }
  switch (field.type) {
    case DeFieldType::Boolean: return rng.chance(4) ? DeCell{} : DeCell{int64_t(rng.chance(60))};
    case DeFieldType::Date: return random_date_ms(rng);
    case DeFieldType::Number: return rng.below(100000);
    case DeFieldType::Decimal: return double(rng.below(1000000)) / 100.0;
    case DeFieldType::Locale: return std::string(rng.pick(kLocales));
    default: return rng.chance(5) ? DeCell{} : DeCell{field.name + " " + std::to_string(index + 1)};
  }
}

uint64_t key_hash(std::string_view key) {
  uint64_t h = 1469598103934665603ull;
  for (char c : to_lower(key)) h = (h ^ uint8_t(c)) * 1099511628211ull;
  return h;
}

}  // namespace

DeRow generate_de_row(const DataExtensionDef& de, uint64_t seed, int64_t index) {
  Rng rng(seed * 0x2545F4914F6CDD1Dull ^ key_hash(de.key) ^ uint64_t(index) * 0x9E3779B97F4A7C15ull);
  // The person is drawn from the row index alone, so two DEs of one seed describe the same people.
  Rng person_rng(seed * 0x2545F4914F6CDD1Dull ^ uint64_t(index) * 0xD1B54A32D192ED03ull);
  Person person{person_rng.pick(kFirstNames), person_rng.pick(kLastNames), &person_rng.pick(kCountries)};
  DeRow row;
  row.reserve(de.fields.size());
  for (const auto& field : de.fields) row.push_back(value_for(field, index, de, person, rng));
  return row;
}

sfsync::Result<void> populate_data_extension(DataExtensionStore& store, const DataExtensionDef& de, uint64_t seed,
                                             int64_t rows) {
  constexpr int64_t kBatch = 10000;
  std::vector<DeRow> batch;
  for (int64_t start = 0; start < rows; start += kBatch) {
    batch.clear();
    for (int64_t i = start; i < std::min(rows, start + kBatch); ++i) batch.push_back(generate_de_row(de, seed, i));
    if (auto r = store.insert_rows(de, batch); !r) return r;
  }
  return {};
}

}  // namespace emu
