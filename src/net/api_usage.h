// ApiUsage: what one API client spent, reported per run (`sfsync runs`, the executions table).
#pragma once

#include <cstdint>

namespace sfsync {

struct ApiUsage {
  int64_t calls = 0;          // data API calls the client made (retries included)
  int64_t org_used = -1;      // Salesforce only, from the last Sforce-Limit-Info: api-usage=used/limit
  int64_t org_limit = -1;
  int64_t session_renewals = 0;
  int64_t retries = 0;
};

}  // namespace sfsync
