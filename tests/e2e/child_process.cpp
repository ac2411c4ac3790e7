#include "e2e/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace e2e {

namespace {

ExitStatus decode(int raw) {
  ExitStatus s;
  if (WIFEXITED(raw)) s.code = WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) s.signal = WTERMSIG(raw);
  return s;
}

}  // namespace

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ChildProcess::ChildProcess(const std::string& binary, const std::vector<std::string>& args, const std::string& dir,
                           const std::map<std::string, std::string>& env, bool piped_stdin) {
  static std::atomic<int> counter{0};
  std::string stem = dir + "/child-" + std::to_string(++counter);
  out_path_ = stem + ".out";
  err_path_ = stem + ".err";
  int in_pipe[2] = {-1, -1};
  if (piped_stdin && pipe(in_pipe) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ > 0 && piped_stdin) {
    close(in_pipe[0]);
    stdin_fd_ = in_pipe[1];
  }
  if (pid_ == 0) {
    int out = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0) _exit(126);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    if (piped_stdin) {
      dup2(in_pipe[0], STDIN_FILENO);
      close(in_pipe[1]);
    } else if (int null_in = open("/dev/null", O_RDONLY); null_in >= 0) {
      dup2(null_in, STDIN_FILENO);
    }
    for (const auto& [name, value] : env) {
      if (value.empty()) unsetenv(name.c_str());
      else setenv(name.c_str(), value.c_str(), 1);
    }
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
}

ChildProcess::~ChildProcess() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  if (!status_) kill_now();
}

void ChildProcess::write_stdin(const std::string& text) {
  if (stdin_fd_ < 0) throw std::logic_error("ChildProcess: stdin is not piped");
  signal(SIGPIPE, SIG_IGN);  // a child that already exited: a failed write, not a dead test
  for (size_t done = 0; done < text.size();) {
    ssize_t n = ::write(stdin_fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  close(stdin_fd_);
  stdin_fd_ = -1;
}

std::optional<ExitStatus> ChildProcess::poll() {
  if (status_) return status_;
  int raw = 0;
  if (waitpid(pid_, &raw, WNOHANG) == pid_) status_ = decode(raw);
  return status_;
}

ExitStatus ChildProcess::wait() {
  if (status_) return *status_;
  int raw = 0;
  while (waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
  }
  status_ = decode(raw);
  return *status_;
}

bool ChildProcess::kill_now() {
  if (poll()) return false;
  ::kill(pid_, SIGKILL);
  ExitStatus s = wait();
  return s.signal == SIGKILL;
}

void ChildProcess::send(int sig) {
  if (!poll()) ::kill(pid_, sig);
}

std::string ChildProcess::out() const { return read_text_file(out_path_); }
std::string ChildProcess::err() const { return read_text_file(err_path_); }

bool ChildProcess::wait_for_output(const std::string& needle, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (out().find(needle) != std::string::npos) return true;
    if (poll()) return out().find(needle) != std::string::npos;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

CliResult run_to_end(const std::string& binary, const std::vector<std::string>& args, const std::string& dir,
                     const std::map<std::string, std::string>& env) {
  ChildProcess child(binary, args, dir, env);
  CliResult r;
  r.status = child.wait();
  r.out = child.out();
  r.err = child.err();
  return r;
}

}  // namespace e2e
