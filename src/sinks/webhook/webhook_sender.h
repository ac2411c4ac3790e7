// WebhookSender: drains the store's outbox (profile and event changes) to a webhook as batched
// JSON POSTs: {"events":[<outbox payload>, ...]}. A batch is marked delivered only after a 2xx, so a
// crash or a failing endpoint re-sends it later (at-least-once; payloads carry ids for dedup).
//
// With a signing secret every POST also carries X-Sfsync-Timestamp (Unix seconds) and
// X-Sfsync-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>, so a receiver can
// tell the batch came from us, unaltered, and refuse old timestamps (replays).
#pragma once

#include <functional>
#include <string>

#include "common/result.h"
#include "config/config.h"
#include "net/http_client.h"
#include "sinks/store/customer_store.h"

namespace sfsync {

struct DeliveryStats {
  int64_t delivered = 0;
  int64_t batches = 0;
  int64_t retries = 0;
};

class WebhookSender {
 public:
  explicit WebhookSender(const WebhookConfig& config);
  // Sends every pending outbox row; stops with an error (rows stay pending) once a batch has
  // failed max_retries times or gets a 4xx other than 408/429.
  Result<DeliveryStats> deliver(CustomerStore& store);
  void set_sleeper(std::function<void(int ms)> sleeper) { sleep_ = std::move(sleeper); }

 private:
  void sign(HttpRequest& request, size_t unsigned_headers) const;

  const WebhookConfig& config_;
  std::function<void(int)> sleep_;
};

// "v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>": the X-Sfsync-Signature value.
std::string webhook_signature(const std::string& secret, int64_t timestamp_s, const std::string& body);

}  // namespace sfsync
