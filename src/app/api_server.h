// ApiServer: the daemon's HTTP API — what the CLI's runs, errors, stats and find show, as JSON,
// plus "run this sync now". It serves on its own thread (cpp-httplib) while the daemon's loop
// runs syncs; the store serializes its own access, so a request waits at most for the page being
// written. It binds to 127.0.0.1 unless told otherwise, and with a token every request must bring
// it (Authorization: Bearer ...): the API has no other access control. On loopback it answers
// only requests addressed to a loopback name, and a POST must carry X-Requested-With: guards
// against web pages that make the browser call it.
//
//   GET  /api/health                      {"status":"ok"}
//   GET  /api/schedule                    [{"sync","full","cron","next"}]
//   GET  /api/syncs                       [{"name","kind","schedule","full_schedule"}]: every sync
//   GET  /api/runs?sync=NAME&limit=N       newest first
//   GET  /api/runs/ID                     one run;  GET /api/runs/ID/errors?limit=N  its record errors
//   GET  /api/stats                       what the store holds
//   GET  /api/profile?email=|phone=|id=|record=SYNC:ID|identifier=TYPE=VALUE
//   POST /api/syncs/NAME/run[?full=true]  202: queued, runs after the run in progress
//   GET  /                                the web console (console_page.h)
//   GET  /metrics                         Prometheus text (metrics_text.h)
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <deque>

#include "common/result.h"
#include "sinks/store/customer_store.h"

namespace httplib {
class Server;
struct Request;
}

namespace sfsync {

// Runs asked for through the API, for the daemon's loop to take between its scheduled runs.
class RunRequests {
 public:
  struct Request {
    std::string sync;
    bool full = false;
  };
  void push(Request r);
  std::optional<Request> pop();
  bool pending() const;

 private:
  mutable std::mutex mu_;
  std::deque<Request> queue_;
};

class ApiServer {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    int port = 0;       // 0: a free one
    std::string token;  // "" = no token asked
  };
  ApiServer(CustomerStore& store, RunRequests& requests, Options options);
  ~ApiServer();

  // Binds and starts serving; the port it listens on. Error "bad_input" when it cannot bind.
  Result<int> start();
  void stop();
  // What the daemon knows, for /api/schedule and run requests (it calls these at start and after a
  // config reload).
  void set_schedule(std::string schedule_json, std::string syncs_json, std::set<std::string> sync_names);

 private:
  void routes();
  bool authorized(const std::string& authorization) const;
  std::string refusal(const httplib::Request& req) const;

  CustomerStore& store_;
  RunRequests& requests_;
  Options options_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  mutable std::mutex mu_;  // guards the three below
  std::string schedule_json_ = "[]";
  std::string syncs_json_ = "[]";
  std::set<std::string> sync_names_;
};

}  // namespace sfsync
