// DataExtensionPageSource: pages of one Data Extension as Records, resuming from a DeCheckpoint.
//
// Every page is a fresh rowset query by key — `$filter=<sort> ge '<last value>'`, `$orderBy=<sort>
// asc, <primary key> asc` — rather than the request token's `$page=N`: the service re-runs the
// query for each page number, so a row changed during the run would shift the offsets and a row
// could be skipped. Page numbers are only used to walk a group of rows sharing one sort value that
// is larger than a page (a resumed run starts that walk after the rows it already read, so a cap
// smaller than the group still makes progress).
//
// A run reads at most max_pages pages; the page that reaches the cap (or the end) has last = true
// and the checkpoint the next run continues from.
//
// Rows deleted from a DE leave no trace the API shows, and the DE's row order is not the store's
// record id order, so they cannot be found range by range as Salesforce deletions are
// (deletion_reconciler.h). A tracked pass (DeCheckpoint::tracked) finds them by elimination: each
// page lists its record ids for the store to keep, and once every row is read, pages of the
// linked records the pass did not read follow, as deletions (Record::absent_from_pass). These
// cost no API call and are not capped by max_pages.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/result.h"
#include "config/config.h"
#include "sfmc/data_extension_api.h"
#include "sources/data_extension/de_checkpoint.h"
#include "sources/record.h"

namespace sfsync {

struct DePageQuery {
  std::string key;
  std::string sort_field;                // the modified field (incremental) or the first key column (full)
  bool sort_is_date = false;
  std::vector<std::string> primary_key;  // ordered tie-breakers, and the record id
  std::string modified_field;            // "" when the DE has none: modstamp stays 0
  std::map<std::string, std::string> column_types;  // lower-case name -> DE type (Number, Date, ...)
  std::map<std::string, std::string> column_names;  // lower-case name -> name as defined
  std::string rules_filter;              // the sync's filter.rules as a $filter expression ("" = none)
  int page_size = 2500;
  int max_pages = 50;
  int64_t utc_offset_ms = 0;             // the account's zone: Date values are wall times at this offset
};

class DataExtensionPageSource {
 public:
  // The linked record ids a tracked pass has not read, ascending after `after`, at most `limit`.
  using UnseenIds = std::function<Result<std::vector<std::string>>(const std::string& after, int limit)>;

  // `unseen` is needed for a tracked `start` only.
  DataExtensionPageSource(MarketingCloudClient& client, DePageQuery query, DeCheckpoint start,
                          UnseenIds unseen = {});

  Result<Page> next();
  int pages_fetched() const { return pages_; }

 private:
  std::string filter() const;
  std::string order_by() const;
  // Adds the row's record to `out` unless the checkpoint says it was read; advances the checkpoint.
  bool take(const RowsetRow& row, std::vector<Record>& out);
  void identify(const RowsetRow& row, std::string& id, std::string& sort_value) const;
  // A resumed run starts inside a large group at the page holding the last row it read; if the
  // first row there was not read, rows moved (read ones changed again): walk the group from page 1.
  bool offset_skipped_rows(const RowsetPage& rowset) const;
  Record to_record(const RowsetRow& row, const std::string& id) const;
  Result<Page> next_sweep();

  MarketingCloudClient& client_;
  DePageQuery q_;
  DeCheckpoint cp_;
  UnseenIds unseen_;
  std::unordered_set<std::string> seen_;  // cp_.seen, for lookups
  int pages_ = 0;
  int page_number_ = 1;
  bool done_ = false;
  bool verify_offset_ = false;
};

// A DE value (always text) as a typed Value: Number -> int, Decimal -> decimal, Boolean -> bool,
// Date -> datetime (a wall time of the account's zone, `utc_offset_ms` east of UTC, as its UTC
// instant), "" -> null.
Value de_value(const std::string& de_type, const std::string& text, int64_t utc_offset_ms = 0);

// A sync's filter rules (ANDed) as a rowset $filter expression: eq/neq/lt/lte/gt/gte/like as the
// API spells them, in/not_in as or-ed/and-ed comparisons, is_null/not_null as `eq ''`/`neq ''`.
std::string rowset_filter(const std::vector<FilterRule>& rules);

}  // namespace sfsync
