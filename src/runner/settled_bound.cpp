#include "runner/settled_bound.h"

#include <curl/curl.h>
#include <simdjson.h>
#include <time.h>

#include <algorithm>
#include <array>

#include "common/time_util.h"
#include "net/http_client.h"

namespace sfsync {

namespace {

struct Coverage {
  int64_t covered_ms = 0;
  int64_t server_minute_ms = 0;  // Salesforce's own clock (Date header), to the minute
};

std::optional<Coverage> probe(SalesforceClient& client, const std::string& object, int64_t start_ms,
                              int64_t upper_ms) {
  auto answer = client.get("sobjects/" + object + "/updated/?start=" + url_encode(format_iso_datetime_z(start_ms)) +
                           "&end=" + url_encode(format_iso_datetime_z(upper_ms)));
  if (!answer) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view covered_text;
  if (parser.parse(answer->body).get(doc) || doc["latestDateCovered"].get(covered_text)) return std::nullopt;
  std::optional<int64_t> covered = parse_iso_datetime(covered_text);
  if (!covered) return std::nullopt;
  Coverage c{*covered, upper_ms / 60000 * 60000};
  if (std::string date = answer->header("date"); !date.empty())
    if (time_t server_s = curl_getdate(date.c_str(), nullptr); server_s > 0)
      c.server_minute_ms = std::min(c.server_minute_ms, int64_t{server_s} * 1000 / 60000 * 60000);
  return c;
}

}  // namespace

// The first probe asks about the last minute only: getUpdated lists every Id changed in its
// window, so a short window keeps the common answer (nothing open) small. latestDateCovered has
// whole minutes and is never before the window's start, so an answer at the start says only that
// a transaction began at or before it: the probe then looks further back (an hour, a day, the 30
// days getUpdated allows) until the answer falls inside its window — extra calls only while a
// transaction is open.
std::optional<int64_t> settled_until(SalesforceClient& client, const std::string& object, int64_t upper_ms) {
  constexpr int64_t kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;
  const int64_t minute = upper_ms / kMinute * kMinute;
  std::optional<int64_t> settled;
  for (int64_t back : std::array<int64_t, 4>{kMinute, kHour, kDay, 29 * kDay}) {
    std::optional<Coverage> c = probe(client, object, minute - back, upper_ms);
    // Salesforce covers no later than its own clock: with ours ahead, that is not a transaction.
    if (!c || c->covered_ms >= c->server_minute_ms) return settled;
    settled = c->covered_ms;
    if (c->covered_ms > minute - back) return settled;  // the transaction began inside this window
  }
  return settled;
}

}  // namespace sfsync
