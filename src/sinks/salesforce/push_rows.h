// PushRowMapper: a model row → the record Salesforce gets, its change-detection key and hash.
#pragma once

#include <string>
#include <vector>

#include "sinks/salesforce/push_plan.h"
#include "sources/record.h"

namespace sfsync {

struct MappedPushRow {
  std::string key;   // value of the key column; the hash when the plan has no key (insert)
  std::string hash;  // 16 hex digits over (fingerprint, record JSON)
  std::string body;  // record_json()
  bool key_missing = false;  // the key column is empty: the row cannot be matched, it is skipped
};

class PushRowMapper {
 public:
  // `columns`: the model's columns (check_model_columns() has passed).
  PushRowMapper(const PushPlan& plan, const std::vector<std::string>& columns);
  MappedPushRow map(const Record& row) const;

 private:
  const PushPlan& plan_;
  std::vector<int> column_index_;  // per planned field; -1 = fixed value
  std::vector<int> key_indexes_;   // the key's columns (none: the row's hash keys it)
};

std::string fnv1a_hex(std::string_view a, std::string_view b);

}  // namespace sfsync
