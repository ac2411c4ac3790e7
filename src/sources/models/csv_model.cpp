// CSV file models: the header row names the columns; empty cells are null.
#include <fstream>

#include "common/csv_reader.h"
#include "sources/models/model_source.h"

namespace sfsync {

namespace {

class CsvModel : public ModelSource {
 public:
  CsvModel(std::string path, char delimiter) : path_(std::move(path)), in_(path_, std::ios::binary), reader_(in_, delimiter) {}

  Result<void> open() {
    if (!in_) return make_error("bad_input", "cannot open CSV model " + path_);
    auto header = reader_.next(columns_);
    if (!header) return header.error();
    if (!*header || columns_.empty() || (columns_.size() == 1 && columns_[0].empty()))
      return make_error("bad_input", "CSV model " + path_ + " has no header row");
    return {};
  }
  const std::vector<std::string>& columns() const override { return columns_; }

  Result<Page> next(size_t max_rows) override {
    Page page;
    std::vector<std::string> cells;
    while (!done_ && page.records.size() < max_rows) {
      auto more = reader_.next(cells);
      if (!more) return make_error("bad_input", path_ + ": " + more.error().message);
      if (!*more) { done_ = true; break; }
      if (cells.size() == 1 && cells[0].empty()) continue;  // blank line
      if (cells.size() != columns_.size())
        return make_error("bad_input", path_ + ":" + std::to_string(reader_.line()) + ": " +
                                           std::to_string(cells.size()) + " cells, the header has " +
                                           std::to_string(columns_.size()));
      Record r;
      r.object = "model";
      r.fields.reserve(cells.size());
      for (size_t i = 0; i < cells.size(); ++i)
        r.set(columns_[i], cells[i].empty() ? Value::null() : Value::string(std::move(cells[i])));
      page.records.push_back(std::move(r));
    }
    page.last = done_;
    return page;
  }

 private:
  std::string path_;
  std::ifstream in_;
  CsvReader reader_;
  std::vector<std::string> columns_;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<ModelSource>> open_csv_model(const std::string& path, char delimiter) {
  auto model = std::make_unique<CsvModel>(path, delimiter);
  if (auto r = model->open(); !r) return r.error();
  return std::unique_ptr<ModelSource>(std::move(model));
}

}  // namespace sfsync
