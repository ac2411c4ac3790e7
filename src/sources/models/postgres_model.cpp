// PostgreSQL models through libpq in single-row mode: the server streams the result and the client
// holds one row at a time (a plain PQexec would buffer the whole result in memory).
#include <libpq-fe.h>

#include "common/text.h"
#include "sources/models/model_source.h"

namespace sfsync {

namespace {

constexpr Oid kInt2 = 21, kInt4 = 23, kInt8 = 20, kBool = 16;

class PostgresModel : public ModelSource {
 public:
  explicit PostgresModel(PGconn* conn) : conn_(conn) {}
  ~PostgresModel() override {
    if (pending_) PQclear(pending_);
    // Dropping a connection mid-result is fine: the server abandons the query.
    PQfinish(conn_);
  }

  // Sends the query and reads its first row so that bad SQL fails here, before any API call.
  Result<void> start(const std::string& sql) {
    if (!PQsendQuery(conn_, sql.c_str()) || !PQsetSingleRowMode(conn_))
      return make_error("bad_input", "model SQL failed: " + one_line(PQerrorMessage(conn_)));
    pending_ = PQgetResult(conn_);
    auto status = pending_ ? PQresultStatus(pending_) : PGRES_FATAL_ERROR;
    if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK)
      return make_error("bad_input", "model SQL is invalid: " + one_line(PQerrorMessage(conn_)));
    for (int i = 0; i < PQnfields(pending_); ++i) {
      columns_.emplace_back(PQfname(pending_, i));
      types_.push_back(PQftype(pending_, i));
    }
    return {};
  }
  const std::vector<std::string>& columns() const override { return columns_; }

  Result<Page> next(size_t max_rows) override {
    Page page;
    while (!done_ && page.records.size() < max_rows) {
      PGresult* res = pending_ ? pending_ : PQgetResult(conn_);
      pending_ = nullptr;
      if (!res) { done_ = true; break; }
      auto status = PQresultStatus(res);
      if (status == PGRES_SINGLE_TUPLE) page.records.push_back(read_row(res));
      PQclear(res);
      if (status == PGRES_TUPLES_OK) continue;  // end marker; PQgetResult then returns null
      if (status != PGRES_SINGLE_TUPLE)
        return make_error("bad_input", "model query failed: " + one_line(PQerrorMessage(conn_)));
    }
    page.last = done_;
    return page;
  }

 private:
  Record read_row(PGresult* res) const {
    Record r;
    r.object = "model";
    for (int i = 0; i < static_cast<int>(columns_.size()); ++i) {
      if (PQgetisnull(res, 0, i)) { r.set(columns_[i], Value::null()); continue; }
      std::string text = PQgetvalue(res, 0, i);
      Oid t = types_[i];
      if (t == kInt2 || t == kInt4 || t == kInt8) r.set(columns_[i], Value::integer(std::stoll(text)));
      else if (t == kBool) r.set(columns_[i], Value::boolean(text == "t"));
      else r.set(columns_[i], Value::string(std::move(text)));
    }
    return r;
  }

  PGconn* conn_;
  PGresult* pending_ = nullptr;
  std::vector<std::string> columns_;
  std::vector<Oid> types_;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<ModelSource>> open_postgres_model(const std::string& conninfo, const std::string& sql) {
  // connect_timeout keeps an unreachable host from hanging the run; a URL gets it as a parameter.
  std::string info = conninfo;
  if (info.find("connect_timeout") == std::string::npos)
    info += info.find("://") != std::string::npos ? (info.find('?') == std::string::npos ? "?connect_timeout=10" : "&connect_timeout=10")
                                                  : " connect_timeout=10";
  PGconn* conn = PQconnectdb(info.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string why = conn ? one_line(PQerrorMessage(conn)) : "out of memory";
    PQfinish(conn);
    return make_error("bad_input", "cannot connect to PostgreSQL: " + why);
  }
  auto model = std::make_unique<PostgresModel>(conn);
  if (auto r = model->start(sql); !r) return r.error();
  return std::unique_ptr<ModelSource>(std::move(model));
}

}  // namespace sfsync
