// Cursor: where an incremental Salesforce sync stands — the (SystemModstamp, Id) of the last
// record that is durable in the store.
//
// A timestamp alone is not enough: mass updates give thousands of records one stamp, and a page
// boundary inside such a group makes a `>` bound lose rows and a `>=` bound repeat them. With the
// Id as tie-breaker the next query starts exactly after the last durable record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sfsync {

struct Cursor {
  int64_t stamp_ms = 0;
  std::string id;  // empty: nothing read yet

  bool empty() const { return id.empty() && stamp_ms == 0; }
  // "1704164645000|003..." — stored as the sync's checkpoint text.
  std::string serialize() const;
  static std::optional<Cursor> parse(const std::string& text);
};

}  // namespace sfsync
