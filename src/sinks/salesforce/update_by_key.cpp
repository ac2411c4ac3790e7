#include "sinks/salesforce/update_by_key.h"

#include <simdjson.h>

#include <map>

#include "common/json_writer.h"
#include "common/text.h"
#include "salesforce/query_pager.h"
#include "sources/salesforce/soql_builder.h"

namespace sfsync {

namespace {

// key (lower-case: text comparisons in SOQL are case-insensitive) → Id of the records holding it.
Result<std::map<std::string, std::vector<std::string>>> find_ids(SalesforceClient& client, const WriteTarget& target,
                                                                 const std::vector<std::string>& keys) {
  std::map<std::string, std::vector<std::string>> ids;
  if (keys.empty()) return ids;
  std::string in;
  for (const auto& k : keys) {
    if (!in.empty()) in.push_back(',');
    in += soql_string(k);
  }
  std::string soql = "SELECT Id, " + target.external_id_field + " FROM " + target.object + " WHERE " +
                     target.external_id_field + " IN (" + in + ")";
  auto read = for_each_query_record(client, soql, "the Id lookup query", [&](simdjson::dom::element r) {
    std::string_view id, key;
    if (!r["Id"].get(id) && !r[target.external_id_field].get(key)) ids[ascii_lower(key)].emplace_back(id);
  });
  if (!read) return read.error();
  return ids;
}

}  // namespace

Result<std::vector<WriteResult>> update_by_key(SalesforceClient& client, const WriteTarget& target,
                                               const std::vector<KeyedRecord>& records) {
  std::vector<std::string> unknown;
  for (const auto& r : records)
    if (r.sf_id.empty()) unknown.push_back(r.key);
  auto found = find_ids(client, target, unknown);
  if (!found) return found.error();

  std::vector<WriteResult> results(records.size());
  std::vector<size_t> sent;
  std::vector<std::string> bodies;
  for (size_t i = 0; i < records.size(); ++i) {
    std::string id = records[i].sf_id;
    if (id.empty()) {
      auto hit = found->find(ascii_lower(records[i].key));
      size_t matches = hit == found->end() ? 0 : hit->second.size();
      if (matches != 1) {
        results[i].error_code = matches ? "DUPLICATE_VALUE" : "NOT_FOUND";
        results[i].message = std::to_string(matches) + " " + target.object + " records have " +
                             target.external_id_field + " = " + records[i].key + " (update needs exactly one)";
        results[i].fields = {target.external_id_field};
        continue;
      }
      id = hit->second.front();
    }
    std::string body = "{\"Id\":";
    JsonWriter::append_escaped(body, id);
    if (records[i].body.size() > 2) {
      body.push_back(',');
      body.append(records[i].body, 1, std::string::npos);
    } else {
      body.push_back('}');
    }
    bodies.push_back(std::move(body));
    sent.push_back(i);
  }
  auto answers = write_collection(client, target, bodies);
  if (!answers) return answers.error();
  for (size_t j = 0; j < sent.size(); ++j) results[sent[j]] = (*answers)[j];
  return results;
}

}  // namespace sfsync
