// The Data Extension calls the engine makes: metadata (by CustomerKey) and rowset pages.
//
// Names of columns come back lower-cased in rowsets and as defined in metadata; callers match
// them case-insensitively. Every value in a rowset is a string ("" for null).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "sfmc/marketing_cloud_client.h"

namespace sfsync {

struct DataExtensionField {
  std::string name;
  std::string type;  // Text, Number, Decimal, Date, Boolean, EmailAddress, Phone, Locale
  bool is_primary_key = false;
  bool is_nullable = true;  // false: a new row needs a value
  int length = 0;           // text: most characters (0 = not said)
};

struct DataExtensionInfo {
  std::string id;  // ObjectID GUID
  std::string key;
  std::string name;
  int64_t row_count = -1;
  std::vector<DataExtensionField> fields;
  const DataExtensionField* field(std::string_view name) const;  // case-insensitive
  std::vector<std::string> primary_key() const;
};

struct RowsetRow {
  std::vector<std::pair<std::string, std::string>> keys;    // primary-key columns
  std::vector<std::pair<std::string, std::string>> values;  // the others
};

struct RowsetPage {
  int64_t count = 0;  // rows matching the query (all pages)
  std::vector<RowsetRow> rows;
};

// Metadata of the DE with this CustomerKey (2 calls). An unknown key is Error{"bad_config"}; when
// a DE has that *name*, the message says to use its key instead.
Result<DataExtensionInfo> describe_data_extension(MarketingCloudClient& client, const std::string& key);
// DEs whose name or key contains `text` (no fields).
Result<std::vector<DataExtensionInfo>> search_data_extensions(MarketingCloudClient& client, const std::string& text);

struct RowsetQuery {
  std::string filter;    // $filter, "" = none
  std::string order_by;  // $orderBy
  int page_size = 2500;
  int page = 1;
};
Result<RowsetPage> fetch_rowset(MarketingCloudClient& client, const std::string& key, const RowsetQuery& query);

}  // namespace sfsync
