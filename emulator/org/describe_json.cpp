#include "emulator/org/describe_json.h"

#include <algorithm>
#include <functional>

#include "common/json_writer.h"
#include "emulator/org/child_relationships.h"

namespace emu {
namespace {

using sfsync::JsonWriter;

constexpr const char* kMasterRecordTypeId = "012000000000000AAA";

void text_or_null(JsonWriter& w, std::string_view key, std::string_view value) {
  w.key(key);
  if (value.empty()) w.null();
  else w.value(value);
}

void string_array(JsonWriter& w, std::string_view key, const std::vector<std::string>& values) {
  w.key(key).begin_array();
  for (const auto& v : values) w.value(v);
  w.end_array();
}

bool has_length(FieldType t) { return is_text_type(t) || t == FieldType::Time; }

int field_length(const FieldSchema& f) {
  if (f.type == FieldType::Id || f.type == FieldType::Reference) return 18;
  return has_length(f.type) ? f.length : 0;
}

// Salesforce counts 3 bytes per character for text (UTF-8 worst case).
int byte_length(const FieldSchema& f) {
  if (f.type == FieldType::Id || f.type == FieldType::Reference) return 18;
  return has_length(f.type) ? f.length * 3 : 0;
}

std::string_view extra_type_info(const FieldSchema& f) {
  if (f.type == FieldType::TextArea) return "plaintextarea";
  if (f.name == "PhotoUrl") return "imageurl";
  if (f.name_field && f.calculated && f.type == FieldType::String) return "personname";
  return {};
}

// Fields whose access an admin can grant or revoke (everything a profile can hide).
bool permissionable(const FieldSchema& f) {
  return f.nillable && f.type != FieldType::Id && (f.createable || f.updateable || f.calculated);
}

void write_picklist_values(JsonWriter& w, const FieldSchema& f) {
  w.key("picklistValues").begin_array();
  for (const auto& p : f.picklist_values) {
    w.begin_object()
        .member("active", p.active)
        .member("defaultValue", p.default_value)
        .member("label", p.label)
        .null_member("validFor")
        .member("value", p.value)
        .end_object();
  }
  w.end_array();
}

void write_field(JsonWriter& w, const FieldSchema& f) {
  bool polymorphic = f.reference_to.size() > 1;
  w.begin_object()
      .member("aggregatable", f.filterable && f.type != FieldType::Boolean)
      .member("aiPredictionField", false)
      .member("autoNumber", f.auto_number)
      .member("byteLength", byte_length(f))
      .member("calculated", f.calculated)
      .null_member("calculatedFormula")
      .member("cascadeDelete", false)
      .member("caseSensitive", f.case_sensitive);
  text_or_null(w, "compoundFieldName", f.compound_field_name);
  w.null_member("controllerName")
      .member("createable", f.createable)
      .member("custom", f.custom);
  w.key("defaultValue");
  if (f.custom && f.type == FieldType::Boolean) w.value(false);
  else w.null();
  w.null_member("defaultValueFormula")
      .member("defaultedOnCreate", f.defaulted_on_create)
      .member("dependentPicklist", false)
      .member("deprecatedAndHidden", false)
      .member("digits", f.type == FieldType::Int ? f.digits : 0)
      .member("displayLocationInDecimal", false)
      .member("encrypted", false)
      .member("externalId", f.external_id);
  text_or_null(w, "extraTypeInfo", extra_type_info(f));
  w.member("filterable", f.filterable)
      .null_member("filteredLookupInfo")
      .member("formulaTreatNullNumberAsZero", false)
      .member("groupable", f.groupable)
      .member("highScaleNumber", false)
      .member("htmlFormatted", false)
      .member("idLookup", f.id_lookup)
      .null_member("inlineHelpText")
      .member("label", f.label)
      .member("length", field_length(f))
      .null_member("mask")
      .null_member("maskType")
      .member("name", f.name)
      .member("nameField", f.name_field)
      .member("namePointing", polymorphic)
      .member("nillable", f.nillable)
      .member("permissionable", permissionable(f));
  write_picklist_values(w, f);
  w.member("polymorphicForeignKey", polymorphic)
      .member("precision", f.precision)
      .member("queryByDistance", false)
      .null_member("referenceTargetField");
  string_array(w, "referenceTo", f.reference_to);
  text_or_null(w, "relationshipName", f.relationship_name);
  w.null_member("relationshipOrder")
      .member("restrictedDelete", false)
      .member("restrictedPicklist", false)
      .member("scale", f.scale)
      .member("searchPrefilterable", f.type == FieldType::Reference)
      .member("soapType", soap_type(f.type))
      .member("sortable", f.sortable)
      .member("type", type_name(f.type))
      .member("unique", f.unique)
      .member("updateable", f.updateable)
      .member("writeRequiresMasterRead", false)
      .end_object();
}

// Objects that are central enough to have Chatter feeds and duplicate merge in a standard org.
bool feed_enabled(const ObjectSchema& o) {
  static const char* kFeeds[] = {"Account", "Contact", "Lead", "Opportunity", "Case", "Campaign", "User",
                                 "Asset", "Contract", "Order", "Product2", "Quote", "ServiceAppointment"};
  return std::any_of(std::begin(kFeeds), std::end(kFeeds), [&](const char* n) { return o.name == n; });
}

bool mergeable(const ObjectSchema& o) {
  return o.name == "Account" || o.name == "Contact" || o.name == "Lead" || o.name == "Case";
}

std::string sobject_url(const ObjectSchema& o, std::string_view version) {
  return "/services/data/v" + std::string(version) + "/sobjects/" + o.name;
}

// The object-level flags shared by the global describe entry and the full describe, in key order.
// `extra` writes the keys that only the full describe has, at their alphabetical positions.
void write_object_flags(JsonWriter& w, const ObjectSchema& o, const std::function<void(std::string_view)>& extra) {
  extra("actionOverrides");
  w.member("activateable", false).null_member("associateEntityType").null_member("associateParentEntity");
  extra("childRelationships");
  extra("compactLayoutable");
  w.member("createable", o.createable).member("custom", o.custom).member("customSetting", false);
  extra("dataTranslationEnabled");
  w.member("deepCloneable", false).member("deletable", o.deletable).member("deprecatedAndHidden", false);
  extra("extendedBy");
  w.member("feedEnabled", feed_enabled(o));
  extra("fields");
  w.member("hasSubtypes", false);
  extra("implementedBy");
  w.member("isInterface", false).member("isSubtype", false).member("keyPrefix", o.key_prefix)
      .member("label", o.label).member("labelPlural", o.label_plural).member("layoutable", true);
  extra("listviewable");
  extra("lookupLayoutable");
  w.member("mergeable", mergeable(o)).member("mruEnabled", o.queryable).member("name", o.name);
  extra("namedLayoutInfos");
  extra("networkScopeFieldName");
  w.member("queryable", o.queryable);
  extra("recordTypeInfos");
  w.member("replicateable", o.replicateable).member("retrieveable", true);
  extra("searchLayoutable");
  w.member("searchable", o.searchable);
  extra("sobjectDescribeOption");
  extra("supportedScopes");
  w.member("triggerable", true).member("undeletable", o.deletable).member("updateable", o.updateable);
}

void write_summary_urls(JsonWriter& w, const ObjectSchema& o, std::string_view version) {
  std::string base = sobject_url(o, version);
  w.key("urls").begin_object()
      .member("rowTemplate", base + "/{ID}")
      .member("describe", base + "/describe")
      .member("sobject", base)
      .end_object();
}

void write_summary(JsonWriter& w, const ObjectSchema& o, std::string_view version) {
  w.begin_object();
  write_object_flags(w, o, [](std::string_view) {});
  write_summary_urls(w, o, version);
  w.end_object();
}

void write_child_relationships(JsonWriter& w, const Catalog& catalog, const ObjectSchema& o) {
  w.key("childRelationships").begin_array();
  for (const auto& r : child_relationships(catalog, o)) {
    w.begin_object()
        .member("cascadeDelete", r.cascade_delete)
        .member("childSObject", r.child->name)
        .member("deprecatedAndHidden", false)
        .member("field", r.field->name)
        .key("junctionIdListNames").begin_array().end_array()
        .key("junctionReferenceTo").begin_array().end_array();
    text_or_null(w, "relationshipName", r.relationship_name);
    w.member("restrictedDelete", false).end_object();
  }
  w.end_array();
}

void write_record_types(JsonWriter& w, const ObjectSchema& o, std::string_view version) {
  w.key("recordTypeInfos").begin_array().begin_object()
      .member("active", true)
      .member("available", true)
      .member("defaultRecordTypeMapping", true)
      .member("developerName", "Master")
      .member("master", true)
      .member("name", "Master")
      .member("recordTypeId", kMasterRecordTypeId)
      .key("urls").begin_object()
      .member("layout", sobject_url(o, version) + "/describe/layouts/" + kMasterRecordTypeId)
      .end_object()
      .end_object().end_array();
}

void write_full_urls(JsonWriter& w, const ObjectSchema& o, std::string_view version, std::string_view base_url) {
  std::string base = sobject_url(o, version);
  std::string ui(base_url);
  w.key("urls").begin_object()
      .member("compactLayouts", base + "/describe/compactLayouts")
      .member("rowTemplate", base + "/{ID}")
      .member("approvalLayouts", base + "/describe/approvalLayouts")
      .member("uiDetailTemplate", ui + "/{ID}")
      .member("uiEditTemplate", ui + "/{ID}/e")
      .member("defaultValues", base + "/defaultValues?recordTypeId&fields")
      .member("listviews", base + "/listviews")
      .member("describe", base + "/describe")
      .member("uiNewRecord", ui + "/" + o.key_prefix + "/e")
      .member("quickActions", base + "/quickActions")
      .member("layouts", base + "/describe/layouts")
      .member("sobject", base)
      .end_object();
}

}  // namespace

std::string global_describe_json(const Catalog& catalog, std::string_view api_version) {
  std::vector<const ObjectSchema*> objects;
  for (const auto& o : catalog.objects()) objects.push_back(o.get());
  std::sort(objects.begin(), objects.end(),
            [](const ObjectSchema* a, const ObjectSchema* b) { return a->name < b->name; });
  std::string out;
  JsonWriter w(out);
  w.begin_object().member("encoding", "UTF-8").member("maxBatchSize", 200).key("sobjects").begin_array();
  for (const ObjectSchema* o : objects) write_summary(w, *o, api_version);
  w.end_array().end_object();
  return out;
}

std::string object_summary_json(const ObjectSchema& object, std::string_view api_version) {
  std::string out;
  JsonWriter w(out);
  write_summary(w, object, api_version);
  return out;
}

std::string object_describe_json(const Catalog& catalog, const ObjectSchema& o, std::string_view api_version,
                                 std::string_view base_url) {
  std::string out;
  out.reserve(2048 + o.fields.size() * 1100);
  JsonWriter w(out);
  w.begin_object();
  write_object_flags(w, o, [&](std::string_view key) {
    if (key == "actionOverrides" || key == "namedLayoutInfos") w.key(key).begin_array().end_array();
    else if (key == "childRelationships") write_child_relationships(w, catalog, o);
    else if (key == "compactLayoutable" || key == "searchLayoutable") w.member(key, true);
    else if (key == "dataTranslationEnabled") w.member(key, false);
    else if (key == "extendedBy" || key == "implementedBy") w.null_member(key);
    else if (key == "listviewable" || key == "lookupLayoutable" || key == "networkScopeFieldName") w.null_member(key);
    else if (key == "recordTypeInfos") write_record_types(w, o, api_version);
    else if (key == "sobjectDescribeOption") w.member(key, "FULL");
    else if (key == "supportedScopes")
      w.key(key).begin_array().begin_object().member("label", "All " + to_lower(o.label_plural))
          .member("name", "everything").end_object().end_array();
    else if (key == "fields") {
      w.key("fields").begin_array();
      for (const auto& f : o.fields) write_field(w, f);
      w.end_array();
    }
  });
  write_full_urls(w, o, api_version, base_url);
  w.end_object();
  return out;
}

std::string versions_json() {
  static const std::pair<const char*, const char*> kVersions[] = {
      {"57.0", "Spring '23"}, {"58.0", "Summer '23"}, {"59.0", "Winter '24"}, {"60.0", "Spring '24"},
      {"61.0", "Summer '24"}, {"62.0", "Winter '25"}, {"63.0", "Spring '25"}};
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  for (const auto& [version, label] : kVersions)
    w.begin_object()
        .member("label", label)
        .member("url", std::string("/services/data/v") + version)
        .member("version", version)
        .end_object();
  w.end_array();
  return out;
}

}  // namespace emu
