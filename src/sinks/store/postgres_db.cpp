#include "sinks/store/postgres_db.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

#include "common/text.h"

namespace sfsync::store {
namespace {

// The key of the advisory lock every sfsync writer takes in begin(): ASCII "sfsyncst" (sfsync
// store). Any fixed number would do, as long as every sfsync uses the same one; advisory locks
// are per database, so stores in different databases of one server do not wait for each other.
constexpr const char* kWriterLock = "SELECT pg_advisory_xact_lock(8315173832187752308)";  // 0x736673796e637374

// Result column types (pg_type.oid; the server headers that name them are not part of libpq's).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

bool succeeded(const PGresult* r) {
  ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

// libpq's complaints about a malformed connection string quote the offending piece, which may
// be (part of) the password: keep the complaint, drop what it quotes (but a quoted "=").
std::string without_quoted(std::string_view text) {
  std::string out;
  size_t start = 0;
  for (size_t open = text.find('"'); open != std::string_view::npos; open = text.find('"', start)) {
    size_t close = text.find('"', open + 1);
    if (close == std::string_view::npos) return out.append(text.substr(start, open - start)).append("\"...");
    std::string_view quoted = text.substr(open + 1, close - open - 1);
    out.append(text.substr(start, open - start)).append(quoted == "=" ? "\"=\"" : "\"...\"");
    start = close + 1;
  }
  return out.append(text.substr(start));
}

// A connection failure is reported by libpq or the server, neither of which repeats the
// password; removing it anyway costs nothing and holds whatever a later libpq says.
std::string redact(std::string text, const char* password) {
  if (!password || !*password) return text;
  const size_t n = std::strlen(password);
  for (size_t at = text.find(password); at != std::string::npos; at = text.find(password, at + 3))
    text.replace(at, n, "***");
  return text;
}

// Rows an INSERT/UPDATE/DELETE changed, from its command tag ("UPDATE 2"); -1 for the other
// commands, which leave changes() as it was (as SQLite's sqlite3_changes does).
int64_t changed_rows(PGresult* r) {
  const char* tag = PQcmdStatus(r);
  bool dml = std::strncmp(tag, "INSERT", 6) == 0 || std::strncmp(tag, "UPDATE", 6) == 0 ||
             std::strncmp(tag, "DELETE", 6) == 0 || std::strncmp(tag, "MERGE", 5) == 0;
  if (!dml) return -1;
  const char* n = PQcmdTuples(r);
  int64_t v = 0;
  std::from_chars(n, n + std::strlen(n), v);
  return v;
}

// "host:port" of the server, for messages (the url is never repeated: it may hold a password).
std::string server_of(const PGconn* conn) {
  const char* host = PQhost(conn);
  const char* port = PQport(conn);
  return std::string(host && *host ? host : "localhost") + ":" + (port && *port ? port : "5432");
}

// Notices (e.g. "table already exists, skipping") go to stderr by default; the store has
// nothing to learn from them and the CLI's stderr belongs to its log.
void ignore_notice(void*, const char*) {}

}  // namespace

// The rows of one result, as text (and bytea hex), read one row at a time.
class PgRows : public ResultRows {
 public:
  explicit PgRows(const char* sql) : sql_(sql) {}

  void adopt(ResultPtr r) {
    rows_ = PQntuples(r.get());
    row_ = -1;
    blobs_.assign(static_cast<size_t>(PQnfields(r.get())), std::string());
    result_ = std::move(r);
  }
  bool adopted() const { return result_ != nullptr; }
  void clear() {
    result_.reset();
    row_ = rows_ = 0;
  }

  bool next() override {
    if (row_ < rows_) ++row_;
    return row_ < rows_;
  }

  bool is_null(int col) const override { return !on_row(col) || PQgetisnull(result_.get(), row_, col); }

  // Integers come back as decimal text, booleans as "t"/"f"; NULL (and text that is not a number)
  // reads as 0, as SQLite's column_int64 does.
  int64_t int64(int col) const override {
    std::string_view s = text(col);
    if (s == "t" && PQftype(result_.get(), col) == kBoolOid) return 1;
    int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
  }

  std::string_view text(int col) const override {
    if (is_null(col)) return {};
    return std::string_view(PQgetvalue(result_.get(), row_, col),
                            static_cast<size_t>(PQgetlength(result_.get(), row_, col)));
  }

  // bytea comes back as text (`\x` and hex, or the older escape format if the server is set to
  // it): PQunescapeBytea reads both. The bytes live in a buffer per column, so views of two
  // columns of one row are valid together, as in SQLite.
  std::string_view blob(int col) const override {
    if (is_null(col)) return {};
    if (PQftype(result_.get(), col) != kByteaOid) return text(col);
    size_t n = 0;
    const char* escaped = PQgetvalue(result_.get(), row_, col);
    unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(escaped), &n);
    if (!raw) throw StoreFailure("postgres", std::string("store: cannot decode a bytea column in: ") + sql_);
    std::string& buffer = blobs_[static_cast<size_t>(col)];
    buffer.assign(reinterpret_cast<const char*>(raw), n);
    PQfreemem(raw);
    return buffer;
  }

 private:
  bool on_row(int col) const {
    return result_ && row_ >= 0 && row_ < rows_ && col >= 0 && col < PQnfields(result_.get());
  }

  const char* sql_;  // for messages
  ResultPtr result_;
  int row_ = 0, rows_ = 0;  // row_ is -1 before the first next() of a result
  mutable std::vector<std::string> blobs_;
};

// One prepared statement on the server. Parameters are kept as bytes in the statement until it
// executes; the whole result is fetched at once (libpq's default), which is what lets another
// statement run while this one's rows are still being read.
class PgPreparedStatement : public PreparedStatement {
 public:
  PgPreparedStatement(PostgresDb& db, const char* sql, std::string name, int params)
      : db_(db), sql_(sql), name_(std::move(name)), params_(params), values_(params), lengths_(params),
        formats_(params), rows_(sql) {}

  void bind_int64(int i, int64_t v) override {
    Param& p = param(i);
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
    p.bytes.assign(digits, end);
    p.null = p.binary = false;
  }
  // Text parameters travel as C strings (libpq ignores their length), and PostgreSQL text cannot
  // hold a NUL byte anyway: refused here rather than silently cut short.
  void bind_text(int i, std::string_view v) override {
    if (v.find('\0') != std::string_view::npos)
      throw StoreFailure("postgres", "store: parameter ?" + std::to_string(i) +
                                         " holds a NUL byte, which PostgreSQL text cannot store, in: " + sql_);
    Param& p = param(i);
    p.bytes.assign(v);
    p.null = p.binary = false;
  }
  void bind_blob(int i, std::string_view bytes) override {
    Param& p = param(i);
    p.bytes.assign(bytes);
    p.null = false;
    p.binary = true;  // raw bytes: bytea's binary format is the bytes themselves
  }
  void bind_null(int i) override { param(i).null = true; }

  bool next() override {
    if (!rows_.adopted()) execute();
    return rows_.next();
  }

  void send() override {
    if (!db_.pipelined()) return PreparedStatement::send();  // outside a write transaction: run now
    send_query();
    db_.queued(sql_, nullptr);
  }

  void send_then(RowsHandler on_rows) override {
    if (!db_.pipelined()) return PreparedStatement::send_then(std::move(on_rows));
    send_query();
    db_.queued(sql_, std::move(on_rows));
  }

  // A result read for this statement: by execute(), or by the db's await() in pipeline mode.
  void adopt(ResultPtr r) { rows_.adopt(std::move(r)); }

  bool is_null(int col) const override { return rows_.is_null(col); }
  int64_t int64(int col) const override { return rows_.int64(col); }
  std::string_view text(int col) const override { return rows_.text(col); }
  std::string_view blob(int col) const override { return rows_.blob(col); }

  void reset() override {
    rows_.clear();
    for (Param& p : params_) p.null = true;
  }

 private:
  struct Param {
    std::string bytes;
    bool null = true;  // an unbound parameter is NULL, as in SQLite
    bool binary = false;
  };

  Param& param(int i) {
    if (i < 1 || i > static_cast<int>(params_.size()))
      throw StoreFailure("postgres", "store: no parameter ?" + std::to_string(i) + " in: " + sql_);
    return params_[static_cast<size_t>(i - 1)];
  }

  void point_at_params() {
    for (size_t i = 0; i < params_.size(); ++i) {
      const Param& p = params_[i];
      values_[i] = p.null ? nullptr : p.bytes.c_str();
      lengths_[i] = static_cast<int>(p.bytes.size());
      formats_[i] = p.binary ? 1 : 0;
    }
  }

  // Pipeline mode: libpq copies the parameters into its output buffer here.
  void send_query() {
    point_at_params();
    if (PQsendQueryPrepared(db_.connection(), name_.c_str(), static_cast<int>(params_.size()), values_.data(),
                            lengths_.data(), formats_.data(), /*resultFormat=text*/ 0) != 1)
      db_.fail(nullptr, sql_);
  }

  void execute() {
    if (db_.pipelined()) {
      send_query();
      db_.queued(sql_, this);
      db_.await();  // adopts the result
      if (!rows_.adopted()) throw StoreFailure("postgres", std::string("store: no result from the server for: ") + sql_);
      return;
    }
    point_at_params();
    ResultPtr r(PQexecPrepared(db_.connection(), name_.c_str(), static_cast<int>(params_.size()), values_.data(),
                               lengths_.data(), formats_.data(), /*resultFormat=text*/ 0));
    if (!succeeded(r.get())) db_.fail(r.get(), sql_);
    if (int64_t n = changed_rows(r.get()); n >= 0) db_.set_changes(n);
    adopt(std::move(r));
  }

  PostgresDb& db_;
  const char* sql_;   // the portable text, for messages
  std::string name_;  // the server-side name
  std::vector<Param> params_;
  std::vector<const char*> values_;  // PQexecPrepared's arrays, kept to avoid allocating per run
  std::vector<int> lengths_, formats_;
  PgRows rows_;
};

std::string translate_parameters(const char* sql, int& params) {
  std::string out;
  out.reserve(std::strlen(sql));
  params = 0;
  char quote = 0;  // inside '...' or "..."; a doubled quote leaves and re-enters, which is right
  for (const char* p = sql; *p; ++p) {
    char c = *p;
    out += c;
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?' && p[1] >= '0' && p[1] <= '9') {
      out.back() = '$';
      int n = 0;
      for (; p[1] >= '0' && p[1] <= '9'; ++p) {
        out += p[1];
        n = std::min(n * 10 + (p[1] - '0'), 100000);  // past PostgreSQL's 65535: refused by it
      }
      params = std::max(params, n);
    }
  }
  return out;
}

std::unique_ptr<PostgresDb> PostgresDb::open(const std::string& url) {
  // Parsed first so that a malformed url is told apart, with libpq's complaint stripped of the
  // piece it quotes.
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &err);
  if (!options) {
    std::string why = err ? without_quoted(one_line(err)) : "out of memory";
    PQfreemem(err);
    throw StoreFailure("postgres", "store: the PostgreSQL url is not valid: " + why);
  }
  PQconninfoFree(options);
  // expand_dbname=1: `url` is expanded into its parts and the later keywords override it, so
  // the session is always UTF-8 (Salesforce text is) whatever the server's default.
  const char* keys[] = {"dbname", "client_encoding", "fallback_application_name", nullptr};
  const char* values[] = {url.c_str(), "UTF8", "sfsync", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  if (!conn) throw StoreFailure("postgres", "store: cannot connect to PostgreSQL: out of memory");
  std::unique_ptr<PostgresDb> db(new PostgresDb(conn));  // PQfinish even when it failed
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = redact(one_line(PQerrorMessage(conn)), PQpass(conn));
    const char* name = PQdb(conn);
    throw StoreFailure("postgres", "store: cannot connect to PostgreSQL at " + server_of(conn) + ", database \"" +
                                       (name ? name : "") + "\": " + why);
  }
  PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  return db;
}

PostgresDb::PostgresDb(PGconn* conn) : conn_(conn) {}

PostgresDb::~PostgresDb() {
  cache_.clear();
  PQfinish(conn_);
}

Statement PostgresDb::statement(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return Statement(*it->second);
  int params = 0;
  std::string text = translate_parameters(sql, params);
  std::string name = "s";  // (not "s" + to_string: GCC 12 -Wrestrict false positive)
  name += std::to_string(next_statement_++);
  // No parameter types: the server infers them (see postgres_db.h). A failed prepare is not
  // cached; the next use prepares again under a new name.
  if (pipelined_) {
    if (PQsendPrepare(conn_, name.c_str(), text.c_str(), 0, nullptr) != 1) fail(nullptr, sql);
    queued(sql, nullptr);
    await();
  } else {
    ResultPtr r(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
    if (!succeeded(r.get())) fail(r.get(), sql);
  }
  auto stmt = std::make_unique<PgPreparedStatement>(*this, sql, std::move(name), params);
  PreparedStatement& prepared = *stmt;
  cache_.emplace(sql, std::move(stmt));
  return Statement(prepared);
}

std::string PostgresDb::run(const char* sql) {
  ResultPtr r(PQexec(conn_, sql));
  if (!succeeded(r.get())) fail(r.get(), sql);
  if (int64_t n = changed_rows(r.get()); n >= 0) changes_ = n;
  return PQcmdStatus(r.get());
}

void PostgresDb::exec(const char* sql) {
  if (!pipelined_) {
    run(sql);
    return;
  }
  // A pipeline takes one statement at a time and `sql` may hold several (DDL): it runs outside.
  await();
  leave_pipeline();
  run(sql);
  enter_pipeline();
}

void PostgresDb::queued(const char* sql, PgPreparedStatement* wants) {
  queued_.push_back({sql, wants, nullptr});
  if (queued_.size() >= kMaxQueued && !wants) await();
}

void PostgresDb::queued(const char* sql, RowsHandler then) {
  queued_.push_back({sql, nullptr, std::move(then)});
  if (queued_.size() >= kMaxQueued) await();
}

// Results come in the order the statements were sent: each statement's results end with a null
// PGresult, statements after a failed one answer PGRES_PIPELINE_ABORTED, and the sync point's
// own result ends the lot. Everything is read before throwing, so the connection is ready again.
void PostgresDb::await() {
  std::vector<Queued> queued = std::move(queued_);
  queued_.clear();
  if (PQpipelineSync(conn_) != 1) fail(nullptr, "(a pipeline sync point)");
  std::optional<StoreFailure> first_failure;
  struct Answered {
    const char* sql;
    RowsHandler then;
    ResultPtr result;
  };
  std::vector<Answered> answered;
  size_t at = 0;
  for (;;) {
    PGresult* raw = PQgetResult(conn_);
    if (!raw) {
      if (PQstatus(conn_) == CONNECTION_BAD) {
        if (!first_failure) first_failure = failure(nullptr, "(reading pipelined results)");
        break;
      }
      ++at;  // the end of one statement's results
      continue;
    }
    ResultPtr r(raw);
    ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_PIPELINE_SYNC) break;
    if (status == PGRES_PIPELINE_ABORTED) continue;
    const char* sql = at < queued.size() ? queued[at].sql : "(pipeline)";
    if (!succeeded(raw)) {
      if (!first_failure) first_failure = failure(raw, sql);
      continue;
    }
    if (at < queued.size() && queued[at].wants) {
      if (int64_t n = changed_rows(raw); n >= 0) changes_ = n;
      queued[at].wants->adopt(std::move(r));
    } else if (at < queued.size() && queued[at].then) {
      answered.push_back({queued[at].sql, std::move(queued[at].then), std::move(r)});
    }
  }
  if (first_failure) throw *first_failure;
  // Handlers run once the connection is ready again: what they send queues for the next await().
  for (Answered& a : answered) {
    PgRows rows(a.sql);
    rows.adopt(std::move(a.result));
    a.then(rows);
  }
}

void PostgresDb::enter_pipeline() {
  if (PQenterPipelineMode(conn_) != 1) fail(nullptr, "(entering pipeline mode)");
  pipelined_ = true;
}

void PostgresDb::leave_pipeline() noexcept {
  if (pipelined_) PQexitPipelineMode(conn_);
  pipelined_ = false;
}

void PostgresDb::begin() {
  // PostgreSQL only warns about a BEGIN inside a transaction and carries on; SQLite refuses it,
  // and so does the store (it would be a bug: two pages in one transaction).
  if (PQtransactionStatus(conn_) != PQTRANS_IDLE && PQstatus(conn_) == CONNECTION_OK)
    throw StoreFailure("postgres", "store: BEGIN inside a transaction that is still open");
  // READ COMMITTED whatever the server's default: under REPEATABLE READ the snapshot would be
  // taken by the lock's own SELECT, before it waited, and the page would not see the pages
  // committed while it waited (the next profile id would be taken twice).
  run("BEGIN ISOLATION LEVEL READ COMMITTED");
  try {
    run(kWriterLock);  // waits for another writer's page to commit
    enter_pipeline();
  } catch (...) {
    rollback();  // Transaction's destructor does not run when its constructor throws
    throw;
  }
}

void PostgresDb::commit() {
  // After a failed statement PostgreSQL turns COMMIT into ROLLBACK and reports success with the
  // tag "ROLLBACK". SQLite would have committed the statements that succeeded; here nothing
  // was, which the caller must hear about.
  if (pipelined_) {
    // A queued statement's failure fails the commit (the caller rolls back); handlers may send
    // more statements, which are awaited in turn.
    do await(); while (!queued_.empty());
    leave_pipeline();
  }
  if (run("COMMIT") == "ROLLBACK")
    throw StoreFailure("postgres", "store: COMMIT was a ROLLBACK: a statement of the transaction had failed");
}

void PostgresDb::rollback() noexcept {
  if (pipelined_) {
    for (Queued& q : queued_) q.then = nullptr;  // a failed transaction's answers count for nothing
    try {
      await();  // reads what is still queued: pipeline mode is left only with nothing pending
    } catch (...) {
    }
    leave_pipeline();
  }
  PQclear(PQexec(conn_, "ROLLBACK"));
}

void PostgresDb::fail(const PGresult* res, const char* sql) const { throw failure(res, sql); }

StoreFailure PostgresDb::failure(const PGresult* res, const char* sql) const {
  // The server's primary message ("duplicate key value violates unique constraint ...") without
  // its "ERROR:" prefix and detail lines; libpq's own failures have only the full message.
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* full = res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
  std::string why = one_line(primary ? primary : full);
  if (why.empty()) why = "unknown error";
  if (PQstatus(conn_) == CONNECTION_BAD) {
    return StoreFailure("postgres", "store: lost the connection to PostgreSQL at " + server_of(conn_) + ": " + why);
  }
  return StoreFailure("postgres", "store: " + why + " in: " + sql);
}

}  // namespace sfsync::store
