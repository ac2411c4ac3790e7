#include "sinks/webhook/webhook_sender.h"

#include <openssl/evp.h>

#include <chrono>
#include <thread>

#include "common/time_util.h"
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

std::string webhook_signature(const std::string& secret, int64_t timestamp_s, const std::string& body) {
  std::string signed_text = std::to_string(timestamp_s) + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  size_t mac_len = 0;
  if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, secret.data(), secret.size(),
                 reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), mac, sizeof mac,
                 &mac_len))
    return "";
  static const char* kHex = "0123456789abcdef";
  std::string out = "v1=";
  for (size_t i = 0; i < mac_len; ++i) {
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 15]);
  }
  return out;
}

// Signs each attempt afresh: a retry is a new request with its own timestamp.
void WebhookSender::sign(HttpRequest& request, size_t unsigned_headers) const {
  request.headers.resize(unsigned_headers);
  if (config_.signing_secret.empty()) return;
  int64_t now_s = now_ms() / 1000;
  request.headers.push_back("X-Sfsync-Timestamp: " + std::to_string(now_s));
  request.headers.push_back("X-Sfsync-Signature: " + webhook_signature(config_.signing_secret.reveal(), now_s, request.body));
}

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
  const size_t unsigned_headers = request.headers.size();  // sign() replaces what follows, per attempt
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
      sign(request, unsigned_headers);
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
