// SalesforcePullPlan: everything a Salesforce pull run needs that Describe decides — checked
// before the first data call, so that a bad config fails with exit 2 and an untouched store.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "salesforce/salesforce_client.h"
#include "sources/salesforce/describe_catalog.h"

namespace sfsync {

struct SalesforcePullPlan {
  std::unique_ptr<DescribeCatalog> catalog;  // the sync's object (the FROM object for custom SOQL)
  std::vector<std::string> fields;           // SELECT list (object syncs)
  std::string filter;                        // WHERE expression from the sync's filter
  std::string cursor_field;                  // SystemModstamp / LastModifiedDate; "" = none
  std::map<std::string, std::string> path_types;  // lower-case path -> Describe type
  std::string fingerprint;                   // the source's identity: a change resets the checkpoint
  // `api: bulk` and nothing in the SELECT list that Bulk API 2.0 refuses (compound or base64
  // fields): whole-object reads go through Bulk query jobs.
  bool read_through_bulk = false;
  // What the user should know about how this sync reads, a line each (`sfsync check` prints
  // them): mapped formula fields and fields of related records change without moving the record's
  // stamp; an object too wide for one query is read by its mapped fields only; `api: bulk` cannot
  // select a compound or base64 field.
  std::vector<std::string> notes;
};

// Describes, validates (fields, filter, templates against Describe) and plans the run. Errors
// have code "bad_config" (or the client's auth/network codes) and name the sync and the fix.
Result<SalesforcePullPlan> plan_salesforce_pull(SalesforceClient& client, const SyncConfig& sync);

// Salesforce's answers to a query it cannot run as written (MALFORMED_QUERY, INVALID_FIELD, ...).
// Only running the query finds them (a custom SOQL, a raw WHERE clause); they mean the sync's
// config is wrong — bad input — not that a run failed.
bool is_query_shape_error(const Error& e);
// The same error as bad_config naming the sync: "<file:line>: sync "x": Salesforce refused its query: ...".
Error refused_query_error(const SyncConfig& sync, const Error& e);

}  // namespace sfsync
