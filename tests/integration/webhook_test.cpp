// Webhook delivery of the outbox: batched POSTs, retries on 5xx, rows kept on refusal.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

#include <unistd.h>

#include "sinks/store/sqlite_store.h"
#include "sinks/webhook/webhook_sender.h"

using namespace sfsync;

namespace {

// A local webhook endpoint: answers `statuses` in turn (then 200) and keeps the bodies it got.
class FakeEndpoint {
 public:
  explicit FakeEndpoint(std::vector<int> statuses) : statuses_(std::move(statuses)) {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard l(mu_);
      int status = calls_ < statuses_.size() ? statuses_[calls_] : 200;
      ++calls_;
      if (status == 200) bodies_.push_back(req.body);
      auth_ = req.get_header_value("Authorization");
      timestamps_.push_back(req.get_header_value("X-Sfsync-Timestamp"));
      signatures_.push_back(req.get_header_value("X-Sfsync-Signature"));
      received_.push_back(req.body);
      res.status = status;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~FakeEndpoint() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<std::string> bodies() { std::lock_guard l(mu_); return bodies_; }
  size_t calls() { std::lock_guard l(mu_); return calls_; }
  std::string auth() { std::lock_guard l(mu_); return auth_; }
  // Per call, answered or not: the signing headers and the body.
  std::vector<std::string> timestamps() { std::lock_guard l(mu_); return timestamps_; }
  std::vector<std::string> signatures() { std::lock_guard l(mu_); return signatures_; }
  std::vector<std::string> received() { std::lock_guard l(mu_); return received_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::vector<int> statuses_;
  size_t calls_ = 0;
  std::vector<std::string> bodies_;
  std::string auth_;
  std::vector<std::string> timestamps_, signatures_, received_;
};

class WebhookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = "/tmp/sfsync-webhook-test-" + std::to_string(::getpid()) + ".db";
    std::remove(path_.c_str());
    store_ = std::move(SqliteStore::open(path_).value());
    std::vector<MappedRecord> page(5);
    for (int i = 0; i < 5; ++i) {
      ProfileUpsert p;
      p.source = {"contacts", std::string("003").append(std::to_string(i)), 1000};
      p.identifiers = {{"email", std::string("p").append(std::to_string(i)).append("@example.org")}};
      p.attributes = {{"name", Value::string(std::string("P").append(std::to_string(i)))}};
      page[static_cast<size_t>(i)].mutations.push_back(p);
    }
    auto execution = store_->begin_execution("contacts", ExecutionKind::Pull);
    ApplyOptions options;
    options.emit_hooks = true;
    ASSERT_TRUE(store_->apply_page("contacts", *execution, page, Checkpoint{"x"}, options).ok());
    ASSERT_EQ(store_->pending_outbox(100)->size(), 5u);
  }
  void TearDown() override {
    store_.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::remove((path_ + s).c_str());
  }
  WebhookConfig config(const std::string& url) {
    WebhookConfig c;
    c.url = url;
    c.batch_size = 2;
    c.max_retries = 3;
    c.headers = {{"Authorization", Secret("Bearer hook-secret")}};
    return c;
  }
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace

TEST_F(WebhookTest, DeliversBatchesAndRetriesServerErrors) {
  FakeEndpoint endpoint({503, 500});
  WebhookConfig c = config(endpoint.url());
  WebhookSender sender(c);
  sender.set_sleeper([](int) {});
  auto stats = sender.deliver(*store_);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->delivered, 5);
  EXPECT_EQ(stats->batches, 3);  // 2 + 2 + 1
  EXPECT_EQ(stats->retries, 2);
  EXPECT_EQ(endpoint.bodies().size(), 3u);
  EXPECT_EQ(endpoint.bodies()[0].rfind("{\"events\":[", 0), 0u);
  EXPECT_EQ(endpoint.auth(), "Bearer hook-secret");
  EXPECT_TRUE(store_->pending_outbox(100)->empty());
}

TEST_F(WebhookTest, RefusedBatchStaysInTheOutbox) {
  FakeEndpoint endpoint({400});
  WebhookConfig c = config(endpoint.url());
  WebhookSender sender(c);
  sender.set_sleeper([](int) {});
  auto stats = sender.deliver(*store_);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.error().code, "webhook");
  EXPECT_EQ(stats.error().message.find("hook-secret"), std::string::npos);
  EXPECT_EQ(endpoint.calls(), 1u);  // a 4xx is not retried
  EXPECT_EQ(store_->pending_outbox(100)->size(), 5u);
  auto again = sender.deliver(*store_);  // the endpoint recovered
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->delivered, 5);
}

TEST(WebhookSignature, IsHmacSha256OfTimestampDotBody) {
  // Computed independently (Python's hmac module).
  EXPECT_EQ(webhook_signature("whsec_test", 1700000000, "{\"events\":[]}"),
            "v1=4f6f9b7a41398ad124e52a1320534f978e522923f3f2b2724e31d7a9dbf78a7f");
}

TEST_F(WebhookTest, SignedBatchesCarryTheirTimestampAndSignature) {
  FakeEndpoint endpoint({503});
  WebhookConfig c = config(endpoint.url());
  c.signing_secret = Secret("whsec_test");
  WebhookSender sender(c);
  sender.set_sleeper([](int) {});
  ASSERT_TRUE(sender.deliver(*store_).ok());
  auto stamps = endpoint.timestamps(), signatures = endpoint.signatures(), bodies = endpoint.received();
  ASSERT_EQ(signatures.size(), 4u);  // three batches, the first one twice (a 503, then a retry)
  for (size_t i = 0; i < signatures.size(); ++i) {
    ASSERT_FALSE(stamps[i].empty());
    EXPECT_EQ(signatures[i], webhook_signature("whsec_test", std::stoll(stamps[i]), bodies[i])) << i;
    EXPECT_NEAR(static_cast<double>(std::stoll(stamps[i])), static_cast<double>(::time(nullptr)), 60.0);
  }
}

TEST_F(WebhookTest, UnsignedBatchesCarryNoSignature) {
  FakeEndpoint endpoint({});
  WebhookConfig c = config(endpoint.url());
  WebhookSender sender(c);
  ASSERT_TRUE(sender.deliver(*store_).ok());
  for (const std::string& signature : endpoint.signatures()) EXPECT_EQ(signature, "");
  EXPECT_EQ(endpoint.signatures().size(), 3u);
}
