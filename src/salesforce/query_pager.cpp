#include "salesforce/query_pager.h"

#include <simdjson.h>

#include <algorithm>

namespace sfsync {

QueryPager::QueryPager(SalesforceClient& client, std::string soql, bool include_deleted, int batch_size)
    : client_(client), soql_(std::move(soql)), include_deleted_(include_deleted),
      batch_size_(std::clamp(batch_size, 200, 2000)) {}

Result<QueryPage> QueryPager::next() {
  std::string path = started_ ? next_url_
                              : std::string(include_deleted_ ? "queryAll?q=" : "query?q=") + url_encode(soql_);
  if (started_ && next_url_.empty()) return make_error("done", "the query has no more pages");
  auto response =
      client_.get(path, {"Sforce-Query-Options: batchSize=" + std::to_string(batch_size_)});
  if (!response) return response.error();
  started_ = true;

  // Only the envelope is read here; records are parsed later by RecordParser.
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(response->body);
  QueryPage page;
  auto doc = parser.iterate(padded);
  simdjson::ondemand::object root;
  if (doc.get_object().get(root)) return make_error("bad_response", "query answered with malformed JSON");
  bool done = true;
  std::string next;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return make_error("bad_response", "query answered with malformed JSON");
    if (key == "totalSize") {
      int64_t n = 0;
      if (!field.value().get_int64().get(n)) page.total_size = n;
    } else if (key == "done") {
      bool d = true;
      if (!field.value().get_bool().get(d)) done = d;
    } else if (key == "nextRecordsUrl") {
      std::string_view url;
      if (!field.value().get_string().get(url)) next = std::string(url);
    }  // "records" is skipped here (simdjson skips unread values quickly); RecordParser reads it.
  }
  page.done = done || next.empty();
  next_url_ = page.done ? std::string() : next;
  page.body = std::move(response->body);
  return page;
}

Result<void> for_each_query_record(SalesforceClient& client, const std::string& soql, std::string_view what,
                                   const std::function<void(simdjson::dom::element)>& visit) {
  QueryPager pager(client, soql, false);
  simdjson::dom::parser parser;
  while (!pager.done()) {
    auto page = pager.next();
    if (!page) return page.error();
    simdjson::dom::element doc;
    simdjson::dom::array records;
    if (parser.parse(page->body).get(doc) || doc["records"].get(records))
      return make_error("bad_response", std::string(what) + " answered with an unexpected body");
    for (simdjson::dom::element r : records) visit(r);
  }
  return {};
}

}  // namespace sfsync
