#include "emulator/sfmc/data_extension.h"

#include <array>

#include "emulator/auth/crypto_util.h"

namespace emu {
namespace {

constexpr std::array<std::pair<DeFieldType, std::string_view>, 8> kTypeNames = {{
    {DeFieldType::Text, "Text"},
    {DeFieldType::Number, "Number"},
    {DeFieldType::Date, "Date"},
    {DeFieldType::Boolean, "Boolean"},
    {DeFieldType::EmailAddress, "EmailAddress"},
    {DeFieldType::Phone, "Phone"},
    {DeFieldType::Decimal, "Decimal"},
    {DeFieldType::Locale, "Locale"},
}};

DeField text(std::string name, int length, bool pk = false) {
  return DeField{std::move(name), DeFieldType::Text, length, 0, pk, !pk};
}
DeField typed(std::string name, DeFieldType type) { return DeField{std::move(name), type, 0, 0, false, true}; }

}  // namespace

std::optional<DeFieldType> parse_de_field_type(std::string_view name) {
  for (const auto& [type, text] : kTypeNames) {
    if (iequals(text, name)) return type;
  }
  return std::nullopt;
}

std::string_view de_field_type_name(DeFieldType type) {
  for (const auto& [t, text] : kTypeNames) {
    if (t == type) return text;
  }
  return "Text";
}

int DataExtensionDef::field_index(std::string_view field_name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (iequals(fields[i].name, field_name)) return static_cast<int>(i);
  }
  return -1;
}

bool DataExtensionDef::has_primary_key() const {
  for (const auto& f : fields) {
    if (f.is_primary_key) return true;
  }
  return false;
}

std::string de_column(size_t index) {
  std::string out = "c";
  out += std::to_string(index);
  return out;
}

std::string data_extension_id(std::string_view key) { return stable_uuid("data-extension:" + to_lower(key)); }

std::vector<DataExtensionDef> default_data_extensions() {
  DataExtensionDef subscribers;
  subscribers.key = "Subscribers_DE";
  subscribers.name = "Subscribers_DE";
  subscribers.fields = {text("SubscriberKey", 254, true),
                        typed("EmailAddress", DeFieldType::EmailAddress),
                        text("FirstName", 100),
                        text("LastName", 100),
                        typed("Phone", DeFieldType::Phone),
                        text("Country", 2),
                        typed("OptIn", DeFieldType::Boolean),
                        typed("ModifiedDate", DeFieldType::Date),
                        typed("Points", DeFieldType::Number)};
  subscribers.rows_to_generate = 1000;

  DataExtensionDef preferences;
  preferences.key = "Preferences_DE";
  preferences.name = "Preferences_DE";
  preferences.fields = {text("SubscriberKey", 254, true),
                        typed("EmailOptIn", DeFieldType::Boolean),
                        typed("SmsOptIn", DeFieldType::Boolean),
                        text("PreferredChannel", 20),
                        typed("Language", DeFieldType::Locale),
                        DeField{"LoyaltyScore", DeFieldType::Decimal, 18, 2, false, true}};
  preferences.rows_to_generate = 300;

  // Empty: where reverse-ETL pushes land (`kind: push` with `destination.data_extension`).
  DataExtensionDef scores;
  scores.key = "Customer_Scores_DE";
  scores.name = "Customer Scores";
  scores.fields = {text("SubscriberKey", 254, true),
                   typed("EmailAddress", DeFieldType::EmailAddress),
                   typed("Score", DeFieldType::Number),
                   DeField{"Tier", DeFieldType::Text, 20, 0, false, false},
                   typed("ScoredAt", DeFieldType::Date)};

  std::vector<DataExtensionDef> out{std::move(subscribers), std::move(preferences), std::move(scores)};
  for (auto& de : out) de.id = data_extension_id(de.key);
  return out;
}

}  // namespace emu
