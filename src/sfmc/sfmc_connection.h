// From a configured `type: sfmc` connection to a ready MarketingCloudClient. Secrets move from the
// config (or the store, where `sfsync connect` keeps the refresh token encrypted) into the client.
#pragma once

#include <memory>

#include "config/config.h"
#include "sfmc/marketing_cloud_client.h"
#include "sinks/store/customer_store.h"

namespace sfsync {

// store may be null: then only the config's refresh_token is used, and a rotated one is not kept.
Result<std::unique_ptr<MarketingCloudClient>> make_marketing_cloud_client(const Connection& connection,
                                                                          CustomerStore* store);

}  // namespace sfsync
