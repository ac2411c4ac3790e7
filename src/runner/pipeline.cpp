#include "runner/pipeline.h"

#include <exception>
#include <mutex>
#include <thread>

#include "runner/bounded_queue.h"

namespace sfsync {

namespace {

bool cancelled(const PipelineOptions& o) { return o.cancel && o.cancel->load(); }

// The fetch thread's loop: pages into the queue until the last one, an error, or a stop.
void fetch_loop(const PipelineStages& stages, const PipelineOptions& options, BoundedQueue<Page>& queue,
                std::atomic<bool>& stop, std::optional<Error>& error, std::mutex& error_mu) {
  try {
    while (!stop.load() && !cancelled(options)) {
      Result<Page> page = stages.fetch();
      if (!page) {
        std::lock_guard l(error_mu);
        error = page.error();
        break;
      }
      bool last = page->last;
      if (!queue.push(std::move(page.value())) || last) break;
    }
  } catch (const std::exception& e) {
    std::lock_guard l(error_mu);
    error = make_error("internal", std::string("fetch failed: ") + e.what());
  }
  queue.close();
}

}  // namespace

Result<PipelineProgress> run_pipeline(const PipelineStages& stages, const PipelineOptions& options) {
  BoundedQueue<Page> queue(options.queue_depth);
  std::atomic<bool> stop{false};
  std::optional<Error> fetch_error;
  std::mutex error_mu;
  std::thread fetcher([&] { fetch_loop(stages, options, queue, stop, fetch_error, error_mu); });

  PipelineProgress progress;
  std::optional<Error> write_error;
  bool saw_last = false;
  try {
    while (auto page = queue.pop()) {
      if (page->total_size >= 0) progress.total_expected = page->total_size;
      std::vector<MappedRecord> mapped = stages.map(*page);
      if (auto r = stages.write(*page, mapped); !r) {
        write_error = r.error();
        break;
      }
      ++progress.pages;
      progress.records += static_cast<int64_t>(page->records.size());
      if (stages.on_progress) stages.on_progress(progress);
      if (page->last) {
        saw_last = true;
        break;
      }
      if (cancelled(options)) break;
    }
  } catch (const std::exception& e) {
    write_error = make_error("internal", std::string("map/write failed: ") + e.what());
  }
  stop = true;
  queue.close();
  fetcher.join();

  if (write_error) return *write_error;
  if (fetch_error) return *fetch_error;
  if (!saw_last) return make_error("cancelled", "the run was interrupted; the next run resumes from its checkpoint");
  return progress;
}

}  // namespace sfsync
