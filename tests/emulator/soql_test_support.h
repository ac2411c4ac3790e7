// Shared by the soql_* tests: a small Catalog (Contact, Account, User, Group) and a bare SQLite
// database laid out like OrgStore, so compiled SQL can be executed without the whole emulator.
#pragma once

#include <sqlite3.h>

#include <string>
#include <vector>

#include "emulator/org/schema.h"
#include "emulator/org/sfid.h"
#include "emulator/soql/compiler.h"

namespace soql_test {

inline emu::FieldSchema field(std::string name, emu::FieldType type, bool custom = false) {
  emu::FieldSchema f;
  f.name = std::move(name);
  f.label = f.name;
  f.type = type;
  f.custom = custom;
  return f;
}

inline emu::FieldSchema reference(std::string name, std::vector<std::string> to, std::string relationship,
                                  bool custom = false) {
  emu::FieldSchema f = field(std::move(name), emu::FieldType::Reference, custom);
  f.reference_to = std::move(to);
  f.relationship_name = std::move(relationship);
  return f;
}

inline emu::ObjectSchema object(std::string name, std::string key_prefix) {
  emu::ObjectSchema o;
  o.name = std::move(name);
  o.label = o.name;
  o.key_prefix = std::move(key_prefix);
  return o;
}

inline void add_system_fields(emu::ObjectSchema& o) {
  o.fields.insert(o.fields.begin(), {field("Id", emu::FieldType::Id), field("IsDeleted", emu::FieldType::Boolean)});
  o.fields.push_back(field("CreatedDate", emu::FieldType::DateTime));
  o.fields.push_back(field("SystemModstamp", emu::FieldType::DateTime));
}

inline emu::Catalog make_catalog() {
  using T = emu::FieldType;
  emu::Catalog catalog;

  emu::ObjectSchema user = object("User", "005");
  user.fields = {field("Name", T::String), field("Username", T::String), reference("ManagerId", {"User"}, "Manager")};
  add_system_fields(user);
  catalog.add(user);

  emu::ObjectSchema group = object("Group", "00G");
  group.fields = {field("Name", T::String), field("Type", T::Picklist)};
  add_system_fields(group);
  catalog.add(group);

  emu::ObjectSchema account = object("Account", "001");
  account.fields = {field("Name", T::String), field("Industry", T::Picklist), reference("OwnerId", {"User"}, "Owner"),
                    reference("ParentId", {"Account"}, "Parent"), field("NumberOfEmployees", T::Int),
                    field("AnnualRevenue", T::Currency)};
  add_system_fields(account);
  catalog.add(account);

  emu::ObjectSchema contact = object("Contact", "003");
  contact.fields = {field("FirstName", T::String), field("LastName", T::String), field("Email", T::Email),
                    reference("AccountId", {"Account"}, "Account"), reference("OwnerId", {"Group", "User"}, "Owner"),
                    field("Birthdate", T::Date), field("HasOptedOutOfEmail", T::Boolean),
                    field("MailingStreet", T::TextArea), field("MailingCity", T::String),
                    field("MailingState", T::String), field("MailingPostalCode", T::String),
                    field("MailingCountry", T::String), field("MailingLatitude", T::Double),
                    field("MailingLongitude", T::Double), field("MailingGeocodeAccuracy", T::Picklist),
                    field("MailingAddress", T::Address), field("Score__c", T::Double, true),
                    field("Level__c", T::Int, true), field("Interests__c", T::MultiPicklist, true),
                    reference("Parent__c", {"Contact"}, "Parent__r", true)};
  for (auto& f : contact.fields) {
    if (f.name.rfind("Mailing", 0) == 0 && f.type != T::Address) f.compound_field_name = "MailingAddress";
  }
  add_system_fields(contact);
  catalog.add(contact);
  return catalog;
}

// A database with one table per object (the OrgStore layout) and helpers to fill and query it.
class Db {
 public:
  explicit Db(const emu::Catalog& catalog) {
    sqlite3_open(":memory:", &db_);
    for (const auto& o : catalog.objects()) {
      std::string sql = "CREATE TABLE " + o->table() + " (";
      bool first = true;
      for (const auto& f : o->fields) {
        if (!f.stored()) continue;
        sql += std::string(first ? "" : ", ") + f.column() + " " + column_type(f.type);
        first = false;
      }
      exec(sql + ")");
    }
  }
  ~Db() { sqlite3_close(db_); }
  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string message = err ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error(message + " in " + sql);
    }
  }
  // Rows of a compiled query, each column as text ("NULL" for null).
  std::vector<std::vector<std::string>> run(const std::string& sql, const std::vector<emu::FieldValue>& params) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string(sqlite3_errmsg(db_)) + " in " + sql);
    }
    for (size_t i = 0; i < params.size(); ++i) bind(stmt, static_cast<int>(i + 1), params[i]);
    std::vector<std::vector<std::string>> rows;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const unsigned char* t = sqlite3_column_text(stmt, c);
        row.push_back(t ? reinterpret_cast<const char*>(t) : "NULL");
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return rows;
  }
  sqlite3* db() { return db_; }

 private:
  static std::string column_type(emu::FieldType t) {
    switch (emu::storage_class(t)) {
      case emu::StorageClass::Integer:
      case emu::StorageClass::EpochMillis: return "INTEGER";
      case emu::StorageClass::Real: return "REAL";
      case emu::StorageClass::DateText: return "TEXT";
      default: return t == emu::FieldType::Id || t == emu::FieldType::Reference ? "TEXT" : "TEXT COLLATE NOCASE";
    }
  }
  static void bind(sqlite3_stmt* s, int i, const emu::FieldValue& v) {
    if (auto* b = std::get_if<bool>(&v)) sqlite3_bind_int64(s, i, *b);
    else if (auto* n = std::get_if<int64_t>(&v)) sqlite3_bind_int64(s, i, *n);
    else if (auto* d = std::get_if<double>(&v)) sqlite3_bind_double(s, i, *d);
    else if (auto* t = std::get_if<std::string>(&v)) sqlite3_bind_text(s, i, t->c_str(), -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(s, i);
  }
  sqlite3* db_ = nullptr;
};

inline std::string id(const char* prefix, int n) { return emu::make_sfid(prefix, static_cast<uint64_t>(n)); }

}  // namespace soql_test
