#include "app/api_server.h"

#include <httplib.h>

#include <charconv>

#include "app/console_page.h"
#include "app/metrics_text.h"
#include "app/profile_lookup.h"
#include "app/store_json.h"
#include "common/json_writer.h"

namespace sfsync {

namespace {

constexpr int kDefaultLimit = 20, kMaxLimit = 1000;

void send_json(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_content(std::move(body), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  std::string body;
  JsonWriter(body).begin_object().member("error", message).end_object();
  send_json(res, status, std::move(body));
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1";
}

std::optional<int64_t> whole_number(const std::string& text) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// ?limit=N within 1..kMaxLimit, else the default.
int limit_of(const httplib::Request& req) {
  std::optional<int64_t> n = whole_number(req.get_param_value("limit"));
  return n && *n > 0 ? static_cast<int>(std::min<int64_t>(*n, kMaxLimit)) : kDefaultLimit;
}

template <typename T, typename F>
std::string json_array(const std::vector<T>& items, F&& to_json) {
  std::string out = "[";
  for (const T& item : items) out.append(out.size() > 1 ? "," : "").append(to_json(item));
  return out + "]";
}

FindQuery profile_query(const httplib::Request& req) {
  FindQuery q;
  q.email = req.get_param_value("email");
  q.phone = req.get_param_value("phone");
  q.identifier = req.get_param_value("identifier");
  q.record = req.get_param_value("record");
  if (req.has_param("id")) {
    q.profile_id = whole_number(req.get_param_value("id"));
    if (!q.profile_id) q.profile_id = -1;  // matches nothing
  }
  return q;
}

}  // namespace

void RunRequests::push(Request r) {
  std::lock_guard lock(mu_);
  queue_.push_back(std::move(r));
}

std::optional<RunRequests::Request> RunRequests::pop() {
  std::lock_guard lock(mu_);
  if (queue_.empty()) return std::nullopt;
  Request r = std::move(queue_.front());
  queue_.pop_front();
  return r;
}

bool RunRequests::pending() const {
  std::lock_guard lock(mu_);
  return !queue_.empty();
}

ApiServer::ApiServer(CustomerStore& store, RunRequests& requests, Options options)
    : store_(store), requests_(requests), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
  routes();
}

ApiServer::~ApiServer() { stop(); }

Result<int> ApiServer::start() {
  int port = options_.port == 0 ? server_->bind_to_any_port(options_.host)
                                : (server_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port <= 0)
    return make_error("bad_input", "the API cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                                       " (in use, or not an address of this machine): choose another --api-port");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  return port;
}

void ApiServer::stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

void ApiServer::set_schedule(std::string schedule_json, std::string syncs_json, std::set<std::string> sync_names) {
  std::lock_guard lock(mu_);
  schedule_json_ = std::move(schedule_json);
  syncs_json_ = std::move(syncs_json);
  sync_names_ = std::move(sync_names);
}

bool ApiServer::authorized(const std::string& authorization) const {
  return options_.token.empty() || authorization == "Bearer " + options_.token;
}

// Why a request is refused before routing, or "" when it is not. A page on another site can make
// the browser send requests to 127.0.0.1 — POSTs without asking (a "simple" request), and through
// a DNS name that resolves there (rebinding) even reads — so on a loopback address the Host must
// name loopback, and a POST must carry a header such a page cannot add without the API's consent.
std::string ApiServer::refusal(const httplib::Request& req) const {
  if (is_loopback(options_.host)) {
    std::string host = req.get_header_value("Host");
    host = host.substr(0, host.rfind(':') == std::string::npos || host.back() == ']' ? host.size() : host.rfind(':'));
    if (!is_loopback(host)) return "address the daemon as 127.0.0.1 or localhost (Host: " + host + ")";
  }
  if (req.method == "POST" && req.get_header_value("X-Requested-With").empty())
    return "a POST needs the header X-Requested-With (any value)";
  return "";
}

void ApiServer::routes() {
  server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (std::string why = refusal(req); !why.empty()) {
      send_error(res, 403, why);
      return httplib::Server::HandlerResponse::Handled;
    }
    // The console page holds no data (its script asks the API, with the token): no token for it.
    if (req.path == "/" || authorized(req.get_header_value("Authorization")))
      return httplib::Server::HandlerResponse::Unhandled;
    send_error(res, 401, "this API needs its token: Authorization: Bearer <SFSYNC_API_TOKEN>");
    return httplib::Server::HandlerResponse::Handled;
  });
  server_->Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(console_html(), "text/html; charset=utf-8");
  });
  server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    std::set<std::string> syncs;
    {
      std::lock_guard lock(mu_);
      syncs = sync_names_;
    }
    auto text = metrics_text(store_, syncs);
    if (!text) return send_error(res, 500, text.error().message);
    res.set_content(std::move(*text), "text/plain; version=0.0.4");
  });
  server_->Get("/api/health", [](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, R"({"status":"ok"})");
  });
  server_->Get("/api/schedule", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mu_);
    send_json(res, 200, schedule_json_);
  });
  server_->Get("/api/syncs", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mu_);
    send_json(res, 200, syncs_json_);
  });
  server_->Get("/api/runs", [this](const httplib::Request& req, httplib::Response& res) {
    auto runs = store_.list_executions(req.get_param_value("sync"), limit_of(req));
    if (!runs) return send_error(res, 500, runs.error().message);
    send_json(res, 200, json_array(*runs, execution_json));
  });
  server_->Get(R"(/api/runs/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto run = store_.get_execution(whole_number(req.matches[1]).value_or(-1));
    if (!run) return send_error(res, 500, run.error().message);
    if (!*run) return send_error(res, 404, "no run " + std::string(req.matches[1]));
    send_json(res, 200, execution_json(**run));
  });
  server_->Get(R"(/api/runs/(\d+)/errors)", [this](const httplib::Request& req, httplib::Response& res) {
    auto errors = store_.execution_errors(whole_number(req.matches[1]).value_or(-1), limit_of(req));
    if (!errors) return send_error(res, 500, errors.error().message);
    send_json(res, 200, json_array(*errors, record_error_json));
  });
  server_->Get("/api/stats", [this](const httplib::Request&, httplib::Response& res) {
    auto counts = store_.counts();
    if (!counts) return send_error(res, 500, counts.error().message);
    send_json(res, 200, counts_json(*counts));
  });
  server_->Get("/api/profile", [this](const httplib::Request& req, httplib::Response& res) {
    auto found = look_up_profile(store_, profile_query(req));
    if (!found) return send_error(res, found.error().code == "bad_input" ? 400 : 500, found.error().message);
    if (!*found) return send_error(res, 404, "no profile found");
    send_json(res, 200, profile_json(**found));
  });
  server_->Post(R"(/api/syncs/([^/]+)/run)", [this](const httplib::Request& req, httplib::Response& res) {
    std::string sync = req.matches[1];
    {
      std::lock_guard lock(mu_);
      if (!sync_names_.count(sync)) return send_error(res, 404, "no sync named \"" + sync + "\" in the config");
    }
    bool full = req.get_param_value("full") == "true";
    requests_.push({sync, full});
    std::string body;
    JsonWriter(body).begin_object().member("queued", sync).member("full", full).end_object();
    send_json(res, 202, std::move(body));
  });
}

}  // namespace sfsync
