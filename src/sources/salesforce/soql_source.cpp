#include "sources/salesforce/soql_source.h"

#include <algorithm>

#include "common/text.h"
#include "config/sync_fields.h"
#include "sources/salesforce/soql_builder.h"

namespace sfsync {

namespace {
constexpr const char* kPrefix = "soql|";
}

std::string SoqlSource::checkpoint_for(int64_t bound_ms) { return kPrefix + std::to_string(bound_ms); }

int64_t SoqlSource::bound_from(const std::string& checkpoint) {
  if (checkpoint.rfind(kPrefix, 0) != 0) return 0;
  try {
    return std::stoll(checkpoint.substr(5));
  } catch (...) {
    return 0;
  }
}

bool SoqlSource::selects_is_deleted(const std::string& soql) {
  auto fields = soql_select_fields(soql);
  return fields && std::any_of(fields->begin(), fields->end(),
                               [](const std::string& f) { return iequals_ascii(f, "IsDeleted"); });
}

SoqlSource::SoqlSource(SalesforceClient& client, const std::string& soql_template, RecordParser parser,
                       int batch_size, int64_t previous_bound_ms, int64_t run_bound_ms, int64_t lookback_ms)
    : soql_(expand_custom_soql(soql_template,
                               previous_bound_ms > 0 ? std::max<int64_t>(0, previous_bound_ms - lookback_ms) : 0)),
      parser_(std::move(parser)),
      pager_(client, soql_, selects_is_deleted(soql_template), batch_size), batch_size_(batch_size),
      previous_checkpoint_(previous_bound_ms > 0 ? checkpoint_for(previous_bound_ms) : std::string()),
      run_checkpoint_(checkpoint_for(run_bound_ms)) {}

Result<Page> SoqlSource::next() {
  if (finished_) return make_error("done", "the source has no more pages");
  if (delete_log_) {
    auto page = delete_log_->next_page(static_cast<size_t>(batch_size_), previous_checkpoint_);
    if (!page) return page.error();
    if (*page) return std::move(**page);
    delete_log_note_ = delete_log_->note();
    delete_log_.reset();
  }
  auto raw = pager_.next();
  if (!raw) return raw.error();
  Page page;
  if (auto r = parser_.parse_page(raw->body, page.records); !r) return r.error();
  page.last = raw->done;
  page.total_size = raw->total_size;
  page.checkpoint.state = page.last ? run_checkpoint_ : previous_checkpoint_;
  finished_ = page.last;
  return page;
}

}  // namespace sfsync
