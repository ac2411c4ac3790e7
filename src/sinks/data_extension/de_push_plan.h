// A push into a Marketing Cloud Data Extension, checked against the DE's metadata before any row
// is sent. Rows are upserted by the DE's primary key, so the DE must have one and every key field
// must come from a model column; a field the DE requires (not nullable) must be mapped, or every
// new row would be refused. Problems are Error{"bad_config"} naming the sync and the fix.
#pragma once

#include "common/result.h"
#include "config/config.h"
#include "sfmc/data_extension_api.h"
#include "sinks/salesforce/push_plan.h"

namespace sfsync {

// Pure, for tests: `de` as describe_data_extension() returns it.
Result<PushPlan> plan_data_extension_push(const SyncConfig& sync, const DataExtensionInfo& de);
// Describes the DE (an unknown key names the DE whose *name* it is, if any), checks that the
// token may write (Error{"missing_scope"}: data_extensions_write), and plans.
Result<PushPlan> plan_data_extension_push(MarketingCloudClient& client, const SyncConfig& sync);

}  // namespace sfsync
