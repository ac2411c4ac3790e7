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
  // Appends the records of a Bulk API 2.0 query result set: CSV whose header names the field
  // paths ("Account.Name" for a parent's). An empty cell is null: Bulk writes null and "" alike.
  Result<void> parse_csv_page(const std::string& csv, std::vector<Record>& out) const;

 private:
  void finish(Record& record) const;  // Id, IsDeleted and the cursor stamp from the fields

  std::map<std::string, std::string> path_types_;
  std::string cursor_field_;
};

// One Salesforce JSON scalar (its raw text) as a Value of the Describe type.
Value value_from_salesforce(std::string_view sf_type, std::string_view raw_json);
// One Bulk API CSV cell as a Value of the Describe type ("" is null).
Value value_from_csv_cell(std::string_view sf_type, std::string cell);

}  // namespace sfsync
