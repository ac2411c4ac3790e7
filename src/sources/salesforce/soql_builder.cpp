#include "sources/salesforce/soql_builder.h"

#include "common/time_util.h"

namespace sfsync {

std::string soql_datetime(int64_t ms) { return format_iso_datetime_z(ms); }

std::string soql_string(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

namespace {

// The cursor's conditions: where the read starts and where it ends.
void cursor_conditions(const ObjectQuery& q, std::vector<std::string>& conditions) {
  const std::string& c = q.cursor_field;
  const Cursor& after = q.after;
  if (after.by_id) {
    if (!after.id.empty()) conditions.push_back("Id > " + soql_string(after.id));
    conditions.push_back(c + " <= " + soql_datetime(after.stamp_ms));
    return;
  }
  if (q.incremental && !after.empty()) {
    std::string ts = soql_datetime(after.stamp_ms);
    if (after.id.empty()) {
      conditions.push_back(c + " > " + ts);  // everything up to ts was read
    } else {
      conditions.push_back("(" + c + " > " + ts + " OR (" + c + " = " + ts + " AND Id > " + soql_string(after.id) +
                           "))");
    }
  }
  if (q.upper_ms > 0) conditions.push_back(c + " <= " + soql_datetime(q.upper_ms));
}

}  // namespace

std::string build_object_soql(const ObjectQuery& q) {
  std::string soql = "SELECT ";
  for (size_t i = 0; i < q.fields.size(); ++i) soql += (i ? ", " : "") + q.fields[i];
  soql += " FROM " + q.object;
  std::vector<std::string> conditions;
  if (!q.filter.empty()) conditions.push_back("(" + q.filter + ")");
  if (!q.cursor_field.empty()) cursor_conditions(q, conditions);
  for (size_t i = 0; i < conditions.size(); ++i) soql += (i ? " AND " : " WHERE ") + conditions[i];
  if (q.cursor_field.empty()) return soql;
  return soql + (q.after.by_id ? " ORDER BY Id ASC" : " ORDER BY " + q.cursor_field + " ASC, Id ASC");
}

std::string build_id_lookup_soql(const std::string& object, const std::vector<std::string>& fields,
                                 const std::vector<std::string>& ids) {
  ObjectQuery q;
  q.object = object;
  q.fields = fields;
  std::string in;
  for (const std::string& id : ids) in += (in.empty() ? "" : ", ") + soql_string(id);
  q.filter = "Id IN (" + in + ")";
  return build_object_soql(q);
}

std::string expand_custom_soql(const std::string& soql, int64_t last_sync_ms) {
  static const std::string kPlaceholder = "{lastSyncTime}";
  std::string out = soql;
  std::string literal = soql_datetime(last_sync_ms);
  for (size_t pos = out.find(kPlaceholder); pos != std::string::npos; pos = out.find(kPlaceholder, pos))
    out.replace(pos, kPlaceholder.size(), literal);
  return out;
}

}  // namespace sfsync
