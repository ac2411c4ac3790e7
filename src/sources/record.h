// Record and Page: what every source yields.
//
// A Record is one source row with its fields flattened to paths ("Email", "Account.Name",
// "MailingAddress.city"); a Page is a batch of records plus the checkpoint that becomes true once
// every record of the page is durable in the sink (the runner commits both in one transaction).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/value.h"

namespace sfsync {

struct Record {
  std::string object;        // "Contact", a Data Extension key, or a model name
  std::string id;            // Salesforce Id / primary key text
  bool deleted = false;      // IsDeleted = true from queryAll
  // Deleted because a full pass did not read it (CustomerStore::unseen_linked_ids); the store
  // checks again when it writes the deletion, once every page before it is in.
  bool absent_from_pass = false;
  int64_t modstamp_ms = 0;   // SystemModstamp (or the configured modified field); 0 when unknown
  std::vector<std::pair<std::string, Value>> fields;

  // Case-insensitive lookup by path; nullptr when the record has no such field.
  const Value* get(std::string_view path) const;
  void set(std::string path, Value v) { fields.emplace_back(std::move(path), std::move(v)); }
};

// Opaque to everyone but the source that made it (a serialized cursor), stored with the data.
struct Checkpoint {
  std::string state;
};

struct Page {
  std::vector<Record> records;
  Checkpoint checkpoint;
  bool last = false;          // no more pages in this run
  int64_t total_size = -1;    // records the source expects in the run, when it knows (totalSize)
  int64_t rechecked = 0;      // leading records read again from before the stored cursor (cursor.h)
  // A tracked full pass (CustomerStore::begin_full_pass): the ids of the page's records, which
  // outlive the records themselves (freed once mapped).
  std::vector<std::string> seen_ids;
  // Trailing records that are a full pass's deletion candidates, not rows the source returned:
  // what they did shows in the deletions, not in the records read.
  int64_t swept = 0;
};

}  // namespace sfsync
