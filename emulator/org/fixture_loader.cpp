#include "emulator/org/fixture_loader.h"

#include <simdjson.h>

#include <filesystem>
#include <map>

#include "common/time_util.h"
#include "emulator/org/sfid.h"

namespace emu {
namespace {

namespace fs = std::filesystem;

struct BadFixture {
  std::string problem;
};

std::string element_text(const simdjson::dom::element& v) {
  switch (v.type()) {
    case simdjson::dom::element_type::STRING: return std::string(std::string_view(v));
    case simdjson::dom::element_type::INT64: return std::to_string(int64_t(v));
    case simdjson::dom::element_type::UINT64: return std::to_string(uint64_t(v));
    case simdjson::dom::element_type::DOUBLE: return std::to_string(double(v));
    case simdjson::dom::element_type::BOOL: return bool(v) ? "true" : "false";
    default: throw BadFixture{"expected a single value"};
  }
}

double element_number(const simdjson::dom::element& v) {
  switch (v.type()) {
    case simdjson::dom::element_type::INT64: return static_cast<double>(int64_t(v));
    case simdjson::dom::element_type::UINT64: return static_cast<double>(uint64_t(v));
    case simdjson::dom::element_type::DOUBLE: return double(v);
    case simdjson::dom::element_type::STRING: {
      std::string s = element_text(v);
      try {
        return std::stod(s);
      } catch (const std::exception&) {
        throw BadFixture{"'" + s + "' is not a number"};
      }
    }
    default: throw BadFixture{"expected a number"};
  }
}

// The stored form of a JSON value for `field`.
FieldValue to_value(const FieldSchema& field, const simdjson::dom::element& v) {
  if (v.is_null()) return {};
  switch (field.type) {
    case FieldType::Boolean:
      if (v.is_bool()) return bool(v);
      if (element_text(v) == "true") return true;
      if (element_text(v) == "false") return false;
      throw BadFixture{"expected true or false"};
    case FieldType::Int: return static_cast<int64_t>(element_number(v));
    case FieldType::Double:
    case FieldType::Currency:
    case FieldType::Percent: return element_number(v);
    case FieldType::DateTime: {
      if (v.is_int64()) return int64_t(v);  // epoch ms
      auto ms = sfsync::parse_iso_datetime(element_text(v), true);
      if (!ms) throw BadFixture{"'" + element_text(v) + "' is not a datetime"};
      return *ms;
    }
    case FieldType::Date: {
      std::string s = element_text(v);
      if (!sfsync::parse_date(s)) throw BadFixture{"'" + s + "' is not a date (YYYY-MM-DD)"};
      return s;
    }
    case FieldType::Id:
    case FieldType::Reference: {
      std::string s = element_text(v);
      auto id = normalize_sfid(s);
      if (!id) throw BadFixture{"'" + s + "' is not a Salesforce id"};
      return *id;
    }
    default: return element_text(v);
  }
}

// {"street": ..., "city": ...} onto the compound field's components (MailingStreet, MailingCity, ...).
void add_compound(const ObjectSchema& object, const FieldSchema& compound, const simdjson::dom::element& v,
                  std::vector<FieldAssignment>& out) {
  if (v.is_null()) return;
  if (!v.is_object()) throw BadFixture{compound.name + " must be an object"};
  // "MailingAddress" -> "Mailing"
  std::string prefix = compound.name.substr(0, compound.name.size() - std::string_view("Address").size());
  for (auto [key, value] : simdjson::dom::object(v)) {
    const FieldSchema* component = object.field(prefix + std::string(key));
    if (!component || !iequals(component->compound_field_name, compound.name))
      throw BadFixture{compound.name + " has no component '" + std::string(key) + "'"};
    out.push_back({component, to_value(*component, value)});
  }
}

std::vector<FieldAssignment> record_values(const ObjectSchema& object, const simdjson::dom::element& record) {
  if (!record.is_object()) throw BadFixture{"a record must be a JSON object"};
  std::vector<FieldAssignment> out;
  for (auto [key, value] : simdjson::dom::object(record)) {
    if (key == "attributes") continue;
    const FieldSchema* field = object.field(key);
    // Query responses carry related records ("Account": {...}, "Contacts": {"records": [...]}):
    // they belong to other objects' files, so they are skipped here.
    if (!field && (value.is_object() || value.is_null()) && object.relationship(key)) continue;
    if (!field && value.is_object() && !value["records"].error()) continue;
    if (!field) throw BadFixture{"no field '" + std::string(key) + "' on " + object.name};
    try {
      if (field->stored()) out.push_back({field, to_value(*field, value)});
      else add_compound(object, *field, value, out);
    } catch (const BadFixture& e) {
      throw BadFixture{field->name + ": " + e.problem};
    }
  }
  return out;
}

// Moves the object's id counter past a fixture id made the way make_sfid makes them
// (prefix + "5g0" + 9 base-62 digits); other ids cannot collide with generated ones.
Result<void> reserve_fixture_id(sqlite3* db, const ObjectSchema& object, const std::string& id) {
  static constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  if (id.compare(0, 3, object.key_prefix) != 0 || id.compare(3, 3, "5g0") != 0) return {};
  int64_t counter = 0;
  for (size_t i = 6; i < 15; ++i) counter = counter * 62 + static_cast<int64_t>(kBase62.find(id[i]));
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO id_counters(prefix, next) VALUES(?1, ?2) "
                     "ON CONFLICT(prefix) DO UPDATE SET next = max(next, ?2)",
                     -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, object.key_prefix.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(stmt, 2, counter);
  int rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return sfsync::make_error("DB_ERROR", std::string("id counter: ") + sqlite3_errmsg(db));
  return {};
}

Result<void> load_file(OrgStore& store, const ObjectSchema& object, const fs::path& file, int64_t now_ms) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.load(file.string()).get(doc))
    return sfsync::make_error("bad_fixture", file.string() + ": invalid JSON: " + simdjson::error_message(err));
  simdjson::dom::array records;
  if (doc.is_object() && doc["records"].is_array()) records = doc["records"].get_array();
  else if (doc.is_array()) records = doc.get_array();
  else return sfsync::make_error("bad_fixture", file.string() + ": expected an array of records");
  size_t index = 0;
  for (simdjson::dom::element record : records) {
    std::string where = file.string() + ": record " + std::to_string(index++);
    std::vector<FieldAssignment> values;
    try {
      values = record_values(object, record);
    } catch (const BadFixture& e) {
      return sfsync::make_error("bad_fixture", where + ": " + e.problem);
    }
    for (const auto& a : values)
      if (a.field->type == FieldType::Id)
        if (auto r = reserve_fixture_id(store.writer_db(), object, std::get<std::string>(a.value)); !r) return r;
    if (auto r = store.insert(object, values, now_ms); !r)
      return sfsync::make_error("bad_fixture", where + ": " + r.error().message);
  }
  return {};
}

}  // namespace

sfsync::Result<void> load_fixtures(OrgStore& store, const std::string& dir, int64_t now_ms) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return sfsync::make_error("bad_fixture", "fixtures directory not found: " + dir);
  std::map<const ObjectSchema*, fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    std::string name = entry.path().stem().string();
    const ObjectSchema* object = store.catalog().find(name);
    if (!object)
      return sfsync::make_error("bad_fixture", entry.path().string() + ": no object named '" + name + "' in this org");
    files[object] = entry.path();
  }
  return store.transaction([&]() -> Result<void> {
    for (const auto& object : store.catalog().objects()) {
      auto it = files.find(object.get());
      if (it == files.end()) continue;
      if (auto r = load_file(store, *object, it->second, now_ms); !r) return r;
    }
    return {};
  });
}

}  // namespace emu
