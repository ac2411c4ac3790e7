#include "emulator/server/api_context.h"

#include <chrono>
#include <thread>

#include "common/time_util.h"
#include "emulator/server/errors.h"

namespace emu {

const ClientApp* ApiContext::salesforce_app(const std::string& client_id) const {
  for (const auto& app : options.salesforce_apps)
    if (app.client_id == client_id) return &app;
  return nullptr;
}

const ClientApp* ApiContext::sfmc_app(const std::string& client_id) const {
  for (const auto& app : options.sfmc_apps)
    if (app.client_id == client_id) return &app;
  return nullptr;
}

const OrgUser* ApiContext::user_by_name(const std::string& username) const {
  for (const auto& u : options.users)
    if (iequals(u.username, username)) return &u;
  return nullptr;
}

namespace {

// "Authorization: Bearer X" (Salesforce also accepts the older "OAuth X").
std::string bearer_token(const httplib::Request& req) {
  std::string h = req.get_header_value("Authorization");
  for (std::string_view scheme : {"Bearer ", "OAuth "})
    if (h.size() > scheme.size() && iequals(std::string_view(h).substr(0, scheme.size()), scheme))
      return h.substr(scheme.size());
  return {};
}

bool supported_version(const std::string& v) {
  static const char* kVersions[] = {"57.0", "58.0", "59.0", "60.0", "61.0", "62.0", "63.0"};
  for (const char* s : kVersions)
    if (v == s) return true;
  return false;
}

void server_error(httplib::Response& res, int status) {
  if (status == 503)
    sf_error(res, 503, "SERVER_UNAVAILABLE", "Server temporarily unavailable. Please try again later.");
  else
    sf_error(res, status, "UNKNOWN_EXCEPTION",
             "An unexpected error occurred. Please include this ErrorId if you contact support: "
             "1207204877-81262 (-1409927286)");
}

// Replaces the body with a provider that sends half of it and then cuts the connection.
void drop_mid_body(httplib::Response& res) {
  auto body = std::make_shared<std::string>(std::move(res.body));
  res.body.clear();
  std::string type = res.get_header_value("Content-Type");
  res.set_content_provider(body->size(), type, [body](size_t offset, size_t, httplib::DataSink& sink) {
    if (offset == 0 && body->size() > 1) sink.write(body->data(), body->size() / 2);
    return false;
  });
}

// Replaces the body with a provider that trickles it at `bytes_per_sec`.
void slow_body(httplib::Response& res, int bytes_per_sec) {
  auto body = std::make_shared<std::string>(std::move(res.body));
  res.body.clear();
  std::string type = res.get_header_value("Content-Type");
  size_t chunk = std::max<size_t>(1, static_cast<size_t>(bytes_per_sec) / 10);
  res.set_content_provider(body->size(), type, [body, chunk](size_t offset, size_t length, httplib::DataSink& sink) {
    size_t n = std::min(chunk, length);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    sink.write(body->data() + offset, n);
    return true;
  });
}

// The part of the guard shared by Salesforce and Marketing Cloud data routes: faults after the
// handler ran.
void apply_body_faults(httplib::Response& res, const FaultDecision& d) {
  if (d.drop) drop_mid_body(res);
  else if (d.slow_bytes_per_sec > 0 && !res.body.empty()) slow_body(res, d.slow_bytes_per_sec);
}

}  // namespace

void Router::add(Method m, const std::string& full_pattern, httplib::Server::Handler h) {
  switch (m) {
    case Method::Get: server_.Get(full_pattern, std::move(h)); break;
    case Method::Post: server_.Post(full_pattern, std::move(h)); break;
    case Method::Put: server_.Put(full_pattern, std::move(h)); break;
    case Method::Patch: server_.Patch(full_pattern, std::move(h)); break;
    case Method::Delete: server_.Delete(full_pattern, std::move(h)); break;
  }
}

void Router::data(Method m, const std::string& pattern, const std::string& counter, DataHandler h) {
  ApiContext* ctx = &ctx_;
  add(m, "/services/data/v([0-9]+\\.[0-9])" + pattern, [ctx, counter, h](const httplib::Request& req,
                                                                           httplib::Response& res) {
    int64_t call = ctx->counters.count(counter);
    FaultDecision d = ctx->faults->decide(req.path, call);
    if (d.latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(d.latency_ms));
    auto finish = [&] {
      res.set_header("Sforce-Limit-Info", "api-usage=" + std::to_string(ctx->counters.api_usage()) + "/" +
                                              std::to_string(ctx->options.daily_api_limit));
      apply_body_faults(res, d);
    };
    std::string version = req.matches[1];
    if (!supported_version(version)) {
      sf_error(res, 404, "NOT_FOUND", "The requested resource does not exist");
      return finish();
    }
    if (d.expire_tokens) ctx->tokens->expire_all_access_tokens();
    auto token = ctx->tokens->validate(TokenRealm::Salesforce, bearer_token(req), sfsync::now_ms());
    if (!token) {
      sf_error(res, 401, "INVALID_SESSION_ID", "Session expired or invalid");
      return finish();
    }
    int64_t usage = ctx->counters.add_api_usage();
    if (d.limit_exceeded || usage > ctx->options.daily_api_limit) {
      sf_error(res, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
      return finish();
    }
    if (d.concurrent_limit) {
      sf_error(res, 403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.");
      return finish();
    }
    if (d.fail_status != 0) {
      server_error(res, d.fail_status);
      return finish();
    }
    RequestInfo info{version, *token};
    h(req, res, info);
    finish();
  });
}

void Router::sfmc(Method m, const std::string& full_pattern, const std::string& counter, DataHandler h) {
  ApiContext* ctx = &ctx_;
  add(m, full_pattern, [ctx, counter, h](const httplib::Request& req, httplib::Response& res) {
    int64_t call = ctx->counters.count(counter);
    FaultDecision d = ctx->faults->decide(req.path, call);
    if (d.latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(d.latency_ms));
    if (d.expire_tokens) ctx->tokens->expire_all_access_tokens();
    auto token = ctx->tokens->validate(TokenRealm::MarketingCloud, bearer_token(req), sfsync::now_ms());
    if (!token) {
      sfmc_error(res, 401, 0, "Not Authorized");
    } else if (d.fail_status != 0) {
      if (d.fail_status == 429) res.set_header("Retry-After", "1");  // its rate limit says when to come back
      sfmc_error(res, d.fail_status, 0, d.fail_status == 429 ? "Too Many Requests" : "Service Unavailable");
    } else {
      h(req, res, RequestInfo{"", *token});
    }
    apply_body_faults(res, d);
  });
}

void Router::open(Method m, const std::string& full_pattern, const std::string& counter, OpenHandler h) {
  ApiContext* ctx = &ctx_;
  add(m, full_pattern, [ctx, counter, h](const httplib::Request& req, httplib::Response& res) {
    ctx->counters.count(counter, /*data_call=*/false);
    h(req, res);
  });
}

}  // namespace emu
