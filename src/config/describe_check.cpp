#include "config/describe_check.h"

#include <regex>
#include <vector>

#include "common/time_util.h"
#include "config/suggest.h"
#include "mapping/template.h"

namespace sfsync {
namespace {

struct FieldUse {
  std::string path;
  Location loc;
  std::string where;  // key path for the message: "attributes[2].field"
  const FilterRule* rule = nullptr;  // set for filter rules: their values are checked too
};

class UseCollector {
 public:
  explicit UseCollector(const SyncConfig& s) : s_(s) {}

  std::vector<FieldUse> collect() {
    for (const auto& f : s_.fields) add(f, s_.loc, "fields");
    for (size_t i = 0; i < s_.identifiers.size(); ++i) {
      const auto& id = s_.identifiers[i];
      std::string at = "identifiers[" + std::to_string(i) + "]";
      add(id.field, id.loc, at + ".field");
      add_template(id.template_text, id.loc, at + ".template");
    }
    add_mappings(s_.attributes, "attributes");
    add(s_.event.name_field, s_.event.loc, "event.name_field");
    add(s_.event.timestamp_field, s_.event.loc, "event.timestamp.field");
    add(s_.event.when_changed, s_.event.loc, "event.when_changed");
    add_mappings(s_.event.parameters, "event.parameters");
    add_template(s_.object_target.id_template, s_.object_target.loc, "object.id_template");
    add_template(s_.relationship.object_id_template, s_.relationship.loc, "relationship.object_id_template");
    add_mappings(s_.relationship.attributes, "relationship.attributes");
    for (size_t i = 0; i < s_.filter.rules.size(); ++i) {
      add(s_.filter.rules[i].field, s_.filter.rules[i].loc, "filter.rules[" + std::to_string(i) + "]");
      uses_.back().rule = &s_.filter.rules[i];
    }
    return std::move(uses_);
  }

 private:
  void add(const std::string& path, const Location& loc, std::string where) {
    if (!path.empty()) uses_.push_back({path, loc, std::move(where)});
  }
  void add_template(const std::string& text, const Location& loc, const std::string& where) {
    if (text.empty()) return;
    auto t = Template::compile(text, s_.object);
    if (!t.ok()) return;  // syntax was checked when the config was loaded
    for (const auto& f : t->fields()) add(f, loc, where + " \"" + text + "\"");
  }
  void add_mappings(const std::vector<FieldMapping>& mappings, const std::string& key) {
    for (size_t i = 0; i < mappings.size(); ++i)
      add(mappings[i].field, mappings[i].loc, key + "[" + std::to_string(i) + "].field");
  }

  const SyncConfig& s_;
  std::vector<FieldUse> uses_;
};

std::string nearest_hint(const std::string& name, const std::vector<std::string>& candidates) {
  auto near = closest_names(name, candidates, 3);
  return near.empty() ? std::string() : " (nearest: " + quoted_list(near) + ")";
}

Error describe_error(const SyncConfig& s, const FieldUse& use, const std::string& message) {
  Location loc = use.loc.line > 0 ? use.loc : s.loc;
  return make_error("bad_config", loc.str() + ": sync \"" + s.name + "\": " + use.where + ": " + message);
}

// Walks `Account.Owner.Email` through the relationships; returns an error message or "".
std::string check_path(const std::string& path, const FieldCatalog& root, std::optional<std::string>* type_out) {
  const FieldCatalog* cat = &root;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string seg = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (dot == std::string::npos) {
      auto type = cat->field_type(seg);
      if (!type) return "unknown field \"" + seg + "\" on " + cat->object_name() + nearest_hint(seg, cat->field_names());
      if (type_out) *type_out = type;
      return "";
    }
    if (!cat->has_relationship(seg))
      return "unknown relationship \"" + seg + "\" on " + cat->object_name() +
             nearest_hint(seg, cat->relationship_names()) + "; parent paths use relationship names (Account.Name)";
    cat = cat->relationship(seg);
    if (cat == nullptr) return "";  // parent not described: nothing more to check
    start = dot + 1;
  }
}

bool is_time_type(const std::string& t) { return t == "datetime" || t == "date"; }
bool is_number_type(const std::string& t) {
  return t == "int" || t == "long" || t == "double" || t == "currency" || t == "percent";
}
bool is_text_type(const std::string& t) { return !is_number_type(t) && !is_time_type(t) && t != "boolean"; }

// SOQL date literals: TODAY, LAST_N_DAYS:30, THIS_FISCAL_QUARTER, ...
bool is_date_literal(const std::string& v) {
  static const std::regex kLiteral(R"([A-Z_]+(:[0-9]+)?)");
  return std::regex_match(v, kLiteral);
}

// A rule's values must suit its field's type; returns the problem or "".
std::string check_rule_values(const FilterRule& rule, const std::string& type) {
  const std::string op(filter_op_name(rule.op));
  if (rule.op == FilterOp::Like && !is_text_type(type)) return "op like needs a text field; " + rule.field + " is " + type;
  if (type == "boolean" && rule.op != FilterOp::Eq && rule.op != FilterOp::Neq && rule.op != FilterOp::IsNull &&
      rule.op != FilterOp::NotNull)
    return "op " + op + " does not apply to the boolean field " + rule.field + " (use eq or neq)";
  static const std::regex kNumber(R"(-?[0-9]+(\.[0-9]+)?)");
  for (const auto& v : rule.values) {
    bool ok = true;
    if (type == "boolean") ok = v == "true" || v == "false";
    else if (is_number_type(type)) ok = std::regex_match(v, kNumber);
    else if (type == "date") ok = parse_date(v).has_value() || is_date_literal(v);
    else if (type == "datetime") ok = parse_iso_datetime(v).has_value() || parse_date(v).has_value() || is_date_literal(v);
    if (!ok)
      return "value \"" + v + "\" does not fit the " + type + " field " + rule.field +
             (is_time_type(type) ? " (write 2024-01-31, 2024-01-31T00:00:00Z or a literal such as LAST_N_DAYS:30)" : "");
  }
  return "";
}

Result<void> check_data_extension(const SyncConfig& s, const FieldCatalog& catalog) {
  const auto& de = s.data_extension;
  if (s.fetch_mode != FetchMode::Incremental) return {};
  auto type = catalog.field_type(de.modified_field);
  if (!type)
    return make_error("bad_config", s.loc.str() + ": sync \"" + s.name + "\": source.modified_field: Data Extension \"" +
                                        de.key + "\" has no column \"" + de.modified_field +
                                        "\"; incremental syncs need one (set modified_field to its date column, or "
                                        "fetch_mode: full)" + nearest_hint(de.modified_field, catalog.field_names()));
  if (!is_time_type(*type))
    return make_error("bad_config", s.loc.str() + ": sync \"" + s.name + "\": source.modified_field: column \"" +
                                        de.modified_field + "\" is " + *type + ", not a date (use a date column or fetch_mode: full)");
  return {};
}

}  // namespace

Result<void> validate_against_describe(const SyncConfig& sync, const FieldCatalog& catalog) {
  if (sync.is_push()) return {};  // the push engine checks its own destination fields
  for (const FieldUse& use : UseCollector(sync).collect()) {
    std::optional<std::string> type;
    std::string problem = check_path(use.path, catalog, &type);
    if (!problem.empty()) return describe_error(sync, use, problem);
    if (use.rule != nullptr && type) {
      if (std::string bad = check_rule_values(*use.rule, *type); !bad.empty()) return describe_error(sync, use, bad);
    }
    if (use.path == sync.event.timestamp_field && type && !is_time_type(*type))
      return describe_error(sync, use, "\"" + use.path + "\" is a " + *type +
                                           " field; an event timestamp needs a date or datetime field");
  }
  if (sync.source_kind == SourceKind::DataExtension) return check_data_extension(sync, catalog);
  return {};
}

}  // namespace sfsync
