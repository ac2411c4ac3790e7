// The seeded data generator: fills an org with realistic, deterministic CRM data.
//
// Same seed, counts and now_ms -> the same rows (ids, values, timestamps), on every platform.
// Records are linked like a real org: contacts, opportunities and cases belong to accounts, some
// contacts report to others, tasks/events point at contacts/leads (WhoId) and accounts/
// opportunities/cases (WhatId), campaign members join campaigns to contacts or leads. The data is
// dirty the way real data is: ~10% of emails null and ~3% invalid, phones in seven countries'
// formats with ~3% malformed, countries as names or ISO codes. CreatedDate/SystemModstamp spread
// over the two years before now_ms, at whole seconds, with many records sharing the same second
// (imports and mass updates), so (SystemModstamp, Id) cursors are exercised for real.
//
// Objects without a dedicated generator (Product2, Asset, custom objects, ...) get plausible
// values per field type, references to generated parents and sequential auto-numbers.
//
// Speed: one transaction with prepared statements on the store's writer connection; 1M contacts
// take a few seconds.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "common/result.h"
#include "emulator/org/org_store.h"

namespace emu {

// counts: object API name (case-insensitive) -> number of records to add. Unknown objects or
// negative counts are errors (code "bad_config").
sfsync::Result<void> generate_org(OrgStore& store, const std::map<std::string, int64_t>& counts, uint64_t seed,
                                  int64_t now_ms);

}  // namespace emu
