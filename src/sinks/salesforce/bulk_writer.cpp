#include "sinks/salesforce/bulk_writer.h"

#include <simdjson.h>

#include <map>
#include <sstream>

#include "common/json_writer.h"
#include "common/csv_reader.h"

namespace sfsync {

namespace {

std::string csv_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// record_json() objects → CSV header + rows (cells as Salesforce expects: null clears with #N/A).
struct CsvUpload {
  std::string text;
  std::vector<std::string> columns;
  std::vector<std::string> row_keys;  // per record: its cells joined, to match result rows back
};

std::string cell_text(simdjson::dom::element v) {
  switch (v.type()) {
    case simdjson::dom::element_type::NULL_VALUE: return "#N/A";
    case simdjson::dom::element_type::BOOL: return bool(v) ? "true" : "false";
    case simdjson::dom::element_type::STRING: return std::string(std::string_view(v));
    default: return simdjson::minify(v);
  }
}

Result<CsvUpload> to_csv(const std::vector<std::string>& records) {
  CsvUpload up;
  simdjson::dom::parser parser;
  for (size_t i = 0; i < records.size(); ++i) {
    simdjson::dom::object obj;
    if (parser.parse(records[i]).get(obj)) return make_error("internal", "bad spooled record: " + records[i]);
    if (i == 0) {
      for (auto field : obj) up.columns.emplace_back(field.key);
      for (size_t c = 0; c < up.columns.size(); ++c) {
        if (c) up.text.push_back(',');
        up.text += csv_quoted(up.columns[c]);
      }
      up.text += "\n";
    }
    std::string line, key;
    size_t c = 0;
    for (auto field : obj) {
      std::string cell = cell_text(field.value);
      if (c++) line.push_back(',');
      line += csv_quoted(cell);
      key += cell;
      key.push_back('\x1f');
    }
    up.text += line + "\n";
    up.row_keys.push_back(std::move(key));
  }
  return up;
}

std::string job_body(const WriteTarget& target) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().member("object", target.object).member("operation", write_op_name(target.op));
  if (target.op == WriteOp::Upsert) w.member("externalIdFieldName", target.external_id_field);
  w.member("contentType", "CSV").member("lineEnding", "LF").end_object();
  return out;
}

// Reads one results file and fills the results of the rows it names.
Result<void> read_results(SalesforceClient& client, const std::string& path, bool successful, const CsvUpload& up,
                          std::multimap<std::string, size_t>& pending, std::vector<WriteResult>& results) {
  auto response = client.get(path, {"Accept: text/csv"});
  if (!response) return response.error();
  std::istringstream in(response->body);
  CsvReader reader(in, ',');
  std::vector<std::string> cells;
  bool header = true;
  for (;;) {
    auto more = reader.next(cells);
    if (!more) return more.error();
    if (!*more) return {};
    if (header) { header = false; continue; }
    if (cells.size() < 2 + up.columns.size()) continue;
    std::string key;
    for (size_t c = 2; c < cells.size(); ++c) key += cells[c] + '\x1f';
    auto it = pending.find(key);
    if (it == pending.end()) continue;
    WriteResult& r = results[it->second];
    pending.erase(it);
    if (successful) {
      r.success = true;
      r.id = cells[0];
      r.created = cells[1] == "true";
    } else {
      r = parse_bulk_error(cells[1]);
      r.id = cells[0];
    }
  }
}

}  // namespace

WriteResult parse_bulk_error(std::string_view text) {
  WriteResult r;
  std::string s(text);
  while (!s.empty() && (s.back() == '-' || s.back() == ' ')) s.pop_back();
  auto first = s.find(':');
  auto last = s.rfind(':');
  if (first == std::string::npos) {
    r.error_code = "UNKNOWN_EXCEPTION";
    r.message = s;
    return r;
  }
  r.error_code = s.substr(0, first);
  r.message = last > first ? s.substr(first + 1, last - first - 1) : s.substr(first + 1);
  if (last > first) {
    std::stringstream fields(s.substr(last + 1));
    for (std::string f; std::getline(fields, f, ',');)
      if (!f.empty()) r.fields.push_back(f);
  }
  return r;
}

Result<std::vector<WriteResult>> write_bulk(SalesforceClient& client, const WriteTarget& target,
                                            const std::vector<std::string>& records, const BulkPolling& polling) {
  if (records.empty()) return std::vector<WriteResult>{};
  auto upload = to_csv(records);
  if (!upload) return upload.error();
  auto created = client.call("POST", "jobs/ingest", job_body(target), {}, false);
  if (!created) return created.error();
  auto id = bulk_string_member(created->body, "id");
  if (!id) return id.error();
  std::string job = "jobs/ingest/" + *id;
  // A job takes one upload: a resend after a lost answer would fail or double the rows. The run
  // stops instead, and the rows stay pending for the next run's new job.
  if (auto r = client.call("PUT", job + "/batches", upload->text, {"Content-Type: text/csv"}, false); !r)
    return r.error();
  if (auto r = client.call("PATCH", job, "{\"state\":\"UploadComplete\"}"); !r) return r.error();
  if (auto r = wait_for_bulk_job(client, job, polling, "Bulk ingest job"); !r) return r.error();

  std::vector<WriteResult> results(records.size());
  std::multimap<std::string, size_t> pending;
  for (size_t i = 0; i < upload->row_keys.size(); ++i) pending.emplace(upload->row_keys[i], i);
  if (auto r = read_results(client, job + "/successfulResults", true, *upload, pending, results); !r) return r.error();
  if (auto r = read_results(client, job + "/failedResults", false, *upload, pending, results); !r) return r.error();
  for (const auto& [key, index] : pending) {
    results[index].error_code = "UNPROCESSED";
    results[index].message = "Salesforce did not process this row (job " + *id + ")";
  }
  return results;
}

}  // namespace sfsync
