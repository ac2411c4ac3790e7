#include "sfmc/data_extension_api.h"

#include <simdjson.h>

#include "common/text.h"

namespace sfsync {

namespace {

std::string str(simdjson::dom::element e, const char* key) {
  std::string_view v;
  return e[key].get(v) ? std::string() : std::string(v);
}

Result<simdjson::dom::element> parse(simdjson::dom::parser& parser, const HttpResponse& response) {
  simdjson::dom::element doc;
  if (parser.parse(response.body).get(doc) || !doc.is_object())
    return make_error("bad_response", "Marketing Cloud sent a body that is not a JSON object");
  return doc;
}

void read_pairs(simdjson::dom::element item, const char* key, std::vector<std::pair<std::string, std::string>>& out) {
  simdjson::dom::object obj;
  if (item[key].get(obj)) return;
  for (auto [name, value] : obj) {
    std::string_view text;
    out.emplace_back(std::string(name), value.get(text) ? std::string() : std::string(text));
  }
}

Error unknown_key_error(MarketingCloudClient& client, const std::string& key) {
  std::string hint = " (data_extension_key is the DE's CustomerKey / External Key)";
  if (auto found = search_data_extensions(client, key)) {
    for (const auto& de : *found)
      if (iequals_ascii(de.name, key) && de.key != key)
        hint = ": \"" + key + "\" is the name of a Data Extension; data_extension_key needs its key \"" + de.key + "\"";
  }
  return make_error("bad_config", "Marketing Cloud has no Data Extension with key \"" + key + "\"" + hint);
}

}  // namespace

const DataExtensionField* DataExtensionInfo::field(std::string_view wanted) const {
  for (const auto& f : fields)
    if (iequals_ascii(f.name, wanted)) return &f;
  return nullptr;
}

std::vector<std::string> DataExtensionInfo::primary_key() const {
  std::vector<std::string> out;
  for (const auto& f : fields)
    if (f.is_primary_key) out.push_back(f.name);
  return out;
}

Result<std::vector<DataExtensionInfo>> search_data_extensions(MarketingCloudClient& client, const std::string& text) {
  auto response = client.get("/data/v1/customobjects?$search=" + url_encode(text) + "&$pageSize=200");
  if (!response) return response.error();
  simdjson::dom::parser parser;
  auto doc = parse(parser, *response);
  if (!doc) return doc.error();
  std::vector<DataExtensionInfo> out;
  simdjson::dom::array items;
  if ((*doc)["items"].get(items)) return out;
  for (auto item : items) {
    DataExtensionInfo de;
    de.id = str(item, "id");
    de.key = str(item, "key");
    de.name = str(item, "name");
    int64_t rows = -1;
    if (!item["rowCount"].get(rows)) de.row_count = rows;
    out.push_back(std::move(de));
  }
  return out;
}

Result<DataExtensionInfo> describe_data_extension(MarketingCloudClient& client, const std::string& key) {
  // A one-row rowset by key gives the DE's id (and 404 for an unknown key).
  auto first = client.get("/data/v1/customobjectdata/key/" + url_encode(key) + "/rowset?$pageSize=1");
  if (!first) return first.error().code == "not_found" ? unknown_key_error(client, key) : first.error();
  simdjson::dom::parser parser;
  auto doc = parse(parser, *first);
  if (!doc) return doc.error();
  DataExtensionInfo de;
  de.id = str(*doc, "customObjectId");
  de.key = str(*doc, "customObjectKey");
  int64_t count = -1;
  if (!(*doc)["count"].get(count)) de.row_count = count;
  auto meta = client.get("/data/v1/customobjects/" + url_encode(de.id));
  if (!meta) return meta.error();
  auto meta_doc = parse(parser, *meta);
  if (!meta_doc) return meta_doc.error();
  de.name = str(*meta_doc, "name");
  simdjson::dom::array fields;
  if ((*meta_doc)["fields"].get(fields)) return make_error("bad_response", "Data Extension metadata has no fields");
  for (auto f : fields) {
    DataExtensionField field{str(f, "name"), str(f, "type")};
    bool flag = false;
    if (!f["isPrimaryKey"].get(flag)) field.is_primary_key = flag;
    if (!f["isNullable"].get(flag)) field.is_nullable = flag;
    int64_t length = 0;
    if (!f["length"].get(length)) field.length = int(length);
    de.fields.push_back(std::move(field));
  }
  return de;
}

Result<RowsetPage> fetch_rowset(MarketingCloudClient& client, const std::string& key, const RowsetQuery& query) {
  std::string path = "/data/v1/customobjectdata/key/" + url_encode(key) + "/rowset?$pageSize=" +
                     std::to_string(query.page_size) + "&$page=" + std::to_string(query.page);
  if (!query.order_by.empty()) path += "&$orderBy=" + url_encode(query.order_by);
  if (!query.filter.empty()) path += "&$filter=" + url_encode(query.filter);
  auto response = client.get(path);
  if (!response) return response.error();
  simdjson::dom::parser parser;
  auto doc = parse(parser, *response);
  if (!doc) return doc.error();
  RowsetPage page;
  int64_t count = 0;
  if (!(*doc)["count"].get(count)) page.count = count;
  simdjson::dom::array items;
  if ((*doc)["items"].get(items)) return page;  // absent on an empty page
  for (auto item : items) {
    RowsetRow row;
    read_pairs(item, "keys", row.keys);
    read_pairs(item, "values", row.values);
    page.rows.push_back(std::move(row));
  }
  return page;
}

}  // namespace sfsync
