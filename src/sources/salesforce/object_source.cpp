#include "sources/salesforce/object_source.h"

#include <algorithm>

namespace sfsync {

SalesforceObjectSource::SalesforceObjectSource(SalesforceClient& client, ObjectQuery query, RecordParser parser,
                                               int batch_size)
    : client_(client), query_(std::move(query)), parser_(std::move(parser)), batch_size_(batch_size),
      position_(query_.after), deleted_to_(query_.after.deleted_to_ms) {
  start_query();
}

void SalesforceObjectSource::start_query() {
  ObjectQuery q = query_;
  q.after = position_;
  soql_ = build_object_soql(q);
  // queryAll once there is a cursor: deletions since then come back as IsDeleted rows. A first
  // (full) read has nothing to delete and skips the recycle bin.
  bool include_deleted = q.incremental && !position_.empty() && !position_.by_id;
  if (bulk_rows_ > 0 && position_.by_id) {
    bulk_ = std::make_unique<BulkQueryReader>(client_, soql_, false, bulk_rows_, bulk_polling_);
    return;
  }
  bulk_.reset();
  pager_ = std::make_unique<QueryPager>(client_, soql_, include_deleted, batch_size_);
}

void SalesforceObjectSource::read_through_bulk(int64_t result_rows, BulkPolling polling) {
  bulk_rows_ = result_rows;
  bulk_polling_ = std::move(polling);
  start_query();
}

void SalesforceObjectSource::read_again_after(int64_t after_stamp_ms) {
  read_again_upto_ = position_;
  position_ = Cursor{after_stamp_ms, ""};
  start_query();
}

// Halves the stamp window still to read (incremental reads only): false when there is no window
// left worth halving (under two seconds: stamps have whole seconds).
bool SalesforceObjectSource::narrow_window() {
  if (position_.by_id || query_.upper_ms <= 0 || query_.upper_ms - position_.stamp_ms < 2000) return false;
  query_.upper_ms = position_.stamp_ms + (query_.upper_ms - position_.stamp_ms) / 2;
  narrowed_upper_ = query_.upper_ms;
  return true;
}

// The next page of the query as raw text, JSON (REST) or CSV (Bulk).
Result<SalesforceObjectSource::RawPage> SalesforceObjectSource::fetch_raw() {
  if (bulk_) {
    auto set = bulk_->next();
    if (!set) return set.error();
    return RawPage{std::move(set->csv), set->done, set->job_records, true};
  }
  auto raw = pager_->next();
  if (!raw && raw.error().code == "INVALID_QUERY_LOCATOR" && restarts_ < 5) {
    ++restarts_;
    start_query();
    raw = pager_->next();
  }
  // A query too slow for Salesforce (a non-selective one over a big object) is asked again for
  // half the stamp window, until it answers: this run reads less, the next one goes on from there.
  while (!raw && raw.error().code == "QUERY_TIMEOUT" && narrow_window()) {
    start_query();
    raw = pager_->next();
  }
  if (!raw && raw.error().code == "QUERY_TIMEOUT" && position_.by_id)
    return make_error(raw.error().code, raw.error().message + " (a whole-object read of " + query_.object +
                                            " is too slow through REST: set options.api: bulk)");
  if (!raw) return raw.error();
  return RawPage{std::move(raw->body), raw->done, raw->total_size, false};
}

Result<Page> SalesforceObjectSource::next() {
  if (delete_log_) return next_logged_deletions();
  if (held_) return next_deletions();
  if (finished_) return make_error("done", "the source has no more pages");
  Cursor before = position_;
  auto page = read_page();
  if (!page || !reconciler_ || !before.by_id) return page;
  // The page covers (before.id, its last Id], the last page to the end.
  std::vector<std::string> ids;
  ids.reserve(page->records.size());
  for (const Record& r : page->records) ids.push_back(r.id);
  if (ids.empty() && !page->last) return page;  // no range to speak of
  std::string upto = page->last ? "" : ids.back();
  reconciler_->begin(before.id, upto, std::move(ids));
  before_held_.state = before.serialize();
  held_ = std::move(page.value());
  return next_deletions();
}

// A page of the held page's range's deletions, or, once there are none left, the held page.
Result<Page> SalesforceObjectSource::next_deletions() {
  auto deleted = reconciler_->next(static_cast<size_t>(batch_size_));
  if (!deleted) return deleted.error();
  if (deleted->empty()) {
    Page page = std::move(*held_);
    held_.reset();
    return page;
  }
  Page page;
  page.records = std::move(deleted.value());
  page.checkpoint = before_held_;
  page.total_size = total_size_;
  return page;
}

// A page of the delete log's deletions, or, once there are none left, the query's first page.
Result<Page> SalesforceObjectSource::next_logged_deletions() {
  auto page = delete_log_->next_page(static_cast<size_t>(batch_size_), query_.after.serialize());
  if (!page) return page.error();
  if (*page) return std::move(**page);
  if (delete_log_->covered_to() > 0) deleted_to_ = delete_log_->covered_to();
  delete_log_note_ = delete_log_->note();
  delete_log_.reset();
  return next();
}

// The next page of the query, with the cursor after it.
Result<Page> SalesforceObjectSource::read_page() {
  auto raw = fetch_raw();
  if (!raw) return raw.error();
  if (total_size_ < 0) total_size_ = raw->total_size;
  Page page;
  auto parsed = raw->csv ? parser_.parse_csv_page(raw->body, page.records) : parser_.parse_page(raw->body, page.records);
  if (!parsed) return parsed.error();
  if (!page.records.empty()) {
    const Record& last = page.records.back();
    position_ = position_.by_id ? Cursor{position_.stamp_ms, last.id, true} : Cursor{last.modstamp_ms, last.id};
  }
  if (read_again_upto_)
    for (const Record& r : page.records) {
      if (!read_again_upto_->covers(r.modstamp_ms, r.id)) break;  // records come in cursor order
      ++page.rechecked;
    }
  // An Id-order read that is complete has read every record up to its bound: the next run
  // continues incrementally from there.
  if (raw->done && position_.by_id) position_ = Cursor{position_.stamp_ms, "", false, position_.stamp_ms};
  page.checkpoint.state = checkpoint_after_page(raw->done).serialize();
  page.last = raw->done;
  page.total_size = total_size_;
  finished_ = raw->done;
  return page;
}

// The cursor that is true once the page is durable, with the bound it was read under. Inside the
// window read again, the stored cursor stands until the run ends: only then is everything up to
// it read under this run's bound.
Cursor SalesforceObjectSource::checkpoint_after_page(bool done) const {
  if (position_.by_id) return position_;
  Cursor c = position_;
  if (read_again_upto_ && read_again_upto_->covers(position_.stamp_ms, position_.id)) {
    c = *read_again_upto_;
    if (done) c.read_to_ms = query_.upper_ms;  // all of it now read under this run's bound
  } else if (c.read_to_ms == 0) {
    c.read_to_ms = query_.upper_ms;
  } else if (query_.upper_ms > 0) {
    // A cursor this run did not move keeps the earlier of its bound and this run's (a bound capped
    // by an open transaction must widen the next window); a completed Id-order read has its own.
    c.read_to_ms = std::min(c.read_to_ms, query_.upper_ms);
  }
  c.deleted_to_ms = deleted_to_;
  return c;
}

}  // namespace sfsync
