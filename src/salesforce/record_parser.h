// RecordParser: a query page's JSON records -> Records with typed Values.
//
// Types come from Describe (path -> Salesforce type, parents included), so each value is parsed
// once into its final form: currency keeps its decimal text, datetimes become UTC epoch ms, dates
// days. Parent relationships are flattened to "Account.Name" (a null parent gives no fields);
// compound addresses to "MailingAddress.city".
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "sources/record.h"

namespace sfsync {

class RecordParser {
 public:
  // path_types: lower-cased field path -> Describe type ("currency", "datetime", ...). Paths not in
  // the map are typed from the JSON value. cursor_field: SystemModstamp or LastModifiedDate.
  RecordParser(std::map<std::string, std::string> path_types, std::string cursor_field);

  // Appends the page's records to `out`.
  Result<void> parse_page(std::string_view page_json, std::vector<Record>& out) const;

 private:
  std::map<std::string, std::string> path_types_;
  std::string cursor_field_;
};

// One Salesforce JSON scalar (its raw text) as a Value of the Describe type.
Value value_from_salesforce(std::string_view sf_type, std::string_view raw_json);

}  // namespace sfsync
