#include "salesforce/delete_log.h"

#include <simdjson.h>

#include "common/time_util.h"
#include "net/http_client.h"

namespace sfsync {

namespace {

constexpr int64_t kMinuteMs = 60'000;

Result<DeleteLogWindow> parse_delete_log(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array records;
  if (parser.parse(body).get(doc) || doc["deletedRecords"].get(records))
    return make_error("bad_response", "getDeleted answered without deletedRecords");
  DeleteLogWindow w;
  for (auto r : records) {
    std::string_view id, date;
    if (r["id"].get(id)) return make_error("bad_response", "getDeleted answered a deleted record without an id");
    std::optional<int64_t> deleted_ms = r["deletedDate"].get(date) ? std::nullopt : parse_iso_datetime(date);
    w.entries.push_back({std::string(id), deleted_ms.value_or(0)});
  }
  std::string_view earliest, covered;
  if (doc["earliestDateAvailable"].get(earliest) || doc["latestDateCovered"].get(covered))
    return make_error("bad_response", "getDeleted answered without earliestDateAvailable or latestDateCovered");
  auto earliest_ms = parse_iso_datetime(earliest);
  auto covered_ms = parse_iso_datetime(covered);
  if (!earliest_ms || !covered_ms) return make_error("bad_response", "getDeleted answered an unreadable date");
  w.earliest_available_ms = *earliest_ms;
  w.covered_to_ms = *covered_ms;
  return w;
}

}  // namespace

Result<DeleteLogWindow> read_delete_log(SalesforceClient& client, const std::string& object, int64_t start_ms,
                                        int64_t end_ms) {
  auto answer = client.get("sobjects/" + object + "/deleted/?start=" + url_encode(format_iso_datetime_z(start_ms)) +
                           "&end=" + url_encode(format_iso_datetime_z(end_ms)));
  // Too many deletes for one answer: each half of the window on its own (whole minutes).
  int64_t middle = (start_ms + (end_ms - start_ms) / 2) / kMinuteMs * kMinuteMs;
  if (!answer && answer.error().code == "EXCEEDED_ID_LIMIT" && middle > start_ms && middle < end_ms) {
    auto first = read_delete_log(client, object, start_ms, middle);
    if (!first) return first.error();
    auto second = read_delete_log(client, object, middle, end_ms);
    if (!second) return second.error();
    first->entries.insert(first->entries.end(), std::make_move_iterator(second->entries.begin()),
                          std::make_move_iterator(second->entries.end()));
    first->covered_to_ms = second->covered_to_ms;
    return first;
  }
  if (!answer) return answer.error();
  return parse_delete_log(answer->body);
}

}  // namespace sfsync
