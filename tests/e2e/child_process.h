// ChildProcess: the real `sfsync` binary (or any program) as a child of the test, with its stdout
// and stderr captured in files so that a test can read them while it runs (the authorize URL of
// `sfsync connect`), after it exits, or after the test killed it with SIGKILL.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace e2e {

struct ExitStatus {
  int code = -1;    // exit code when the process exited
  int signal = 0;   // the signal that ended it, else 0
  bool exited() const { return signal == 0; }
};

class ChildProcess {
 public:
  // `env` entries are set in the child (an empty value unsets the variable). `dir` holds the
  // captured output files; it must exist. stdin is /dev/null unless `piped_stdin`: then
  // write_stdin() feeds it.
  ChildProcess(const std::string& binary, const std::vector<std::string>& args, const std::string& dir,
               const std::map<std::string, std::string>& env = {}, bool piped_stdin = false);
  ~ChildProcess();  // kills a process still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // The exit status if the process has ended (reaps it), else nullopt.
  std::optional<ExitStatus> poll();
  ExitStatus wait();
  // Sends SIGKILL and reaps; returns true when the process was still running at that moment.
  bool kill_now();
  // Sends `sig` (SIGTERM, SIGINT) without waiting.
  void send(int sig);
  // Writes `text` to the child's stdin and closes it (the child then reads end of input).
  void write_stdin(const std::string& text);
  std::string out() const;
  std::string err() const;
  // Waits until stdout contains `needle` (or the process ends, or the timeout passes).
  bool wait_for_output(const std::string& needle, std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;  // the write end of a piped stdin
  std::optional<ExitStatus> status_;
  std::string out_path_, err_path_;
};

struct CliResult {
  ExitStatus status;
  std::string out, err;
  int code() const { return status.exited() ? status.code : 128 + status.signal; }
};

// Runs the program to its end.
CliResult run_to_end(const std::string& binary, const std::vector<std::string>& args, const std::string& dir,
                     const std::map<std::string, std::string>& env = {});

std::string read_text_file(const std::string& path);

}  // namespace e2e
