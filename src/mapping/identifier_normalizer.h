// Identifier normalization: the value that identity resolution compares.
//
//   email  trimmed, lower-cased, then checked (one @, sane local part, a dotted domain)
//   phone  parsed by libphonenumber with the sync's default country, must be a valid number,
//          written in E.164 (+14155550123); a leading + or 00/011 prefix overrides the country
//   uuid   an opaque unique user id: trimmed, 1..255 visible characters. Not RFC 4122: the usual
//          mapping is UUID -> Salesforce Id, which is no RFC UUID.
//   other  custom types: trimmed, non-empty, kept as is.
// Thread-safe and stateless but for the default country (libphonenumber's util is a singleton).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace sfsync {

// True when libphonenumber knows the ISO 3166-1 alpha-2 region ("US", "GB", ...).
bool is_supported_phone_region(std::string_view region);

class IdentifierNormalizer {
 public:
  explicit IdentifierNormalizer(std::string default_phone_country = "US");

  // Normalized value; error codes invalid_email / invalid_phone / invalid_uuid / empty_identifier,
  // with a one-line message naming the value.
  Result<std::string> normalize(std::string_view type, std::string_view raw) const;

  Result<std::string> email(std::string_view raw) const;
  Result<std::string> phone(std::string_view raw) const;
  Result<std::string> uuid(std::string_view raw) const;

 private:
  Result<std::string> parse_phone(const std::string& text, std::string_view raw) const;

  std::string default_country_;
};

}  // namespace sfsync
