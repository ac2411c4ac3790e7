// Templates such as `SF_Lead_{{Id}}`, `SF_Lead_{{Lead.Id}}` or `{{Account.Name}}`.
//
// Compiled once per sync. A placeholder names a field path of the record; a path that starts with
// the sync's own object name (`Lead.Id` on a Lead sync) means that object's own field (`Id`), any
// other dotted path is a parent relationship path (`Account.Name`). Which fields exist is checked
// before the run (config_check / validate_against_describe), so at run time a template only fails
// when a field's value is null or empty.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "sources/record.h"

namespace sfsync {

class Template {
 public:
  // `source_object` is the sync's object ("Lead"); may be empty. Errors: unclosed or empty `{{}}`,
  // a placeholder that is not a field path, no placeholder at all.
  static Result<Template> compile(std::string_view text, std::string_view source_object);

  // The rendered text, or nullopt when a placeholder's value is missing, null or empty.
  std::optional<std::string> render(const Record& record) const;

  // Field paths used by the placeholders, as resolved (`Lead.Id` on a Lead sync gives `Id`).
  const std::vector<std::string>& fields() const { return fields_; }
  const std::string& text() const { return text_; }

 private:
  struct Part {
    std::string text;  // literal text, or the field path when is_field
    bool is_field = false;
  };
  std::string text_;
  std::vector<Part> parts_;
  std::vector<std::string> fields_;
};

// True for `Name`, `Account.Name`, `Custom__c`, `Owner__r.Email__c`.
bool is_field_path(std::string_view path);

}  // namespace sfsync
