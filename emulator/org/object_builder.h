// Small fluent builders for Catalog metadata, so that the standard objects read like a table of
// fields instead of pages of struct assignments, and custom objects from YAML share the same rules.
//
// Each field factory sets the flags Salesforce's Describe reports for that kind of field (booleans
// are never null and default to false; long text areas cannot be filtered; numbers cannot be
// grouped, ...). Modifiers then state what is particular about a field:
//   b.add(text("LastName", "Last Name", 80).required());
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "emulator/org/schema.h"

namespace emu {

// A FieldSchema under construction.
class Field {
 public:
  Field(std::string name, std::string label, FieldType type);

  // nillable false, not defaulted: callers must send it on create (Describe's "required").
  Field& required();
  // nillable false but the org fills it (picklists with a default, booleans, OwnerId).
  Field& not_null_defaulted();
  Field& defaulted();
  // System-maintained: neither createable nor updateable.
  Field& read_only();
  // Settable on create only (master-detail parents, CampaignMember.CampaignId).
  Field& create_only();
  // Formula/rollup or derived by the org: read only, calculated.
  Field& calculated();
  Field& id_lookup();
  Field& external_id();  // also idLookup, as Salesforce reports external ids
  Field& unique();
  Field& name_field();
  // Auto-number (CaseNumber): read only, idLookup, defaulted, never null.
  Field& auto_number();
  Field& references(std::vector<std::string> targets, std::string relationship_name);
  Field& values(std::initializer_list<const char*> picklist, const char* default_value = nullptr);
  Field& values(const std::vector<std::string>& picklist, const std::string& default_value = "");
  Field& compound(std::string compound_field_name);
  Field& custom();
  Field& length(int n);
  Field& number(int precision, int scale);
  Field& digits(int n);
  // Long text: SOQL cannot filter, sort or group on it.
  Field& not_filterable();

  const FieldSchema& schema() const { return f_; }

 private:
  FieldSchema f_;
};

Field text(std::string name, std::string label, int length);
Field textarea(std::string name, std::string label, int length);
Field email(std::string name, std::string label);   // length 80
Field phone(std::string name, std::string label);   // length 40
Field url(std::string name, std::string label);     // length 255
Field picklist(std::string name, std::string label, std::initializer_list<const char*> values,
               const char* default_value = nullptr);
Field multipicklist(std::string name, std::string label, std::initializer_list<const char*> values);
Field combobox(std::string name, std::string label, std::initializer_list<const char*> values);
Field boolean(std::string name, std::string label);  // never null, defaults to false
Field integer(std::string name, std::string label, int digits = 8);
Field decimal(std::string name, std::string label, int precision, int scale);
Field currency(std::string name, std::string label, int precision = 18, int scale = 2);
Field percent(std::string name, std::string label, int precision = 3, int scale = 0);
Field date(std::string name, std::string label);
Field datetime(std::string name, std::string label);
Field time_of_day(std::string name, std::string label);
// A lookup; relationship_name is how SOQL walks it ("Account" for AccountId).
Field lookup(std::string name, std::string label, std::vector<std::string> targets,
             std::string relationship_name);

// An ObjectSchema under construction. The constructor adds Id and IsDeleted, which every object has.
class ObjectBuilder {
 public:
  ObjectBuilder(std::string name, std::string label, std::string label_plural, std::string key_prefix);

  ObjectBuilder& add(const Field& field);
  // OwnerId -> [Group, User], relationship Owner; set by the org when not given.
  ObjectBuilder& owner();
  // CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp.
  ObjectBuilder& audit();
  // <prefix>Street/City/State/PostalCode/Country/Latitude/Longitude/GeocodeAccuracy and the
  // compound <prefix>Address (Lead/ServiceAppointment use the empty prefix).
  ObjectBuilder& address(const std::string& prefix, const std::string& label_prefix);
  // LastViewedDate / LastReferencedDate, which every "recently viewed" object has.
  ObjectBuilder& recently_viewed();
  ObjectBuilder& custom();
  // Object-level flags (Describe's createable, updateable, deletable).
  ObjectBuilder& read_only_object();

  ObjectSchema& schema() { return o_; }
  ObjectSchema build() { return std::move(o_); }

 private:
  ObjectSchema o_;
};

}  // namespace emu
