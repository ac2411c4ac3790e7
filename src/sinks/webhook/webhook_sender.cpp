#include "sinks/webhook/webhook_sender.h"

#include <chrono>
#include <thread>

#include "net/http_client.h"

namespace sfsync {

WebhookSender::WebhookSender(const WebhookConfig& config)
    : config_(config), sleep_([](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }) {}

namespace {

std::string batch_body(const std::vector<OutboxEntry>& batch) {
  std::string body = "{\"events\":[";
  for (size_t i = 0; i < batch.size(); ++i) body += (i ? "," : "") + batch[i].payload;
  return body + "]}";
}

bool retryable(long status) { return status >= 500 || status == 408 || status == 429; }

}  // namespace

Result<DeliveryStats> WebhookSender::deliver(CustomerStore& store) {
  DeliveryStats stats;
  if (config_.url.empty()) return stats;
  HttpClient http;
  HttpRequest request;
  request.method = "POST";
  request.url = config_.url;
  request.timeout_ms = 30000;
  request.headers = {"Content-Type: application/json"};
  for (const auto& [name, value] : config_.headers) request.headers.push_back(name + ": " + value.reveal());
  while (true) {
    auto batch = store.pending_outbox(std::max(1, config_.batch_size));
    if (!batch) return batch.error();
    if (batch->empty()) return stats;
    request.body = batch_body(*batch);
    std::string last_problem;
    bool sent = false;
    for (int attempt = 0; attempt <= config_.max_retries && !sent; ++attempt) {
      if (attempt > 0) {
        ++stats.retries;
        sleep_(std::min(30000, 250 << std::min(attempt, 7)));
      }
      auto response = http.send(request);
      if (response && response->status >= 200 && response->status < 300) {
        sent = true;
      } else {
        last_problem = response ? "HTTP " + std::to_string(response->status) : response.error().message;
        if (response && !retryable(response->status)) break;
      }
    }
    if (!sent)
      return make_error("webhook", "webhook " + config_.url + " refused a batch of " + std::to_string(batch->size()) +
                                       " changes (" + last_problem + "); they stay in the outbox for the next run");
    std::vector<int64_t> ids;
    for (const auto& e : *batch) ids.push_back(e.id);
    if (auto r = store.mark_outbox_delivered(ids); !r) return r.error();
    stats.delivered += static_cast<int64_t>(ids.size());
    ++stats.batches;
  }
}

}  // namespace sfsync
