// Progress of a sync on the terminal: a redrawn bar with records, records/s and an ETA from
// totalSize when stderr is a terminal; one plain line per ~10% otherwise (logs, CI).
#pragma once

#include <chrono>
#include <string>

#include "runner/pipeline.h"

namespace sfsync {

class ProgressReporter {
 public:
  explicit ProgressReporter(std::string sync_name);
  void update(const PipelineProgress& p);
  void finish();

 private:
  std::string name_;
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  int last_decile_ = -1;
  bool drawn_ = false;
};

std::string format_count(int64_t n);  // 1234567 -> "1,234,567"

}  // namespace sfsync
