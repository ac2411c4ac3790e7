#include "emulator/sfmc/rowset_response.h"

#include <cstdio>

#include "common/json_writer.h"
#include "common/time_util.h"

namespace emu {
namespace {

using sfsync::JsonWriter;

std::string token_link(const std::string& token, int64_t page) {
  return "/v1/customobjectdata/token/" + token + "/rowset?$page=" + std::to_string(page);
}

// keys = primary-key fields, values = the others; names lower-cased as the platform sends them.
void write_item(JsonWriter& w, const DataExtensionDef& de, const DeRow& row) {
  w.begin_object().key("keys").begin_object();
  for (size_t i = 0; i < de.fields.size(); ++i) {
    if (de.fields[i].is_primary_key) w.member(to_lower(de.fields[i].name), format_de_value(de.fields[i], row[i]));
  }
  w.end_object().key("values").begin_object();
  for (size_t i = 0; i < de.fields.size(); ++i) {
    if (!de.fields[i].is_primary_key) w.member(to_lower(de.fields[i].name), format_de_value(de.fields[i], row[i]));
  }
  w.end_object().end_object();
}

void write_field(JsonWriter& w, const DeField& f, size_t ordinal) {
  w.begin_object().member("name", f.name).member("type", de_field_type_name(f.type));
  if (f.length > 0) w.member("length", f.length);
  if (f.type == DeFieldType::Decimal) w.member("scale", f.scale);
  w.member("ordinal", int64_t(ordinal))
      .member("isNullable", f.is_nullable)
      .member("isPrimaryKey", f.is_primary_key)
      .member("isTemplateField", false)
      .member("isInheritable", true)
      .member("isOverridable", true)
      .member("isHidden", false)
      .member("isReadOnly", false)
      .member("mustOverride", false)
      .end_object();
}

void write_fields(JsonWriter& w, const DataExtensionDef& de) {
  w.key("fields").begin_array();
  for (size_t i = 0; i < de.fields.size(); ++i) write_field(w, de.fields[i], i + 1);
  w.end_array();
}

}  // namespace

std::string format_token_expiry(int64_t epoch_ms) {
  std::string iso = sfsync::format_iso_datetime_z(epoch_ms);  // 2021-07-11T20:11:29.590Z
  iso.pop_back();
  while (iso.back() == '0') iso.pop_back();
  if (iso.back() == '.') iso.pop_back();
  return iso;
}

std::string render_rowset_page(const RowsetPage& p) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("links").begin_object().member("self", token_link(p.request_token, p.page));
  if (p.page * p.page_size < p.count) w.member("next", token_link(p.request_token, p.page + 1));
  w.end_object()
      .member("requestToken", p.request_token)
      .member("tokenExpireDateUtc", format_token_expiry(p.token_expires_ms))
      .member("customObjectId", p.de->id)
      .member("customObjectKey", p.de->key)
      .member("pageSize", p.page_size)
      .member("page", p.page)
      .member("count", p.count)
      .member("top", 0);
  if (!p.rows.empty()) {
    w.key("items").begin_array();
    for (const auto& row : p.rows) write_item(w, *p.de, row);
    w.end_array();
  }
  w.end_object();
  return out;
}

std::string render_custom_object(const DataExtensionDef& de, int64_t row_count, bool with_fields) {
  std::string out;
  JsonWriter w(out);
  w.begin_object()
      .member("id", de.id)
      .member("name", de.name)
      .member("key", de.key)
      .member("description", "")
      .member("isActive", true)
      .member("isSendable", false)
      .member("isTestable", false)
      .member("categoryId", 0)
      .member("ownerId", 0)
      .member("rowCount", row_count)
      .member("fieldCount", int64_t(de.fields.size()));
  if (with_fields) write_fields(w, de);
  w.end_object();
  return out;
}

std::string render_custom_object_fields(const DataExtensionDef& de) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().member("id", de.id);
  write_fields(w, de);
  w.end_object();
  return out;
}

std::string render_custom_object_list(const std::vector<std::pair<const DataExtensionDef*, int64_t>>& matches,
                                      int64_t page, int64_t page_size) {
  std::string out;
  JsonWriter w(out);
  w.begin_object()
      .member("count", int64_t(matches.size()))
      .member("page", page)
      .member("pageSize", page_size)
      .key("links")
      .begin_object()
      .end_object()
      .key("items")
      .begin_array();
  const size_t first = size_t((page - 1) * page_size);
  for (size_t i = first; i < matches.size() && i < first + size_t(page_size); ++i) {
    w.raw(render_custom_object(*matches[i].first, matches[i].second, false));
  }
  w.end_array().end_object();
  return out;
}

}  // namespace emu
