#include "mapping/identifier_normalizer.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

namespace sfsync {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_local_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) !=
                                                            std::string_view::npos;
}

bool valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  return std::all_of(local.begin(), local.end(), is_local_char);
}

bool valid_domain(std::string_view domain) {
  if (domain.size() < 3 || domain.size() > 253) return false;
  size_t start = 0;
  int labels = 0;
  std::string_view last;
  while (true) {
    size_t dot = domain.find('.', start);
    std::string_view label = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    if (!std::all_of(label.begin(), label.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }))
      return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  // A top-level domain is at least two letters (no bare IPs, no "user@localhost").
  return labels >= 2 && last.size() >= 2 &&
         std::all_of(last.begin(), last.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

Error invalid(const char* code, std::string_view what, std::string_view raw, std::string_view why) {
  return make_error(code, std::string(what) + " \"" + std::string(raw) + "\" " + std::string(why));
}

// "(415) 555-2671" -> "4155552671": libphonenumber drops this punctuation itself, but parses the
// bare digits about twice as fast. Text with anything else (letters: extensions, vanity numbers,
// tel: URIs; '+' inside) is passed through untouched.
std::string digits_for_parsing(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && out.empty())) out.push_back(c);
    else if (std::string_view(" ()-./\t").find(c) == std::string_view::npos) return text;
  }
  return out;
}

struct PhoneMemoEntry {
  bool ok;
  std::string text;  // E.164, or the error message
};
using PhoneMemo = std::unordered_map<std::string, PhoneMemoEntry>;
constexpr size_t kPhoneMemoSize = 1 << 16;

}  // namespace

bool is_supported_phone_region(std::string_view region) {
  static const std::set<std::string> regions = [] {
    std::set<std::string> out;
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(&out);
    return out;
  }();
  return regions.count(std::string(region)) > 0;
}

IdentifierNormalizer::IdentifierNormalizer(std::string default_phone_country)
    : default_country_(std::move(default_phone_country)) {}

Result<std::string> IdentifierNormalizer::normalize(std::string_view type, std::string_view raw) const {
  if (type == "email") return email(raw);
  if (type == "phone") return phone(raw);
  if (type == "uuid") return uuid(raw);
  std::string_view t = trim(raw);
  if (t.empty()) return make_error("empty_identifier", std::string(type) + " identifier is empty");
  return std::string(t);
}

Result<std::string> IdentifierNormalizer::email(std::string_view raw) const {
  std::string e(trim(raw));
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t at = e.find('@');
  if (at == std::string::npos || e.find('@', at + 1) != std::string::npos)
    return invalid("invalid_email", "email", raw, "must contain exactly one @");
  if (e.size() > 254 || !valid_local_part(std::string_view(e).substr(0, at)) ||
      !valid_domain(std::string_view(e).substr(at + 1)))
    return invalid("invalid_email", "email", raw, "is not a valid address");
  return e;
}

Result<std::string> IdentifierNormalizer::phone(std::string_view raw) const {
  std::string text(trim(raw));
  if (text.empty()) return invalid("invalid_phone", "phone", raw, "is empty");
  // libphonenumber (ICU regexes) costs ~35 us a number: answer repeats (shared office lines,
  // re-read pages) from a small per-thread memo, and junk with too few digits without it.
  if (std::count_if(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) < 3)
    return invalid("invalid_phone", "phone", raw, "is not a phone number (default country " + default_country_ + ")");
  thread_local PhoneMemo memo;
  std::string key = default_country_ + '\0' + text;
  if (auto it = memo.find(key); it != memo.end()) {
    if (it->second.ok) return it->second.text;
    return make_error("invalid_phone", it->second.text);
  }
  auto result = parse_phone(text, raw);
  if (memo.size() >= kPhoneMemoSize) memo.clear();
  memo.emplace(std::move(key), PhoneMemoEntry{result.ok(), result.ok() ? result.value() : result.error().message});
  return result;
}

Result<std::string> IdentifierNormalizer::parse_phone(const std::string& text, std::string_view raw) const {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(digits_for_parsing(text), default_country_, &number) != PhoneNumberUtil::NO_PARSING_ERROR)
    return invalid("invalid_phone", "phone", raw, "is not a phone number (default country " + default_country_ + ")");
  // Valid for the default country implies valid (and is about twice as cheap to ask first).
  if (!util.IsValidNumberForRegion(number, default_country_) && !util.IsValidNumber(number))
    return invalid("invalid_phone", "phone", raw, "is not a valid number (default country " + default_country_ + ")");
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

Result<std::string> IdentifierNormalizer::uuid(std::string_view raw) const {
  std::string_view t = trim(raw);
  if (t.empty()) return invalid("invalid_uuid", "uuid", raw, "is empty");
  if (t.size() > 255) return invalid("invalid_uuid", "uuid", raw.substr(0, 40), "is longer than 255 characters");
  if (!std::all_of(t.begin(), t.end(), [](char c) { return c > 32 && c < 127; }))
    return invalid("invalid_uuid", "uuid", raw, "contains spaces or non-printable characters");
  return std::string(t);
}

}  // namespace sfsync
