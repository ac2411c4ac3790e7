// GET /limits: the org's limits, as Salesforce reports them (the daily API request budget).
#include "common/json_writer.h"
#include "emulator/api/apis.h"
#include "emulator/server/errors.h"

namespace emu {

void register_limits_api(Router& router, ApiContext& ctx) {
  router.data(Method::Get, "/limits/?", "limits", [&ctx](const httplib::Request&, httplib::Response& res,
                                                         const RequestInfo&) {
    int64_t max = ctx.options.daily_api_limit;
    std::string body;
    sfsync::JsonWriter w(body);
    w.begin_object().key("DailyApiRequests").begin_object().member("Max", max)
        .member("Remaining", std::max<int64_t>(0, max - ctx.counters.api_usage())).end_object();
    w.key("DailyBulkV2QueryJobs").begin_object().member("Max", int64_t{10000}).member("Remaining", int64_t{10000})
        .end_object().end_object();
    json_body(res, 200, std::move(body));
  });
}

}  // namespace emu
