#include "emulator/org/fake_data.h"

#include <array>
#include <cctype>
#include <cmath>

#include "emulator/org/fake_data_tables.h"

namespace emu::fake {
namespace {

uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// FNV-1a: a stable hash for Rng::fork (std::hash differs between library versions).
uint64_t stable_hash(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

constexpr std::array<std::string_view, kCountryCount> kIsoCodes = {"US", "GB", "DE", "FR", "IN", "BR", "JP"};

// Phone patterns: 'N' is a random digit, 'X' a digit 2-9 (exchanges and subscriber numbers cannot
// start with 0 or 1), everything else is literal. Valid for each country's numbering plan.
const std::array<std::vector<std::string_view>, kCountryCount> kPhonePatterns = {{
    {"(415) XNN-NNNN", "(212) XNN-NNNN", "512-XNN-NNNN", "+1 312 XNN NNNN", "206XNNNNNN", "+1 (617) XNN-NNNN",
     "303.XNN.NNNN", "(415) 555-01NN", "+14045NNNNNN", "1-800-XNN-NNNN"},
    {"+44 20 7946 0NNN", "020 7946 0NNN", "+44 (0)20 7NNN NNNN", "+44 7400 NNNNNN", "07500 NNNNNN", "+447812NNNNNN",
     "0161 XNN NNNN"},
    {"030 XNNNNNN", "+49 30 XNNNNNN", "+49 (0)89 XNNNNN", "089 XNNNNN", "040 XNNNNNNN", "0151 NNNNNNNN",
     "+49 151 NNNNNNNN", "+4930XNNNNNN", "0221/XNNNNN"},
    {"01 NN NN NN NN", "+33 1 NN NN NN NN", "06 1N NN NN NN", "+33 6 7N NN NN NN", "+3361NNNNNNN", "04.7N.NN.NN.NN"},
    {"+91 9NNNN NNNNN", "09NNNN NNNNN", "+91-9NNNNNNNNN", "080 XNNN NNNN", "+91 22 2NNN NNNN", "9NNNNNNNNN"},
    {"+55 11 9NNNN-NNNN", "(11) 9NNNN-NNNN", "(21) 3NNN-NNNN", "+5511 9NNNNNNNN", "11 9NNNN-NNNN"},
    {"03-XNNN-NNNN", "+81 3-XNNN-NNNN", "090-XNNN-NNNN", "+81 90 XNNN NNNN", "06-XNNN-NNNN", "+81-80-XNNN-NNNN"},
}};
constexpr std::string_view kInvalidPhones[] = {"12345",        "555-CALL-NOW", "+1 (415) 555-01", "n/a",
                                               "0000000000",   "+44 20 7946",  "tel ?",           "123-456-789-0123-45",
                                               "call reception", "+49 30 12 34 56 78 90 12"};

// Postal code patterns: 'N' digit, 'L' capital letter (fill_pattern).
constexpr std::array<std::string_view, kCountryCount> kPostalPatterns = {"NNNNN",     "LLN NLL", "NNNNN", "NNNNN",
                                                                          "NNNNNN", "NNNNN-NNN", "NNN-NNNN"};

std::string fill_pattern(Rng& rng, std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size());
  for (char c : pattern) {
    if (c == 'N') out.push_back(static_cast<char>('0' + rng.below(10)));
    else if (c == 'X') out.push_back(static_cast<char>('2' + rng.below(8)));
    else if (c == 'L') out.push_back(static_cast<char>('A' + rng.below(26)));
    else out.push_back(c);
  }
  return out;
}

std::string street_line(Rng& rng, Country country, std::string_view street) {
  std::string n = std::to_string(rng.between(1, country == Country::US ? 9999 : 180));
  switch (country) {
    case Country::US: {
      std::string s = n + " " + std::string(street);
      if (rng.chance(0.1)) s += "\nSuite " + std::to_string(rng.between(100, 2400));
      return s;
    }
    case Country::DE: return std::string(street) + " " + n;
    case Country::IN: return n + ", " + std::string(street);
    case Country::BR: return std::string(street) + ", " + n;
    case Country::JP: return std::string(street) + "-" + n;
    default: return n + " " + std::string(street);
  }
}

// Makes an otherwise fine email address invalid the ways real data is.
std::string corrupt_email(Rng& rng, const std::string& local, std::string_view domain) {
  switch (rng.below(6)) {
    case 0: return local + std::string(domain);                       // missing @
    case 1: return local + "..x@" + std::string(domain);              // double dot in the local part
    case 2: {
      std::string d(domain);
      auto dot = d.rfind('.');
      return local + "@" + d.substr(0, dot) + ".." + d.substr(dot + 1);  // double dot in the domain
    }
    case 3: return local + "@";
    case 4: return local + " @" + std::string(domain);
    default: return local + "@@" + std::string(domain);
  }
}

std::string email_local_part(Rng& rng, const std::string& first, const std::string& last) {
  std::string f = first.empty() ? "info" : first;
  switch (rng.below(8)) {
    case 0: return f + "." + last;
    case 1: return f.substr(0, 1) + last;
    case 2: return f + last;
    case 3: return f + "_" + last;
    case 4: return f + "." + last + std::to_string(rng.between(1, 99));
    case 5: return f;
    case 6: return last + f.substr(0, 1);
    default: return f.substr(0, 1) + "." + last;
  }
}

}  // namespace

Rng::Rng(uint64_t seed) {
  uint64_t x = seed;
  for (auto& s : s_) s = splitmix64(x);
}

Rng Rng::fork(std::string_view purpose) const { return Rng(s_[0] ^ stable_hash(purpose)); }

uint64_t Rng::next() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

uint64_t Rng::below(uint64_t n) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
}

int64_t Rng::between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1))); }

double Rng::unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

Country pick_country(Rng& rng) {
  static constexpr int kWeights[kCountryCount] = {40, 12, 12, 9, 12, 8, 7};  // sums to 100
  int r = static_cast<int>(rng.below(100));
  for (int i = 0; i < kCountryCount; ++i) {
    if (r < kWeights[i]) return static_cast<Country>(i);
    r -= kWeights[i];
  }
  return Country::US;
}

std::string_view country_name(Country c) { return tables::culture(c).country_name; }

PersonName person(Rng& rng, Country country) {
  const auto& cu = tables::culture(country);
  return {rng.pick(cu.first_names), rng.pick(cu.last_names), country};
}

std::string company_name(Rng& rng, Country country) {
  const auto& cu = tables::culture(country);
  std::string name;
  switch (rng.below(4)) {
    case 0: name.append(rng.pick(cu.last_names)).append(" ").append(rng.pick(tables::company_nouns())); break;
    case 1: name.append(rng.pick(cu.last_names)).append(" & ").append(rng.pick(cu.last_names)); break;
    default:
      name.append(rng.pick(tables::company_words())).append(" ").append(rng.pick(tables::company_nouns()));
  }
  if (rng.chance(0.65)) name.append(" ").append(rng.pick(cu.company_suffixes));
  return name;
}

std::string company_domain(std::string_view company, Country country) {
  // The first two words ("Blue Harbor Analytics Inc." -> "blueharbor").
  std::string base;
  int words = 0;
  for (size_t i = 0; i < company.size() && words < 2;) {
    size_t end = company.find(' ', i);
    if (end == std::string_view::npos) end = company.size();
    std::string w = ascii_slug(company.substr(i, end - i));
    if (!w.empty()) {
      base += w;
      ++words;
    }
    i = end + 1;
  }
  if (base.empty()) base = "company";
  return base + "." + std::string(tables::culture(country).tld);
}

std::string_view job_title(Rng& rng) { return rng.pick(tables::titles()); }
std::string_view department(Rng& rng) { return rng.pick(tables::departments()); }

std::string email(Rng& rng, std::string_view first, std::string_view last, std::string_view work_domain,
                  Country country, uint64_t person_serial) {
  if (rng.chance(0.10)) return {};
  std::string local = email_local_part(rng, ascii_slug(first), ascii_slug(last));
  bool at_work = !work_domain.empty() && rng.chance(0.45);
  std::string domain = at_work ? std::string(work_domain) : std::string(rng.pick(tables::culture(country).email_domains));
  // A free-mail handle belongs to one person, and the name pools are small: without the serial,
  // "anna.schmidt@web.de" would stand for thousands of different people in a 1M-contact org.
  if (!at_work) local += std::to_string(person_serial);
  if (rng.chance(0.033)) return corrupt_email(rng, local, domain);
  std::string out = local + "@" + domain;
  if (rng.chance(0.04)) {
    // People type their address with capitals; identity resolution must still match it.
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  }
  return out;
}

bool looks_like_valid_email(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  if (s.find("..") != std::string_view::npos || s.find(' ') != std::string_view::npos) return false;
  auto domain = s.substr(at + 1);
  auto dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && domain.back() != '.';
}

std::string phone(Rng& rng, Country country) {
  if (rng.chance(0.03)) return std::string(rng.pick(kInvalidPhones));
  return fill_pattern(rng, rng.pick(kPhonePatterns[static_cast<int>(country)]));
}

Address address(Rng& rng, Country country) {
  const auto& cu = tables::culture(country);
  const auto& city = rng.pick(cu.cities);
  Address a;
  a.street = street_line(rng, country, rng.pick(cu.streets));
  a.city = city.name;
  a.state = city.state;
  a.postal_code = fill_pattern(rng, kPostalPatterns[static_cast<int>(country)]);
  // Real orgs mix full names and ISO codes in Country.
  a.country = rng.chance(0.75) ? cu.country_name : kIsoCodes[static_cast<int>(country)];
  // Geocoders answer with about six decimals (~10 cm).
  a.latitude = std::round((city.latitude + (rng.unit() - 0.5) * 0.2) * 1e6) / 1e6;
  a.longitude = std::round((city.longitude + (rng.unit() - 0.5) * 0.2) * 1e6) / 1e6;
  return a;
}

std::string sentence(Rng& rng, int min_words, int max_words) {
  int n = static_cast<int>(rng.between(min_words, max_words));
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i) out.push_back(' ');
    out += rng.pick(tables::words());
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string ascii_slug(std::string_view s) {
  // Two-byte UTF-8 Latin letters this data uses, and their ASCII spelling.
  static const std::pair<std::string_view, std::string_view> kFold[] = {
      {"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "ae"}, {"Ö", "oe"}, {"Ü", "ue"}, {"ß", "ss"}, {"é", "e"},
      {"è", "e"},  {"ê", "e"},  {"ë", "e"},  {"É", "e"},  {"á", "a"},  {"à", "a"},  {"â", "a"},  {"ã", "a"},
      {"í", "i"},  {"ó", "o"},  {"ô", "o"},  {"õ", "o"},  {"ú", "u"},  {"ç", "c"},  {"ñ", "n"},  {"ï", "i"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [from, to] : kFold) {
      if (s.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        folded = true;
        break;
      }
    }
    if (!folded) ++i;  // other non-ASCII bytes are dropped
  }
  return out;
}

}  // namespace emu::fake
