#include "sources/data_extension/de_checkpoint.h"

#include <simdjson.h>

#include <algorithm>

#include "common/json_writer.h"

namespace sfsync {

bool DeCheckpoint::has_seen(const std::string& id) const {
  return std::find(seen.begin(), seen.end(), id) != seen.end();
}

std::string DeCheckpoint::serialize() const {
  std::string out;
  JsonWriter w(out);
  w.begin_object().member("v", 1).member("after", sort_value).key("seen").begin_array();
  for (const auto& id : seen) w.value(id);
  w.end_array().member("complete", complete);
  if (tracked) w.member("tracked", true).member("sweeping", sweeping).member("swept_to", swept_to);
  w.end_object();
  return out;
}

std::optional<DeCheckpoint> DeCheckpoint::parse(const std::string& text) {
  if (text.empty()) return DeCheckpoint{};
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  int64_t version = 0;
  std::string_view after;
  if (parser.parse(text).get(doc) || doc["v"].get(version) || version != 1 || doc["after"].get(after))
    return std::nullopt;
  DeCheckpoint cp;
  cp.sort_value = std::string(after);
  simdjson::dom::array seen;
  if (!doc["seen"].get(seen))
    for (auto id : seen) {
      std::string_view s;
      if (!id.get(s)) cp.seen.emplace_back(s);
    }
  bool complete = false;
  if (!doc["complete"].get(complete)) cp.complete = complete;
  bool flag = false;
  if (!doc["tracked"].get(flag)) cp.tracked = flag;
  if (!doc["sweeping"].get(flag)) cp.sweeping = flag && cp.tracked;
  std::string_view swept_to;
  if (!doc["swept_to"].get(swept_to)) cp.swept_to = std::string(swept_to);
  return cp;
}

}  // namespace sfsync
