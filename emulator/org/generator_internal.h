// Shared state of one generate_org() run, used by the per-object generators
// (generator_people.cpp, generator_deals.cpp, generator_generic.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "emulator/org/fake_data.h"
#include "emulator/org/org_store.h"
#include "emulator/org/row_inserter.h"

namespace emu::gen {

// When records were created and last modified. All stamps are whole seconds (Salesforce stores
// datetimes to the second), and a share of modifications land on a few "mass update" instants,
// so many records of an object share the same SystemModstamp.
class Timeline {
 public:
  Timeline(fake::Rng rng, int64_t now_ms);
  int64_t now_s() const { return now_s_; }
  int64_t start_s() const { return start_s_; }
  // A clock handing out non-decreasing CreatedDates for `count` records spread over the timeline
  // (up to a day before now); ~30% of records share the previous record's second (imports).
  class CreatedClock {
   public:
    CreatedClock(const Timeline& t, int64_t count);
    int64_t next(fake::Rng& rng);

   private:
    int64_t start_s_;
    int64_t span_s_;
    int64_t count_;
    int64_t index_ = 0;
    int64_t cursor_s_;
  };
  // LastModifiedDate/SystemModstamp for a record created at `created_s` (seconds).
  int64_t modified_s(fake::Rng& rng, int64_t created_s) const;

 private:
  int64_t now_s_;
  int64_t start_s_;
  std::vector<int64_t> mass_updates_s_;  // sorted
};

struct Context {
  OrgStore& store;
  sqlite3* db;
  const Catalog& catalog;
  fake::Rng root;
  Timeline timeline;
  std::vector<std::string> owner_ids;         // default user + generated active users
  std::map<std::string, IdBlock> generated;   // object name -> ids generated in this run

  // What later objects need to know about accounts and contacts.
  std::vector<std::string> account_names;
  std::vector<fake::Country> account_countries;
  std::vector<std::string> account_domains;
  std::vector<int32_t> contact_account;  // account index per generated contact, -1 = none

  const IdBlock* block(const std::string& object) const;
  // A random generated id of `object`, or "" when none were generated.
  std::string random_id(fake::Rng& rng, const std::string& object) const;
  const std::string& random_owner(fake::Rng& rng) const { return owner_ids[rng.below(owner_ids.size())]; }
};

// Fills Id, IsDeleted, CreatedDate/ById, LastModifiedDate/ById, SystemModstamp and OwnerId.
class SystemFields {
 public:
  explicit SystemFields(const RowInserter& ins);
  // Returns the CreatedDate in seconds (callers derive dates such as CloseDate from it).
  int64_t fill(Row& row, Context& ctx, fake::Rng& rng, Timeline::CreatedClock& clock,
               const std::string& id) const;

 private:
  int id_, deleted_, created_, created_by_, modified_, modified_by_, stamp_, owner_;
};

std::string date_text(int64_t epoch_s);  // "2024-01-02"

// One object's rows in this run: inserter, reserved ids, its own random stream and clock.
class Batch {
 public:
  static sfsync::Result<std::unique_ptr<Batch>> start(Context& ctx, const std::string& object, int64_t count);
  // The row being built; run() hands it to the inserter after each fill.
  Row& row() { return row_; }
  const RowInserter& inserter() const { return *ins_; }
  int slot(std::string_view field) const { return ins_->slot(field); }
  fake::Rng& rng() { return rng_; }
  const IdBlock& ids() const { return ids_; }
  // For each record: system fields, then fill(index, created_s) sets the rest; the row is inserted
  // and the ids are recorded in ctx.generated.
  sfsync::Result<void> run(const std::function<void(int64_t index, int64_t created_s)>& fill);

 private:
  Batch(Context& ctx, const ObjectSchema& object, std::unique_ptr<RowInserter> ins, IdBlock ids, int64_t count);
  Context& ctx_;
  const ObjectSchema& object_;
  std::unique_ptr<RowInserter> ins_;
  Row row_;
  IdBlock ids_;
  fake::Rng rng_;
  Timeline::CreatedClock clock_;
  SystemFields system_;
  // What the org fills on create when a record leaves it out: booleans false, default picklist values.
  std::vector<std::pair<int, FieldValue>> create_defaults_;
};

// The components of one compound address (<prefix>Street, ...), as slots.
struct AddressSlots {
  AddressSlots(const RowInserter& ins, const std::string& prefix);
  void set(Row& row, const fake::Address& a, fake::Rng& rng, bool with_geocode) const;
  int street, city, state, postal_code, country, latitude, longitude, accuracy;
};

// Sets a text field, leaving it null when `value` is empty.
inline void set_text(Row& row, int slot, std::string_view value) {
  if (!value.empty()) row.set(slot, std::string(value));
}

// Picks from weighted choices: {{"Open", 35}, {"Closed", 65}}.
std::string_view weighted(fake::Rng& rng, std::initializer_list<std::pair<std::string_view, int>> choices);

// The generators; each reserves its ids, inserts `count` rows and records them in ctx.generated.
sfsync::Result<void> generate_users(Context& ctx, int64_t count);
sfsync::Result<void> generate_accounts(Context& ctx, int64_t count);
sfsync::Result<void> generate_contacts(Context& ctx, int64_t count);
sfsync::Result<void> generate_leads(Context& ctx, int64_t count);
sfsync::Result<void> generate_campaigns(Context& ctx, int64_t count);
sfsync::Result<void> generate_opportunities(Context& ctx, int64_t count);
sfsync::Result<void> generate_cases(Context& ctx, int64_t count);
sfsync::Result<void> generate_campaign_members(Context& ctx, int64_t count);
sfsync::Result<void> generate_activities(Context& ctx, const std::string& object, int64_t count);  // Task/Event
sfsync::Result<void> generate_generic(Context& ctx, const ObjectSchema& object, int64_t count);

}  // namespace emu::gen
