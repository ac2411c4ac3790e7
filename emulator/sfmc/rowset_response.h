// JSON bodies of the Marketing Cloud data API, member order as captured from the real service
// (reference §8.2, fixtures sfmc-rowset-*.json):
//   rowset page: links{self,next?}, requestToken, tokenExpireDateUtc (UTC, no Z), customObjectId,
//   customObjectKey, pageSize, page, count (all matching rows), top 0, items (ABSENT when the page
//   is empty); items are {keys:{pk fields}, values:{other fields}}, names lower-cased, values strings.
//   custom object (DE definition) and its fields, as GET /data/v1/customobjects/{id}[/fields] return them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "emulator/sfmc/data_extension_store.h"

namespace emu {

struct RowsetPage {
  const DataExtensionDef* de = nullptr;
  std::string request_token;
  int64_t token_expires_ms = 0;
  int64_t page = 1, page_size = 2500, count = 0;
  std::vector<DeRow> rows;
};
std::string render_rowset_page(const RowsetPage& page);

// "2021-07-11T20:11:29.59": .NET-style UTC timestamp, trailing fraction zeros dropped, no zone.
std::string format_token_expiry(int64_t epoch_ms);

// {"id","name","key",...,"fields":[...]} (with_fields) or the list-item form.
std::string render_custom_object(const DataExtensionDef& de, int64_t row_count, bool with_fields);
// {"id":..., "fields":[{name,type,length,ordinal,isPrimaryKey,isNullable,...}]}
std::string render_custom_object_fields(const DataExtensionDef& de);
// {"count","page","pageSize","links":{},"items":[...]} for GET /data/v1/customobjects?$search=
std::string render_custom_object_list(const std::vector<std::pair<const DataExtensionDef*, int64_t>>& matches,
                                      int64_t page, int64_t page_size);

}  // namespace emu
