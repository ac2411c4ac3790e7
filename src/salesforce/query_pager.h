// QueryPager: walks one SOQL query through query/queryAll and its nextRecordsUrl pages.
// Pages come back as raw JSON bodies; RecordParser turns them into Records (on another thread,
// so that the next page is in flight while this one is parsed, mapped and written).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <string>

#include "common/result.h"
#include "salesforce/salesforce_client.h"

namespace sfsync {

struct QueryPage {
  std::string body;         // the whole JSON page
  int64_t total_size = 0;   // totalSize of the query (repeated on every page)
  bool done = true;
};

class QueryPager {
 public:
  // include_deleted = queryAll (deleted and archived rows, IsDeleted tells them apart).
  QueryPager(SalesforceClient& client, std::string soql, bool include_deleted, int batch_size = 2000);

  // The next page; the first call runs the query. Error code INVALID_QUERY_LOCATOR means the
  // cursor is gone: the caller restarts from its last durable checkpoint.
  Result<QueryPage> next();
  bool done() const { return started_ && next_url_.empty(); }

 private:
  SalesforceClient& client_;
  std::string soql_;
  bool include_deleted_;
  int batch_size_;
  bool started_ = false;
  std::string next_url_;
};

// Runs `soql` through every page and calls `visit` for each record (a simdjson DOM element), for
// small lookups whose pages need no typed parsing. `what` names the query in the error of a
// malformed page.
Result<void> for_each_query_record(SalesforceClient& client, const std::string& soql, std::string_view what,
                                   const std::function<void(simdjson::dom::element)>& visit);

}  // namespace sfsync
