// Describe over HTTP (shape, case-insensitive object names, 404, version list) and the rendered
// documents of the full standard catalog.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <set>

#include "emulator/org/custom_objects.h"
#include "emulator/org/describe_json.h"
#include "emulator/org/standard_objects.h"
#include "support/test_http.h"

using namespace testing_support;

namespace emu {
namespace {

// Keys the reference (§4) says every field entry always has.
const std::vector<std::string> kFieldKeys = {
    "name", "label", "type", "length", "byteLength", "precision", "scale", "digits", "nillable", "createable",
    "updateable", "filterable", "sortable", "groupable", "unique", "caseSensitive", "externalId", "idLookup",
    "calculated", "calculatedFormula", "defaultedOnCreate", "defaultValue", "defaultValueFormula", "autoNumber",
    "custom", "nameField", "namePointing", "htmlFormatted", "dependentPicklist", "controllerName",
    "restrictedPicklist", "picklistValues", "referenceTo", "relationshipName", "relationshipOrder", "soapType",
    "inlineHelpText", "deprecatedAndHidden", "writeRequiresMasterRead", "compoundFieldName"};
const std::vector<std::string> kObjectKeys = {
    "name", "label", "labelPlural", "keyPrefix", "custom", "createable", "updateable", "deletable", "queryable",
    "replicateable", "retrieveable", "searchable", "triggerable", "undeletable", "mergeable", "layoutable",
    "feedEnabled", "activateable", "customSetting", "deprecatedAndHidden", "urls", "fields", "childRelationships",
    "recordTypeInfos", "listviewable", "lookupLayoutable", "searchLayoutable"};
// Keys of childRelationships[] and recordTypeInfos[] entries (fixtures/sf-describe-sobject-trimmed.json).
const std::vector<std::string> kChildKeys = {"field", "deprecatedAndHidden", "relationshipName", "cascadeDelete",
                                             "childSObject"};
const std::vector<std::string> kRecordTypeKeys = {"name", "available", "recordTypeId", "defaultRecordTypeMapping"};

std::set<std::string> keys_of(simdjson::dom::object o) {
  std::set<std::string> out;
  for (auto [k, v] : o) out.insert(std::string(k));
  return out;
}

void expect_keys(simdjson::dom::object o, const std::vector<std::string>& wanted, const std::string& what) {
  auto have = keys_of(o);
  for (const auto& k : wanted) EXPECT_TRUE(have.count(k)) << what << " lacks " << k;
}

simdjson::dom::object field_named(simdjson::dom::element describe, std::string_view name) {
  for (simdjson::dom::element f : describe["fields"].get_array())
    if (std::string_view(f["name"]) == name) return f.get_object();
  ADD_FAILURE() << "no field " << name;
  return describe.get_object();
}

TEST(DescribeApi, VersionListNeedsNoSession) {
  InProcessEmulator e;
  auto r = http("GET", e.url() + "/services/data/");
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::parser p;
  simdjson::dom::array versions = p.parse(r.body).get_array();
  ASSERT_EQ(versions.size(), 7u);
  simdjson::dom::element last = versions.at(6);
  EXPECT_EQ(std::string_view(last["version"]), "63.0");
  EXPECT_EQ(std::string_view(last["url"]), "/services/data/v63.0");
  EXPECT_EQ(std::string_view(last["label"]), "Spring '25");
  EXPECT_EQ(std::string_view(versions.at(0)["version"]), "57.0");
  EXPECT_TRUE(r.header("sforce-limit-info").empty());
  EXPECT_EQ(e.emulator().context().counters.snapshot()["versions"], 1);
}

TEST(DescribeApi, VersionResourcesNeedASession) {
  InProcessEmulator e;
  auto r = e.get("/services/data/v62.0/");
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::parser p;
  simdjson::dom::element doc = p.parse(r.body);
  EXPECT_EQ(std::string_view(doc["sobjects"]), "/services/data/v62.0/sobjects");
  EXPECT_EQ(std::string_view(doc["query"]), "/services/data/v62.0/query");
  EXPECT_EQ(http("GET", e.url() + "/services/data/v62.0").status, 401);
}

TEST(DescribeApi, GlobalDescribeListsObjectsWithUrls) {
  InProcessEmulator e;
  auto r = e.get("/services/data/v60.0/sobjects");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.header("sforce-limit-info").empty());
  simdjson::dom::parser p;
  simdjson::dom::element doc = p.parse(r.body);
  EXPECT_EQ(std::string_view(doc["encoding"]), "UTF-8");
  EXPECT_EQ(int64_t(doc["maxBatchSize"]), 200);
  bool found = false;
  for (simdjson::dom::element o : doc["sobjects"].get_array()) {
    expect_keys(o.get_object(), {"name", "label", "labelPlural", "keyPrefix", "custom", "queryable", "replicateable",
                                 "retrieveable", "createable", "updateable", "deletable", "urls"},
                std::string(std::string_view(o["name"])));
    if (std::string_view(o["name"]) != "Contact") continue;
    found = true;
    EXPECT_EQ(std::string_view(o["keyPrefix"]), "003");
    EXPECT_EQ(std::string_view(o["urls"]["sobject"]), "/services/data/v60.0/sobjects/Contact");
    EXPECT_EQ(std::string_view(o["urls"]["describe"]), "/services/data/v60.0/sobjects/Contact/describe");
    EXPECT_EQ(std::string_view(o["urls"]["rowTemplate"]), "/services/data/v60.0/sobjects/Contact/{ID}");
    EXPECT_TRUE(o["fields"].error());  // the global list has no fields
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(e.emulator().context().counters.snapshot()["describeGlobal"], 1);
}

TEST(DescribeApi, DescribeHasEveryKeyAndIsCaseInsensitive) {
  InProcessEmulator e;
  auto r = e.get("/services/data/v63.0/sobjects/contact/describe");
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::parser p;
  simdjson::dom::element doc = p.parse(r.body);
  expect_keys(doc.get_object(), kObjectKeys, "Contact");
  EXPECT_EQ(std::string_view(doc["name"]), "Contact");
  EXPECT_EQ(std::string_view(doc["keyPrefix"]), "003");
  EXPECT_EQ(std::string_view(doc["urls"]["describe"]), "/services/data/v63.0/sobjects/Contact/describe");
  EXPECT_EQ(std::string_view(doc["recordTypeInfos"].at(0)["recordTypeId"]), "012000000000000AAA");
  for (simdjson::dom::element f : doc["fields"].get_array())
    expect_keys(f.get_object(), kFieldKeys, std::string(std::string_view(f["name"])));
  simdjson::dom::object id = field_named(doc, "Id");
  EXPECT_EQ(std::string_view(id["type"]), "id");
  EXPECT_EQ(int64_t(id["length"]), 18);
  EXPECT_TRUE(bool(id["idLookup"]));
  EXPECT_FALSE(bool(id["createable"]));
  EXPECT_TRUE(bool(id["defaultedOnCreate"]));
  EXPECT_EQ(std::string_view(id["soapType"]), "tns:ID");
  EXPECT_TRUE(id["relationshipName"].is_null());

  // Cached: the same document again, and the counter counts both calls.
  auto again = e.get("/services/data/v63.0/sobjects/CONTACT/describe/");
  EXPECT_EQ(again.body, r.body);
  EXPECT_EQ(e.emulator().context().counters.snapshot()["describe"], 2);
}

TEST(DescribeApi, UnknownObjectIsNotFound) {
  InProcessEmulator e;
  for (const char* path : {"/services/data/v63.0/sobjects/Contat/describe", "/services/data/v63.0/sobjects/Contat"}) {
    auto r = e.get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body, R"([{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}])");
  }
}

TEST(DescribeApi, BasicInfoHasObjectDescribeAndRecentItems) {
  InProcessEmulator e;
  auto r = e.get("/services/data/v63.0/sobjects/Account");
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::parser p;
  simdjson::dom::element doc = p.parse(r.body);
  EXPECT_EQ(std::string_view(doc["objectDescribe"]["name"]), "Account");
  EXPECT_EQ(std::string_view(doc["objectDescribe"]["urls"]["rowTemplate"]),
            "/services/data/v63.0/sobjects/Account/{ID}");
  EXPECT_TRUE(doc["recentItems"].is_array());
  EXPECT_EQ(e.emulator().context().counters.snapshot()["sobjectBasic"], 1);
}

TEST(DescribeApi, NeedsASession) {
  InProcessEmulator e;
  auto r = http("GET", e.url() + "/services/data/v63.0/sobjects/Contact/describe");
  EXPECT_EQ(r.status, 401);
}

// The full standard catalog, rendered directly (the HTTP tests above use whatever catalog the
// emulator was started with).
class DescribeJson : public ::testing::Test {
 protected:
  void SetUp() override {
    add_standard_objects(catalog_);
    ASSERT_TRUE(add_custom_objects_from_yaml_text(catalog_, R"(
custom_objects:
  - name: Invoice__c
    label: Invoice
    fields:
      - {name: Contact__c, type: reference, reference_to: Contact}
      - {name: Paid__c, type: checkbox}
)").ok());
  }
  simdjson::dom::element describe(const char* object) {
    json_ = object_describe_json(catalog_, *catalog_.find(object), "63.0", "http://127.0.0.1:1");
    return parser_.parse(json_);
  }
  Catalog catalog_;
  simdjson::dom::parser parser_;
  std::string json_;
};

TEST_F(DescribeJson, EveryObjectHasEveryKey) {
  for (const auto& o : catalog_.objects()) {
    simdjson::dom::element doc = describe(o->name.c_str());
    expect_keys(doc.get_object(), kObjectKeys, o->name);
    for (simdjson::dom::element f : doc["fields"].get_array())
      expect_keys(f.get_object(), kFieldKeys, o->name + "." + std::string(std::string_view(f["name"])));
    for (simdjson::dom::element r : doc["childRelationships"].get_array())
      expect_keys(r.get_object(), kChildKeys, o->name + " child relationship");
    for (simdjson::dom::element r : doc["recordTypeInfos"].get_array())
      expect_keys(r.get_object(), kRecordTypeKeys, o->name + " record type");
  }
}

TEST_F(DescribeJson, ContactFieldsLookReal) {
  simdjson::dom::element doc = describe("Contact");
  auto last = field_named(doc, "LastName");
  EXPECT_FALSE(bool(last["nillable"]));
  EXPECT_TRUE(bool(last["createable"]));
  EXPECT_FALSE(bool(last["defaultedOnCreate"]));
  EXPECT_EQ(int64_t(last["byteLength"]), 240);
  auto owner = field_named(doc, "OwnerId");
  EXPECT_EQ(std::string_view(owner["relationshipName"]), "Owner");
  EXPECT_TRUE(bool(owner["namePointing"]));
  EXPECT_EQ(owner["referenceTo"].get_array().size(), 2u);
  auto mailing = field_named(doc, "MailingAddress");
  EXPECT_EQ(std::string_view(mailing["type"]), "address");
  EXPECT_EQ(std::string_view(mailing["soapType"]), "urn:address");
  EXPECT_EQ(std::string_view(field_named(doc, "MailingCity")["compoundFieldName"]), "MailingAddress");
  auto source = field_named(doc, "LeadSource");
  EXPECT_EQ(std::string_view(source["picklistValues"].at(0)["value"]), "Web");
  EXPECT_TRUE(source["picklistValues"].at(0)["validFor"].is_null());
  EXPECT_EQ(std::string_view(field_named(doc, "Email")["type"]), "email");
  EXPECT_EQ(std::string_view(field_named(doc, "Description")["extraTypeInfo"]), "plaintextarea");
  std::set<std::string> children;
  for (simdjson::dom::element r : doc["childRelationships"].get_array())
    if (!r["relationshipName"].is_null()) children.insert(std::string(std::string_view(r["relationshipName"])));
  EXPECT_TRUE(children.count("Invoices__r"));
  EXPECT_TRUE(children.count("Tasks"));
  EXPECT_TRUE(children.count("Cases"));
}

TEST_F(DescribeJson, CustomObjectAndFields) {
  simdjson::dom::element doc = describe("invoice__c");
  EXPECT_TRUE(bool(doc["custom"]));
  EXPECT_EQ(std::string_view(doc["keyPrefix"]), "a00");
  EXPECT_EQ(std::string_view(doc["urls"]["uiNewRecord"]), "http://127.0.0.1:1/a00/e");
  auto contact = field_named(doc, "Contact__c");
  EXPECT_TRUE(bool(contact["custom"]));
  EXPECT_EQ(std::string_view(contact["relationshipName"]), "Contact__r");
  EXPECT_FALSE(bool(contact["namePointing"]));
  EXPECT_FALSE(bool(field_named(doc, "Paid__c")["defaultValue"]));
  EXPECT_TRUE(field_named(doc, "Name")["defaultValue"].is_null());
}

TEST_F(DescribeJson, GlobalDescribeIsSortedByName) {
  std::string json = global_describe_json(catalog_, "63.0");
  simdjson::dom::element doc = parser_.parse(json);
  std::vector<std::string> names;
  for (simdjson::dom::element o : doc["sobjects"].get_array()) names.emplace_back(std::string_view(o["name"]));
  EXPECT_EQ(names.size(), catalog_.objects().size());
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
}

}  // namespace
}  // namespace emu
