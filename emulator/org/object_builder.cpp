#include "emulator/org/object_builder.h"

namespace emu {

Field::Field(std::string name, std::string label, FieldType type) {
  f_.name = std::move(name);
  f_.label = std::move(label);
  f_.type = type;
  switch (type) {
    case FieldType::Double:
    case FieldType::Currency:
    case FieldType::Percent:
    case FieldType::DateTime:
    case FieldType::Time:
    case FieldType::MultiPicklist:
      f_.groupable = false;  // Salesforce cannot GROUP BY these
      break;
    case FieldType::Address:
    case FieldType::Location:
      f_.filterable = f_.sortable = f_.groupable = false;
      f_.createable = f_.updateable = false;  // written through the components
      break;
    case FieldType::Boolean:
      f_.nillable = false;
      f_.defaulted_on_create = true;
      break;
    default:
      break;
  }
}

Field& Field::required() {
  f_.nillable = false;
  f_.defaulted_on_create = false;
  return *this;
}

Field& Field::not_null_defaulted() {
  f_.nillable = false;
  f_.defaulted_on_create = true;
  return *this;
}

Field& Field::defaulted() {
  f_.defaulted_on_create = true;
  return *this;
}

Field& Field::read_only() {
  f_.createable = false;
  f_.updateable = false;
  return *this;
}

Field& Field::create_only() {
  f_.updateable = false;
  return *this;
}

Field& Field::calculated() {
  read_only();
  f_.calculated = true;
  return *this;
}

Field& Field::id_lookup() {
  f_.id_lookup = true;
  return *this;
}

Field& Field::external_id() {
  f_.external_id = true;
  f_.id_lookup = true;
  return *this;
}

Field& Field::unique() {
  f_.unique = true;
  return *this;
}

Field& Field::name_field() {
  f_.name_field = true;
  return *this;
}

Field& Field::auto_number() {
  read_only();
  f_.auto_number = true;
  f_.id_lookup = true;
  f_.nillable = false;
  f_.defaulted_on_create = true;
  return *this;
}

Field& Field::references(std::vector<std::string> targets, std::string relationship_name) {
  f_.reference_to = std::move(targets);
  f_.relationship_name = std::move(relationship_name);
  return *this;
}

Field& Field::values(std::initializer_list<const char*> picklist, const char* default_value) {
  std::vector<std::string> v(picklist.begin(), picklist.end());
  return values(v, default_value ? std::string(default_value) : std::string());
}

Field& Field::values(const std::vector<std::string>& picklist, const std::string& default_value) {
  f_.picklist_values.clear();
  for (const auto& v : picklist) {
    PicklistValue p;
    p.value = v;
    p.label = v;
    p.default_value = !default_value.empty() && v == default_value;
    f_.picklist_values.push_back(std::move(p));
  }
  if (!default_value.empty()) f_.defaulted_on_create = true;
  return *this;
}

Field& Field::compound(std::string compound_field_name) {
  f_.compound_field_name = std::move(compound_field_name);
  return *this;
}

Field& Field::custom() {
  f_.custom = true;
  return *this;
}

Field& Field::length(int n) {
  f_.length = n;
  return *this;
}

Field& Field::number(int precision, int scale) {
  f_.precision = precision;
  f_.scale = scale;
  return *this;
}

Field& Field::digits(int n) {
  f_.digits = n;
  return *this;
}

Field& Field::not_filterable() {
  f_.filterable = f_.sortable = f_.groupable = false;
  return *this;
}

Field text(std::string name, std::string label, int length) {
  return Field(std::move(name), std::move(label), FieldType::String).length(length);
}

Field textarea(std::string name, std::string label, int length) {
  Field f(std::move(name), std::move(label), FieldType::TextArea);
  f.length(length);
  // Long text areas (over 255) cannot be filtered, sorted or grouped in SOQL.
  if (length > 255) f.not_filterable();
  return f;
}

Field email(std::string name, std::string label) {
  return Field(std::move(name), std::move(label), FieldType::Email).length(80);
}

Field phone(std::string name, std::string label) {
  return Field(std::move(name), std::move(label), FieldType::Phone).length(40);
}

Field url(std::string name, std::string label) {
  return Field(std::move(name), std::move(label), FieldType::Url).length(255);
}

Field picklist(std::string name, std::string label, std::initializer_list<const char*> values,
               const char* default_value) {
  return Field(std::move(name), std::move(label), FieldType::Picklist).length(255).values(values, default_value);
}

Field multipicklist(std::string name, std::string label, std::initializer_list<const char*> values) {
  return Field(std::move(name), std::move(label), FieldType::MultiPicklist).length(4099).values(values);
}

Field combobox(std::string name, std::string label, std::initializer_list<const char*> values) {
  return Field(std::move(name), std::move(label), FieldType::Combobox).length(255).values(values);
}

Field boolean(std::string name, std::string label) {
  return Field(std::move(name), std::move(label), FieldType::Boolean);
}

Field integer(std::string name, std::string label, int digits) {
  return Field(std::move(name), std::move(label), FieldType::Int).digits(digits);
}

Field decimal(std::string name, std::string label, int precision, int scale) {
  return Field(std::move(name), std::move(label), FieldType::Double).number(precision, scale);
}

Field currency(std::string name, std::string label, int precision, int scale) {
  return Field(std::move(name), std::move(label), FieldType::Currency).number(precision, scale);
}

Field percent(std::string name, std::string label, int precision, int scale) {
  return Field(std::move(name), std::move(label), FieldType::Percent).number(precision, scale);
}

Field date(std::string name, std::string label) {
  return Field(std::move(name), std::move(label), FieldType::Date);
}

Field datetime(std::string name, std::string label) {
  return Field(std::move(name), std::move(label), FieldType::DateTime);
}

Field time_of_day(std::string name, std::string label) {
  return Field(std::move(name), std::move(label), FieldType::Time);
}

Field lookup(std::string name, std::string label, std::vector<std::string> targets,
             std::string relationship_name) {
  return Field(std::move(name), std::move(label), FieldType::Reference)
      .length(18)
      .references(std::move(targets), std::move(relationship_name));
}

ObjectBuilder::ObjectBuilder(std::string name, std::string label, std::string label_plural,
                             std::string key_prefix) {
  o_.name = std::move(name);
  o_.label = std::move(label);
  o_.label_plural = std::move(label_plural);
  o_.key_prefix = std::move(key_prefix);
  add(Field("Id", o_.label + " ID", FieldType::Id).length(18).read_only().id_lookup().not_null_defaulted());
  add(boolean("IsDeleted", "Deleted").read_only());
}

ObjectBuilder& ObjectBuilder::add(const Field& field) {
  o_.fields.push_back(field.schema());
  return *this;
}

ObjectBuilder& ObjectBuilder::owner() {
  Field f = lookup("OwnerId", "Owner ID", {"Group", "User"}, "Owner").not_null_defaulted();
  return add(f);
}

ObjectBuilder& ObjectBuilder::audit() {
  add(datetime("CreatedDate", "Created Date").read_only().not_null_defaulted());
  add(lookup("CreatedById", "Created By ID", {"User"}, "CreatedBy").read_only().not_null_defaulted());
  add(datetime("LastModifiedDate", "Last Modified Date").read_only().not_null_defaulted());
  add(lookup("LastModifiedById", "Last Modified By ID", {"User"}, "LastModifiedBy").read_only().not_null_defaulted());
  return add(datetime("SystemModstamp", "System Modstamp").read_only().not_null_defaulted());
}

ObjectBuilder& ObjectBuilder::address(const std::string& prefix, const std::string& label_prefix) {
  const std::string compound = prefix + "Address";
  const std::string lp = label_prefix.empty() ? "" : label_prefix + " ";
  add(textarea(prefix + "Street", lp + "Street", 255).compound(compound));
  add(text(prefix + "City", lp + "City", 40).compound(compound));
  add(text(prefix + "State", lp + "State/Province", 80).compound(compound));
  add(text(prefix + "PostalCode", lp + "Zip/Postal Code", 20).compound(compound));
  add(text(prefix + "Country", lp + "Country", 80).compound(compound));
  add(decimal(prefix + "Latitude", lp + "Latitude", 18, 15).compound(compound));
  add(decimal(prefix + "Longitude", lp + "Longitude", 18, 15).compound(compound));
  add(picklist(prefix + "GeocodeAccuracy", lp + "Geocode Accuracy",
               {"Address", "NearAddress", "Block", "Street", "ExtendedZip", "Zip", "Neighborhood", "City",
                "County", "State", "Unknown"})
          .compound(compound));
  return add(Field(compound, lp + "Address", FieldType::Address));
}

ObjectBuilder& ObjectBuilder::recently_viewed() {
  add(datetime("LastViewedDate", "Last Viewed Date").read_only());
  return add(datetime("LastReferencedDate", "Last Referenced Date").read_only());
}

ObjectBuilder& ObjectBuilder::custom() {
  o_.custom = true;
  return *this;
}

ObjectBuilder& ObjectBuilder::read_only_object() {
  o_.createable = o_.updateable = o_.deletable = false;
  return *this;
}

}  // namespace emu
