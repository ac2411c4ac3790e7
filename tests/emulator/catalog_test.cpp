// Catalog invariants: the standard objects look like a real org's Describe.
#include <gtest/gtest.h>

#include <set>

#include "emulator/org/child_relationships.h"
#include "emulator/org/custom_objects.h"
#include "emulator/org/standard_objects.h"

namespace emu {
namespace {

Catalog standard() {
  Catalog c;
  add_standard_objects(c);
  return c;
}

// What the sync engine's reverse ETL treats as required on create.
std::set<std::string> required_fields(const ObjectSchema& o) {
  std::set<std::string> out;
  for (const auto& f : o.fields)
    if (f.createable && !f.nillable && !f.defaulted_on_create) out.insert(f.name);
  return out;
}

TEST(CatalogStandard, HasTheObjectsWithRealKeyPrefixes) {
  Catalog c = standard();
  const std::map<std::string, std::string> prefixes = {
      {"Account", "001"}, {"Contact", "003"}, {"Lead", "00Q"}, {"Opportunity", "006"}, {"Case", "500"},
      {"Campaign", "701"}, {"Task", "00T"}, {"Event", "00U"}, {"CampaignMember", "00v"}, {"User", "005"},
      {"Group", "00G"}, {"Product2", "01t"}, {"Pricebook2", "01s"}, {"Asset", "02i"}, {"Contract", "800"},
      {"Order", "801"}, {"Quote", "0Q0"}, {"OpportunityLineItem", "00k"}, {"ServiceAppointment", "08p"}};
  for (const auto& [name, prefix] : prefixes) {
    const ObjectSchema* o = c.find(name);
    ASSERT_NE(o, nullptr) << name;
    EXPECT_EQ(o->key_prefix, prefix) << name;
    EXPECT_EQ(c.find_by_prefix(prefix), o);
  }
  std::set<std::string> seen;
  for (const auto& o : c.objects()) EXPECT_TRUE(seen.insert(o->key_prefix).second) << o->name;
}

TEST(CatalogStandard, EveryObjectHasSystemFields) {
  Catalog c = standard();
  for (const auto& o : c.objects()) {
    const FieldSchema* id = o->field("Id");
    ASSERT_NE(id, nullptr) << o->name;
    EXPECT_EQ(id->type, FieldType::Id);
    EXPECT_TRUE(id->id_lookup);
    EXPECT_FALSE(id->createable);
    EXPECT_TRUE(id->defaulted_on_create);
    const FieldSchema* deleted = o->field("IsDeleted");
    ASSERT_NE(deleted, nullptr) << o->name;
    EXPECT_EQ(deleted->type, FieldType::Boolean);
    EXPECT_FALSE(deleted->createable);
    for (const char* name : {"CreatedDate", "LastModifiedDate", "SystemModstamp"}) {
      const FieldSchema* f = o->field(name);
      ASSERT_NE(f, nullptr) << o->name << "." << name;
      EXPECT_EQ(f->type, FieldType::DateTime);
      EXPECT_FALSE(f->createable);
      EXPECT_FALSE(f->updateable);
      EXPECT_TRUE(f->defaulted_on_create);
    }
    for (const char* name : {"CreatedById", "LastModifiedById"}) {
      const FieldSchema* f = o->field(name);
      ASSERT_NE(f, nullptr) << o->name << "." << name;
      EXPECT_EQ(f->reference_to, std::vector<std::string>{"User"});
    }
    if (const FieldSchema* owner = o->field("OwnerId")) {
      EXPECT_EQ(owner->reference_to, (std::vector<std::string>{"Group", "User"})) << o->name;
      EXPECT_EQ(owner->relationship_name, "Owner");
    }
  }
}

TEST(CatalogStandard, ReferencesPointToExistingObjectsAndRelationshipNamesAreUnique) {
  Catalog c = standard();
  for (const auto& o : c.objects()) {
    std::set<std::string> rel_names, field_names;
    for (const auto& f : o->fields) {
      EXPECT_TRUE(field_names.insert(to_lower(f.name)).second) << o->name << "." << f.name;
      if (!f.compound_field_name.empty()) {
        const FieldSchema* compound = o->field(f.compound_field_name);
        ASSERT_NE(compound, nullptr) << o->name << "." << f.name;
        EXPECT_EQ(compound->type, FieldType::Address);
      }
      if (f.type != FieldType::Reference) continue;
      EXPECT_FALSE(f.reference_to.empty()) << o->name << "." << f.name;
      for (const auto& target : f.reference_to) EXPECT_NE(c.find(target), nullptr) << o->name << "." << f.name;
      if (!f.relationship_name.empty()) {
        EXPECT_TRUE(rel_names.insert(to_lower(f.relationship_name)).second) << o->name << "." << f.name;
      }
    }
  }
}

TEST(CatalogStandard, RequiredFieldsMatchSalesforce) {
  Catalog c = standard();
  EXPECT_EQ(required_fields(*c.find("Contact")), std::set<std::string>{"LastName"});
  EXPECT_EQ(required_fields(*c.find("Lead")), (std::set<std::string>{"LastName", "Company"}));
  EXPECT_EQ(required_fields(*c.find("Account")), std::set<std::string>{"Name"});
  EXPECT_EQ(required_fields(*c.find("Opportunity")), (std::set<std::string>{"Name", "StageName", "CloseDate"}));
  EXPECT_EQ(required_fields(*c.find("Case")), std::set<std::string>{});
  EXPECT_EQ(required_fields(*c.find("Task")), std::set<std::string>{});
  EXPECT_EQ(required_fields(*c.find("Campaign")), std::set<std::string>{"Name"});
  EXPECT_EQ(required_fields(*c.find("CampaignMember")), std::set<std::string>{"CampaignId"});
}

TEST(CatalogStandard, ContactFieldsAreDescribeAccurate) {
  Catalog c = standard();
  const ObjectSchema& contact = *c.find("contact");
  const FieldSchema* name = contact.field("Name");
  ASSERT_NE(name, nullptr);
  EXPECT_TRUE(name->calculated);
  EXPECT_FALSE(name->createable);
  EXPECT_TRUE(name->name_field);
  EXPECT_EQ(contact.field("Email")->type, FieldType::Email);
  EXPECT_TRUE(contact.field("Email")->id_lookup);
  EXPECT_EQ(contact.field("MobilePhone")->type, FieldType::Phone);
  EXPECT_EQ(contact.relationship("Account"), contact.field("AccountId"));
  EXPECT_EQ(contact.relationship("ReportsTo")->reference_to, std::vector<std::string>{"Contact"});
  EXPECT_EQ(contact.field("MailingAddress")->type, FieldType::Address);
  EXPECT_FALSE(contact.field("MailingAddress")->stored());
  auto components = contact.components("MailingAddress");
  ASSERT_EQ(components.size(), 8u);
  EXPECT_EQ(components.front()->name, "MailingStreet");
  EXPECT_EQ(contact.field("Description")->length, 32000);
  EXPECT_FALSE(contact.field("Description")->filterable);
  EXPECT_EQ(contact.field("LeadSource")->type, FieldType::Picklist);
  EXPECT_FALSE(contact.field("LeadSource")->picklist_values.empty());
  EXPECT_FALSE(contact.field("HasOptedOutOfEmail")->nillable);
}

TEST(CatalogStandard, ActivitiesArePolymorphic) {
  Catalog c = standard();
  const ObjectSchema& task = *c.find("Task");
  EXPECT_EQ(task.relationship("Who")->reference_to, (std::vector<std::string>{"Contact", "Lead"}));
  const auto& what = task.relationship("What")->reference_to;
  EXPECT_NE(std::find(what.begin(), what.end(), "Opportunity"), what.end());
  EXPECT_NE(c.find("Event")->field("DurationInMinutes"), nullptr);
  EXPECT_TRUE(c.find("Case")->field("CaseNumber")->auto_number);
  EXPECT_FALSE(c.find("Case")->field("CaseNumber")->createable);
  EXPECT_FALSE(c.find("Opportunity")->field("IsWon")->createable);
}

TEST(CatalogStandard, ChildRelationshipsAreNamedLikeSalesforce) {
  Catalog c = standard();
  auto account = child_relationships(c, *c.find("Account"));
  for (const char* name : {"Contacts", "Opportunities", "Cases", "ChildAccounts", "Tasks", "Assets"}) {
    const ChildRelationship* r = find_child_relationship(account, name);
    ASSERT_NE(r, nullptr) << name;
  }
  EXPECT_EQ(find_child_relationship(account, "contacts")->field->name, "AccountId");
  EXPECT_EQ(find_child_relationship(account, "ChildAccounts")->child->name, "Account");
  auto opp = child_relationships(c, *c.find("Opportunity"));
  const ChildRelationship* items = find_child_relationship(opp, "OpportunityLineItems");
  ASSERT_NE(items, nullptr);
  EXPECT_TRUE(items->cascade_delete);
  auto contact = child_relationships(c, *c.find("Contact"));
  EXPECT_EQ(find_child_relationship(contact, "Tasks")->field->name, "WhoId");
  EXPECT_NE(find_child_relationship(contact, "CampaignMembers"), nullptr);
  std::set<std::string> names;
  for (const auto& r : account) {
    if (!r.relationship_name.empty()) {
      EXPECT_TRUE(names.insert(r.relationship_name).second) << r.relationship_name;
    }
  }
}

constexpr const char* kCustomYaml = R"(
custom_objects:
  - name: Invoice__c
    label: Invoice
    fields:
      - {name: Amount__c, type: currency, precision: 18, scale: 2}
      - {name: Contact__c, type: reference, reference_to: Contact}
      - {name: External_Id__c, type: string, length: 64, external_id: true, unique: true}
      - {name: Line__c, type: lookup, reference_to: [Invoice_Line__c]}
  - name: Invoice_Line__c
    fields:
      - {name: Quantity__c, type: number, precision: 10, scale: 0, required: true}
custom_fields:
  Contact:
    - {name: Loyalty_Tier__c, type: picklist, values: [Gold, Silver], default: Silver}
    - {name: Notes__c, type: longtextarea}
data_extensions:
  - {key: Subscribers, fields: [{name: Email, type: EmailAddress}]}
)";

TEST(CatalogCustom, YamlAddsObjectsAndFields) {
  Catalog c = standard();
  auto r = add_custom_objects_from_yaml_text(c, kCustomYaml);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const ObjectSchema* invoice = c.find("invoice__C");
  ASSERT_NE(invoice, nullptr);
  EXPECT_TRUE(invoice->custom);
  EXPECT_EQ(invoice->key_prefix, "a00");
  EXPECT_EQ(c.find("Invoice_Line__c")->key_prefix, "a01");
  EXPECT_EQ(c.find("Invoice_Line__c")->label, "Invoice Line");
  for (const char* system : {"Id", "IsDeleted", "Name", "OwnerId", "CreatedDate", "CreatedById", "LastModifiedDate",
                             "LastModifiedById", "SystemModstamp"})
    EXPECT_NE(invoice->field(system), nullptr) << system;
  EXPECT_TRUE(invoice->field("Name")->name_field);
  EXPECT_EQ(invoice->field("Name")->length, 80);
  EXPECT_FALSE(invoice->field("Name")->custom);
  const FieldSchema* amount = invoice->field("Amount__c");
  EXPECT_EQ(amount->type, FieldType::Currency);
  EXPECT_EQ(amount->precision, 18);
  EXPECT_EQ(amount->scale, 2);
  EXPECT_TRUE(amount->custom);
  EXPECT_EQ(invoice->relationship("Contact__r"), invoice->field("Contact__c"));
  EXPECT_EQ(invoice->relationship("Line__r")->reference_to, std::vector<std::string>{"Invoice_Line__c"});
  const FieldSchema* ext = invoice->field("External_Id__c");
  EXPECT_TRUE(ext->external_id && ext->unique && ext->id_lookup);
  EXPECT_EQ(ext->length, 64);
  EXPECT_EQ(required_fields(*c.find("Invoice_Line__c")), std::set<std::string>{"Quantity__c"});

  const FieldSchema* tier = c.find("Contact")->field("Loyalty_Tier__c");
  ASSERT_NE(tier, nullptr);
  EXPECT_TRUE(tier->custom);
  ASSERT_EQ(tier->picklist_values.size(), 2u);
  EXPECT_TRUE(tier->picklist_values[1].default_value);
  EXPECT_TRUE(tier->defaulted_on_create);
  EXPECT_FALSE(c.find("Contact")->field("Notes__c")->filterable);

  auto children = child_relationships(c, *c.find("Contact"));
  const ChildRelationship* invoices = find_child_relationship(children, "Invoices__r");
  ASSERT_NE(invoices, nullptr);
  EXPECT_EQ(invoices->field->name, "Contact__c");
}

void expect_bad(const std::string& yaml, const std::string& message_part) {
  Catalog c = standard();
  auto r = add_custom_objects_from_yaml_text(c, yaml, "test.yaml");
  ASSERT_FALSE(r.ok()) << yaml;
  EXPECT_EQ(r.error().code, "bad_config");
  EXPECT_NE(r.error().message.find(message_part), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.rfind("test.yaml", 0), 0u) << r.error().message;
}

TEST(CatalogCustom, BadYamlNamesTheProblem) {
  expect_bad("custom_objects: [ {name: Foo__c, fields: [ {name: A__c, type: wat} ] } ]", "unknown type 'wat'");
  expect_bad("custom_objects: [ {name: Foo, fields: []} ]", "must end in __c");
  expect_bad("custom_objects: [ {label: Foo} ]", "missing 'name'");
  expect_bad("custom_objects: [ {name: Foo__c, fields: [ {name: Bar, type: string} ] } ]", "ending in __c");
  expect_bad("custom_objects: [ {name: Foo__c, fields: [ {name: R__c, type: reference, reference_to: Nope__c} ] } ]",
             "reference_to 'Nope__c'");
  expect_bad("custom_objects: [ {name: Foo__c, fields: [ {name: P__c, type: picklist} ] } ]", "needs 'values'");
  expect_bad("custom_fields: {Nope: [ {name: A__c, type: string} ]}", "no object named 'Nope'");
  expect_bad("custom_fields: {Contact: [ {name: A__c, type: string}, {name: a__c, type: int} ]}", "already exists");
  expect_bad("custom_objects: [ {name: Foo__c, fields: [ {name: A__c, type: string, length: x} ] } ]",
             "'length' must be a number");
  expect_bad("custom_objects: [ {name: Foo__c\n", "invalid YAML");
  expect_bad("custom_objects: {name: Foo__c}", "must be a list");
  expect_bad("custom_objects: [ {name: Foo__c, fields: [ {name: A__c, type: string, lenght: 5} ] } ]",
             "unknown key 'lenght'");
  expect_bad("custom_objects: [ {name: Foo__c, feilds: []} ]", "unknown key 'feilds'");
}

TEST(CatalogCustom, MissingFileIsAnError) {
  Catalog c;
  auto r = add_custom_objects_from_yaml(c, "/nonexistent/emulator.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("/nonexistent/emulator.yaml"), std::string::npos);
}

}  // namespace
}  // namespace emu
