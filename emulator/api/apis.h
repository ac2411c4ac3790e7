// The emulator's API surfaces, one per file in this folder. Emulator::start() registers them all.
#pragma once

#include "emulator/server/api_context.h"

namespace emu {

void register_oauth_api(Router& router, ApiContext& ctx);        // /services/oauth2/{token,authorize,revoke}
void register_query_api(Router& router, ApiContext& ctx);        // query, queryAll, queryMore
void register_describe_api(Router& router, ApiContext& ctx);     // /sobjects, /sobjects/X/describe, versions
void register_sobject_api(Router& router, ApiContext& ctx);      // sObject CRUD, getUpdated/getDeleted
void register_collections_api(Router& router, ApiContext& ctx);  // /composite/sobjects
void register_bulk_query_api(Router& router, ApiContext& ctx);   // /jobs/query
void register_bulk_ingest_api(Router& router, ApiContext& ctx);  // /jobs/ingest
void register_sfmc_api(Router& router, ApiContext& ctx);         // /v2/token, /data/v1/customobjectdata
void register_admin_api(Router& router, ApiContext& ctx);        // /__admin/...
void register_limits_api(Router& router, ApiContext& ctx);       // /limits

}  // namespace emu
