// SoqlBuilder: the query an object sync runs, from Describe-validated parts.
//
//   SELECT <fields> FROM <object>
//   WHERE (<user filter>)
//     AND (SystemModstamp > :stamp OR (SystemModstamp = :stamp AND Id > :id))   -- incremental
//     AND SystemModstamp <= :upper                                              -- run's end
//   ORDER BY SystemModstamp ASC, Id ASC
//
// The upper bound (run start minus a lag) gives each run a definite end: what changes while it
// runs is the next run's work. A first read in Id order (`after.by_id`, see cursor.h) is
//
//   SELECT <fields> FROM <object> WHERE (<user filter>) AND Id > :id AND SystemModstamp <= :bound
//   ORDER BY Id ASC
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sources/salesforce/cursor.h"

namespace sfsync {

struct ObjectQuery {
  std::string object;
  std::vector<std::string> fields;  // validated against Describe; Id and the cursor field included
  std::string filter;               // a WHERE expression (validated), may be empty
  std::string cursor_field;         // SystemModstamp or LastModifiedDate; empty = no cursor (full)
  bool incremental = false;
  Cursor after;                     // incremental lower bound (exclusive), or an Id-order read
  int64_t upper_ms = 0;             // inclusive upper bound of the run; 0 = none (by_id: after's bound)
};

std::string build_object_soql(const ObjectQuery& q);

// `fields` of the records with these Ids, whatever their stamp or the sync's filter (run through
// queryAll, deleted ones too). Keep `ids` to a hundred or so: the Ids are in the URL.
std::string build_id_lookup_soql(const std::string& object, const std::vector<std::string>& fields,
                                 const std::vector<std::string>& ids);

// Custom SOQL: {lastSyncTime} becomes a datetime literal (1970-01-01T00:00:00Z on a first run).
std::string expand_custom_soql(const std::string& soql, int64_t last_sync_ms);

// 2024-01-02T03:04:05.000Z, as SOQL datetime literals are written (no quotes).
std::string soql_datetime(int64_t ms);
// 'it''s' -> 'it\'s': a SOQL string literal.
std::string soql_string(const std::string& s);

}  // namespace sfsync
