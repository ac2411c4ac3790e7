#include "emulator/server/org_setup.h"

#include "common/time_util.h"

namespace emu {

namespace {

FieldSchema field(const char* name, FieldType type, int length = 0) {
  FieldSchema f;
  f.name = name;
  f.label = name;
  f.type = type;
  f.length = length;
  return f;
}

FieldSchema system_field(const char* name, FieldType type) {
  FieldSchema f = field(name, type, type == FieldType::Id || type == FieldType::Reference ? 18 : 0);
  f.createable = false;
  f.updateable = false;
  f.nillable = false;
  f.defaulted_on_create = true;
  if (type == FieldType::Id) f.id_lookup = true;
  if (type == FieldType::Reference) {
    f.reference_to = {"User"};
    std::string n = name;
    f.relationship_name = n.substr(0, n.size() - 2);
  }
  return f;
}

ObjectSchema object(const char* name, const char* prefix) {
  ObjectSchema o;
  o.name = name;
  o.label = name;
  o.label_plural = std::string(name) + "s";
  o.key_prefix = prefix;
  o.fields = {system_field("Id", FieldType::Id), system_field("IsDeleted", FieldType::Boolean),
              system_field("CreatedDate", FieldType::DateTime), system_field("CreatedById", FieldType::Reference),
              system_field("LastModifiedDate", FieldType::DateTime),
              system_field("LastModifiedById", FieldType::Reference),
              system_field("SystemModstamp", FieldType::DateTime)};
  return o;
}

// A small bootstrap catalog (User, Account, Contact). Replaced by the full standard catalog.
void add_bootstrap_objects(Catalog& catalog) {
  ObjectSchema user = object("User", "005");
  user.fields.push_back(field("Username", FieldType::String, 80));
  user.fields.push_back(field("Name", FieldType::String, 121));
  user.fields.push_back(field("Email", FieldType::Email, 128));
  catalog.add(user);

  ObjectSchema account = object("Account", "001");
  FieldSchema name = field("Name", FieldType::String, 255);
  name.nillable = false;
  name.name_field = true;
  account.fields.push_back(name);
  account.fields.push_back(field("Industry", FieldType::Picklist, 255));
  account.fields.push_back(system_field("OwnerId", FieldType::Reference));
  account.fields.back().createable = account.fields.back().updateable = true;
  catalog.add(account);

  ObjectSchema contact = object("Contact", "003");
  contact.fields.push_back(field("FirstName", FieldType::String, 40));
  FieldSchema last = field("LastName", FieldType::String, 80);
  last.nillable = false;
  contact.fields.push_back(last);
  FieldSchema full = field("Name", FieldType::String, 121);
  full.calculated = true;
  full.createable = full.updateable = false;
  full.name_field = true;
  contact.fields.push_back(full);
  FieldSchema email = field("Email", FieldType::Email, 80);
  email.id_lookup = true;
  contact.fields.push_back(email);
  contact.fields.push_back(field("Phone", FieldType::Phone, 40));
  FieldSchema account_id = field("AccountId", FieldType::Reference, 18);
  account_id.reference_to = {"Account"};
  account_id.relationship_name = "Account";
  contact.fields.push_back(account_id);
  contact.fields.push_back(system_field("OwnerId", FieldType::Reference));
  catalog.add(contact);
}

}  // namespace

sfsync::Result<void> build_catalog(EmulatorOptions&, Catalog& catalog) {
  add_bootstrap_objects(catalog);
  return {};
}

sfsync::Result<void> seed_org(const EmulatorOptions& options, OrgStore& store) {
  const ObjectSchema* user = store.catalog().find("User");
  if (!user) return {};
  int64_t now = sfsync::now_ms();
  for (const auto& u : options.users) {
    if (store.get(*user, u.user_id)) continue;
    (void)store.new_id(*user);  // keep the id counter past configured user ids
    std::vector<FieldAssignment> values = {{user->field("Id"), u.user_id}, {user->field("Username"), u.username},
                                           {user->field("Name"), std::string("Integration User")},
                                           {user->field("Email"), u.username}};
    if (auto r = store.insert(*user, values, now); !r) return r.error();
  }
  return {};
}

}  // namespace emu
