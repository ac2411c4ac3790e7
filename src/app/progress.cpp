#include "app/progress.h"

#include <unistd.h>

#include <cstdio>

namespace sfsync {

std::string format_count(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

ProgressReporter::ProgressReporter(std::string sync_name)
    : name_(std::move(sync_name)), tty_(isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {}

void ProgressReporter::update(const PipelineProgress& p) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = secs > 0 ? static_cast<double>(p.records) / secs : 0;
  double fraction = p.total_expected > 0 ? std::min(1.0, static_cast<double>(p.records) / p.total_expected) : 0;
  if (tty_) {
    int filled = static_cast<int>(fraction * 30);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(30, ' ');
    std::string eta = "";
    if (rate > 0 && p.total_expected > p.records)
      eta = "  ETA " + std::to_string(static_cast<int64_t>((p.total_expected - p.records) / rate)) + "s";
    std::fprintf(stderr, "\r  %-20s [%s] %s/%s  %s rec/s%s   ", name_.c_str(), bar.c_str(),
                 format_count(p.records).c_str(), p.total_expected >= 0 ? format_count(p.total_expected).c_str() : "?",
                 format_count(static_cast<int64_t>(rate)).c_str(), eta.c_str());
    drawn_ = true;
    return;
  }
  int decile = static_cast<int>(fraction * 10);
  if (decile > last_decile_) {
    last_decile_ = decile;
    std::fprintf(stderr, "  %s: %s of %s records (%s rec/s)\n", name_.c_str(), format_count(p.records).c_str(),
                 p.total_expected >= 0 ? format_count(p.total_expected).c_str() : "?",
                 format_count(static_cast<int64_t>(rate)).c_str());
  }
}

void ProgressReporter::finish() {
  if (tty_ && drawn_) std::fprintf(stderr, "\r%*s\r", 110, "");
}

}  // namespace sfsync
