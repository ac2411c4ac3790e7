// Realistic, deterministic fake CRM data: people from several cultures, companies, emails and
// phone numbers in the formats real orgs contain — including the dirty ones (invalid emails,
// malformed phones, nulls) that sync and identity resolution must survive.
//
// Everything is driven by Rng, our own generator with a fixed algorithm: std:: distributions are
// implementation-defined, and the same seed must give the same org everywhere.
#pragma once

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace emu::fake {

// splitmix64-seeded xoshiro256**.
class Rng {
 public:
  explicit Rng(uint64_t seed);
  // An independent stream for one purpose (an object type), so adding records of one object
  // does not shift the values generated for another.
  Rng fork(std::string_view purpose) const;
  uint64_t next();
  uint64_t below(uint64_t n);                 // uniform in [0, n); n > 0
  int64_t between(int64_t lo, int64_t hi);    // uniform in [lo, hi]
  double unit();                              // [0, 1)
  bool chance(double p) { return unit() < p; }
  template <typename Container>
  const auto& pick(const Container& c) { return c[below(std::size(c))]; }

 private:
  uint64_t s_[4];
};

enum class Country { US, GB, DE, FR, IN, BR, JP };
constexpr int kCountryCount = 7;

Country pick_country(Rng& rng);  // weighted like a US-headquartered global org
std::string_view country_name(Country c);  // "United States", "Germany", ...

struct PersonName {
  std::string_view first;
  std::string_view last;
  Country country;
};
PersonName person(Rng& rng, Country country);

// "Acme Logistics GmbH", "Sato Holdings", "Blue Harbor Analytics Inc."
std::string company_name(Rng& rng, Country country);
// "acmelogistics.de": what emails of the company's people end with.
std::string company_domain(std::string_view company, Country country);
std::string_view job_title(Rng& rng);
std::string_view department(Rng& rng);

// An email derived from the name; "" (null) ~10%, invalid (missing @, double dots, spaces) ~3%.
// `company_domain` is used for work addresses when non-empty. `person_serial` (unique per person
// within its object) makes free-mail addresses unique: distinct people do not share a mailbox, so
// the only repeated addresses are the duplicates a generator makes on purpose (and the rare work
// address two namesakes at one company domain would share).
std::string email(Rng& rng, std::string_view first, std::string_view last, std::string_view company_domain,
                  Country country, uint64_t person_serial);
bool looks_like_valid_email(std::string_view s);

// A phone number in one of the country's common formats ("(415) 555-0134", "+44 20 7946 0018",
// "030 1234567"); invalid ~3%. Never null: callers decide how often a phone is missing.
std::string phone(Rng& rng, Country country);

struct Address {
  std::string street;
  std::string_view city;
  std::string_view state;  // may be empty (no states in FR/JP addresses here)
  std::string postal_code;
  std::string_view country;
  double latitude;
  double longitude;
};
Address address(Rng& rng, Country country);

// A few words of plausible free text (descriptions, subjects).
std::string sentence(Rng& rng, int min_words, int max_words);

// Lower-case ASCII form of a name for emails and usernames ("Müller" -> "mueller", "José" -> "jose").
std::string ascii_slug(std::string_view s);

}  // namespace emu::fake
