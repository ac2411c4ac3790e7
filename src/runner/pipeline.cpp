#include "runner/pipeline.h"

#include <algorithm>
#include <exception>
#include <iterator>
#include <mutex>
#include <thread>
#include <utility>

#include "runner/bounded_queue.h"

namespace sfsync {

namespace {

bool cancelled(const PipelineOptions& o) { return o.cancel && o.cancel->load(); }

// A page with its mutations, on its way from the map thread to the writer.
struct MappedPage {
  Page page;
  std::vector<MappedRecord> mapped;
  int64_t records = 0;  // the page's records, also when they were freed after mapping
};

// The first error of the fetch and map threads (the writer keeps its own).
struct StageErrors {
  std::mutex mu;
  std::optional<Error> error;
  void set(Error e) {
    std::lock_guard l(mu);
    if (!error) error = std::move(e);
  }
};

// The fetch thread's loop: pages into the queue until the last one, an error, or a stop.
void fetch_loop(const PipelineStages& stages, const PipelineOptions& options, BoundedQueue<Page>& out,
                std::atomic<bool>& stop, StageErrors& errors) {
  try {
    while (!stop.load() && !cancelled(options)) {
      Result<Page> page = stages.fetch();
      if (!page) {
        errors.set(page.error());
        break;
      }
      bool last = page->last;
      if (!out.push(std::move(page.value())) || last) break;
    }
  } catch (const std::exception& e) {
    errors.set(make_error("internal", std::string("fetch failed: ") + e.what()));
  }
  out.close();
}

// Appends a mapped page to a group: records and mutations in order, the newest page's checkpoint.
void add_to_group(MappedPage& group, Page page, std::vector<MappedRecord> mapped, int64_t records) {
  group.records += records;
  if (group.page.records.empty() && group.mapped.empty()) {
    group.page = std::move(page);
    group.mapped = std::move(mapped);
    return;
  }
  group.page.records.insert(group.page.records.end(), std::make_move_iterator(page.records.begin()),
                            std::make_move_iterator(page.records.end()));
  group.mapped.insert(group.mapped.end(), std::make_move_iterator(mapped.begin()),
                      std::make_move_iterator(mapped.end()));
  group.page.checkpoint = std::move(page.checkpoint);
  group.page.last = page.last;
  group.page.total_size = page.total_size;
  group.page.rechecked += page.rechecked;  // the run's rechecked records all come before the rest
  group.page.swept += page.swept;          // and its swept ones after it
  group.page.seen_ids.insert(group.page.seen_ids.end(), std::make_move_iterator(page.seen_ids.begin()),
                             std::make_move_iterator(page.seen_ids.end()));
}

// The map thread's loop: mapping is pure CPU work, so it runs beside both the fetch (waiting on the
// network, parsing) and the writer (SQLite) instead of in series with either. It also groups
// pages_per_write pages into one write; a group cut short (fetch error, stop) is still written,
// so every page fetched before an error lands.
void map_loop(const PipelineStages& stages, const PipelineOptions& options, BoundedQueue<Page>& in,
              BoundedQueue<MappedPage>& out, StageErrors& errors) {
  const size_t group_size = std::max<size_t>(1, options.pages_per_write);
  MappedPage group;
  size_t grouped = 0;
  try {
    while (auto page = in.pop()) {
      std::vector<MappedRecord> mapped = stages.map(*page);
      auto records = static_cast<int64_t>(page->records.size());
      if (!options.keep_records_for_write) std::vector<Record>().swap(page->records);
      bool last = page->last;
      add_to_group(group, std::move(*page), std::move(mapped), records);
      if (++grouped < group_size && !last) continue;
      grouped = 0;
      if (!out.push(std::exchange(group, MappedPage{})) || last) break;
    }
    if (grouped > 0) out.push(std::move(group));
  } catch (const std::exception& e) {
    errors.set(make_error("internal", std::string("map failed: ") + e.what()));
  }
  in.close();  // a stopped mapper stops the fetcher too
  out.close();
}

}  // namespace

Result<PipelineProgress> run_pipeline(const PipelineStages& stages, const PipelineOptions& options) {
  BoundedQueue<Page> fetched(options.queue_depth);
  BoundedQueue<MappedPage> mapped(1);  // one mapped page ready while the writer writes another
  std::atomic<bool> stop{false};
  StageErrors stage_errors;
  std::thread fetcher([&] { fetch_loop(stages, options, fetched, stop, stage_errors); });
  std::thread mapper([&] { map_loop(stages, options, fetched, mapped, stage_errors); });

  PipelineProgress progress;
  std::optional<Error> write_error;
  bool saw_last = false;
  try {
    while (auto item = mapped.pop()) {
      const Page& page = item->page;
      if (page.total_size >= 0) progress.total_expected = page.total_size;
      if (auto r = stages.write(page, item->mapped); !r) {
        write_error = r.error();
        break;
      }
      ++progress.pages;
      progress.records += item->records;
      if (stages.on_progress) stages.on_progress(progress);
      if (page.last) {
        saw_last = true;
        break;
      }
      if (cancelled(options)) break;
    }
  } catch (const std::exception& e) {
    write_error = make_error("internal", std::string("write failed: ") + e.what());
  }
  stop = true;
  mapped.close();
  fetched.close();
  mapper.join();
  fetcher.join();

  if (write_error) return *write_error;
  if (stage_errors.error) return *stage_errors.error;
  if (!saw_last) return make_error("cancelled", "the run was interrupted; the next run resumes from its checkpoint");
  return progress;
}

}  // namespace sfsync
