#include "emulator/org/insert_pipeline.h"

namespace emu {
namespace {

constexpr size_t kChunkRows = 512;
constexpr size_t kMaxChunks = 4;  // filling + queued + being inserted

}  // namespace

InsertPipeline::InsertPipeline(RowInserter& inserter) : inserter_(inserter) {
  filling_ = take_free_chunk();
  thread_ = std::thread([this] { consume(); });
}

InsertPipeline::~InsertPipeline() { (void)finish(); }

InsertPipeline::Chunk InsertPipeline::take_free_chunk() {
  std::unique_lock lock(mu_);
  if (free_.empty() && chunks_made_ < kMaxChunks) {
    ++chunks_made_;
    Chunk c;
    c.rows.reserve(kChunkRows);
    for (size_t i = 0; i < kChunkRows; ++i) c.rows.push_back(inserter_.new_row());
    return c;
  }
  changed_.wait(lock, [this] { return !free_.empty(); });
  Chunk c = std::move(free_.back());
  free_.pop_back();
  return c;
}

void InsertPipeline::push(Row& row) {
  std::swap(row, filling_.rows[filling_.used++]);  // the chunk's rows come back cleared
  if (filling_.used < filling_.rows.size()) return;
  {
    std::lock_guard lock(mu_);
    full_.push_back(std::move(filling_));
  }
  changed_.notify_all();
  filling_ = take_free_chunk();
}

void InsertPipeline::consume() {
  for (;;) {
    Chunk chunk;
    {
      std::unique_lock lock(mu_);
      changed_.wait(lock, [this] { return !full_.empty() || done_; });
      if (full_.empty()) return;
      chunk = std::move(full_.front());
      full_.pop_front();
    }
    for (size_t i = 0; i < chunk.used; ++i) {
      if (failed()) {
        chunk.rows[i].clear();
        continue;
      }
      if (auto r = inserter_.insert(chunk.rows[i]); !r) {
        std::lock_guard lock(mu_);
        error_ = r.error();
        failed_ = true;
      }
    }
    chunk.used = 0;
    {
      std::lock_guard lock(mu_);
      free_.push_back(std::move(chunk));
    }
    changed_.notify_all();
  }
}

sfsync::Result<void> InsertPipeline::finish() {
  if (!thread_.joinable()) return error_ ? sfsync::Result<void>(*error_) : sfsync::Result<void>();
  {
    std::lock_guard lock(mu_);
    if (filling_.used > 0) full_.push_back(std::move(filling_));
    done_ = true;
  }
  changed_.notify_all();
  thread_.join();
  if (error_) return *error_;
  return {};
}

}  // namespace emu
