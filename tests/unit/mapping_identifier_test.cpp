// Identifier normalization: emails, phones to E.164 in several countries, uuids, custom types.
#include <gtest/gtest.h>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include "mapping/identifier_normalizer.h"

using namespace sfsync;

namespace {

std::string phone(const char* country, const char* raw) {
  auto r = IdentifierNormalizer(country).phone(raw);
  return r.ok() ? r.value() : "invalid: " + r.error().message;
}

}  // namespace

TEST(IdentifierNormalizer, EmailsAreTrimmedLowerCasedAndChecked) {
  IdentifierNormalizer n;
  EXPECT_EQ(n.email("  Jane.Doe+news@Example.COM ").value(), "jane.doe+news@example.com");
  EXPECT_EQ(n.email("o'brien@sub.example.co.uk").value(), "o'brien@sub.example.co.uk");
  for (const char* bad : {"jane", "jane@", "@example.com", "jane@@example.com", "jane@example", "jane@exa mple.com",
                          "jane..doe@example.com", ".jane@example.com", "jane@-example.com", "jane@example.c0m"}) {
    auto r = n.email(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, "invalid_email");
    }
  }
}

TEST(IdentifierNormalizer, PhonesInNationalFormatUseTheDefaultCountry) {
  EXPECT_EQ(phone("US", "(415) 555-2671"), "+14155552671");
  EXPECT_EQ(phone("US", "415.555.2671"), "+14155552671");
  EXPECT_EQ(phone("GB", "020 7946 0018"), "+442079460018");
  EXPECT_EQ(phone("GB", "07911 123456"), "+447911123456");
  EXPECT_EQ(phone("DE", "030 901820"), "+4930901820");
  EXPECT_EQ(phone("DE", "0151 23456789"), "+4915123456789");
  EXPECT_EQ(phone("FR", "01 23 45 67 89"), "+33123456789");
  EXPECT_EQ(phone("FR", "06 12 34 56 78"), "+33612345678");
  EXPECT_EQ(phone("IN", "098765 43210"), "+919876543210");
  EXPECT_EQ(phone("BR", "(11) 91234-5678"), "+5511912345678");
  EXPECT_EQ(phone("JP", "03-1234-5678"), "+81312345678");
  EXPECT_EQ(phone("JP", "090-1234-5678"), "+819012345678");
}

TEST(IdentifierNormalizer, InternationalFormsOverrideTheDefaultCountry) {
  EXPECT_EQ(phone("US", "+44 20 7946 0018"), "+442079460018");
  EXPECT_EQ(phone("DE", "+1 415 555 2671"), "+14155552671");
  EXPECT_EQ(phone("GB", "00 49 30 901820"), "+4930901820");   // 00 prefix from GB
  EXPECT_EQ(phone("US", "011 33 1 23 45 67 89"), "+33123456789");  // 011 prefix from US
  EXPECT_EQ(phone("US", "+1 (415) 555-2671 ext. 12"), "+14155552671");  // extension dropped
}

TEST(IdentifierNormalizer, InvalidPhones) {
  for (const char* bad : {"12", "not a phone", "555-0000000000000", "+1 123 456 7890", ""}) {
    auto r = IdentifierNormalizer("US").phone(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, "invalid_phone");
    }
  }
  // Valid in Germany, not a valid US number.
  EXPECT_FALSE(IdentifierNormalizer("US").phone("030 901820").ok());
  EXPECT_NE(phone("US", "12").find("default country US"), std::string::npos);
}

TEST(IdentifierNormalizer, UuidsAndCustomTypes) {
  IdentifierNormalizer n;
  EXPECT_EQ(n.uuid(" 003000000000001AAA ").value(), "003000000000001AAA");
  EXPECT_EQ(n.uuid("0b5e4a0e-2b8f-4a57-9d4b-5b6f1f0b3c11").value(), "0b5e4a0e-2b8f-4a57-9d4b-5b6f1f0b3c11");
  EXPECT_FALSE(n.uuid("has space").ok());
  EXPECT_FALSE(n.uuid("   ").ok());
  EXPECT_FALSE(n.uuid(std::string(300, 'a')).ok());
  EXPECT_EQ(n.normalize("sf_contact_id", " SF_Contact_1 ").value(), "SF_Contact_1");
  EXPECT_EQ(n.normalize("email", "A@B.CO").value(), "a@b.co");
  EXPECT_EQ(n.normalize("sf_contact_id", "  ").error().code, "empty_identifier");
}

TEST(IdentifierNormalizer, SupportedRegions) {
  EXPECT_TRUE(is_supported_phone_region("US"));
  EXPECT_TRUE(is_supported_phone_region("JP"));
  EXPECT_FALSE(is_supported_phone_region("XX"));
  EXPECT_FALSE(is_supported_phone_region("us"));
}

TEST(IdentifierNormalizer, RepeatedNumbersGiveTheSameAnswerPerCountry) {
  // Answers are memoized per thread: a repeat must not change them, nor leak across countries.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(phone("US", "(415) 555-2671"), "+14155552671");
    EXPECT_EQ(phone("DE", "030 901820"), "+4930901820");
    EXPECT_NE(phone("US", "030 901820").rfind("invalid: ", 0), std::string::npos);
    EXPECT_EQ(phone("US", "12"), "invalid: phone \"12\" is not a phone number (default country US)");
  }
}

// The normalizer takes shortcuts for speed (punctuation stripped before parsing, the default
// country's validity asked first); it must answer exactly as libphonenumber's plain pipeline.
TEST(IdentifierNormalizer, AgreesWithPlainLibphonenumber) {
  const i18n::phonenumbers::PhoneNumberUtil& util = *i18n::phonenumbers::PhoneNumberUtil::GetInstance();
  auto reference = [&](const std::string& country, const std::string& raw) -> std::string {
    i18n::phonenumbers::PhoneNumber n;
    if (util.Parse(raw, country, &n) != i18n::phonenumbers::PhoneNumberUtil::NO_PARSING_ERROR) return "invalid";
    if (!util.IsValidNumber(n)) return "invalid";
    std::string out;
    util.Format(n, i18n::phonenumbers::PhoneNumberUtil::E164, &out);
    return out;
  };
  const char* countries[] = {"US", "GB", "DE", "FR", "IN", "BR", "JP", "CA", "IT", "AU"};
  const char* inputs[] = {
      "(415) 555-2671", "415.555.2671", "1-415-555-2671", "+1 (415) 555-2671", "+1 604 555 0199", "604-555-0199",
      "020 7946 0018", "+44 (0) 20 7946 0018", "07911 123456", "+44 7911 123456", "00 44 20 7946 0018",
      "030 901820", "+49 (0)30 901820", "0151 23456789", "01 23 45 67 89", "+33 6 12 34 56 78", "06.12.34.56.78",
      "098765 43210", "+91 98765 43210", "(11) 91234-5678", "+55 11 91234-5678", "03-1234-5678", "090-1234-5678",
      "+81 3 1234 5678", "06 1234 5678", "+39 06 1234 5678", "02 9374 4000", "+61 2 9374 4000", "011 44 20 7946 0018",
      "555-0100", "12", "+1 123 456 7890", "1-800-FLOWERS", "415 555 2671 x12", "tel:+1-415-555-2671",
      "+1 415 555 2671 ext. 3", "(0) 30 901820", "+", "++1 415 555 2671", "415 555 2671 +1"};
  int compared = 0;
  for (const char* country : countries) {
    IdentifierNormalizer n(country);
    for (const char* raw : inputs) {
      auto r = n.phone(raw);
      EXPECT_EQ(r.ok() ? r.value() : "invalid", reference(country, raw)) << country << " " << raw;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 400);
}
