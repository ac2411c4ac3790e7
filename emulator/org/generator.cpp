// generate_org(): validation, ordering, the timeline model and the pieces all generators share.
#include "emulator/org/generator.h"

#include <algorithm>
#include <optional>
#include <set>

#include "common/time_util.h"
#include "emulator/org/generator_internal.h"
#include "emulator/org/insert_pipeline.h"

namespace emu {
namespace gen {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kHistoryDays = 730;
constexpr int kMassUpdates = 40;
constexpr int64_t kSuspendIndexesFrom = 20000;  // rows; below that, rebuilding costs more than it saves

}  // namespace

Timeline::Timeline(fake::Rng rng, int64_t now_ms) : now_s_(now_ms / 1000), start_s_(now_s_ - kHistoryDays * kDay) {
  for (int i = 0; i < kMassUpdates; ++i) mass_updates_s_.push_back(rng.between(start_s_, now_s_));
  // A few recent ones, so incremental syncs over the last days see equal stamps too.
  for (int i = 0; i < 4; ++i) mass_updates_s_.push_back(rng.between(now_s_ - 20 * kDay, now_s_ - 60));
  std::sort(mass_updates_s_.begin(), mass_updates_s_.end());
}

Timeline::CreatedClock::CreatedClock(const Timeline& t, int64_t count)
    : start_s_(t.start_s_), span_s_(t.now_s_ - t.start_s_ - kDay), count_(std::max<int64_t>(count, 1)),
      cursor_s_(t.start_s_) {}

int64_t Timeline::CreatedClock::next(fake::Rng& rng) {
  // Record i is created in the i-th equal slice of the history (so the last one is a day old at
  // most), or in the same second as the record before it (imports).
  int64_t index = index_++;
  if (index > 0 && rng.chance(0.3)) return cursor_s_;
  int64_t from = start_s_ + span_s_ * index / count_;
  int64_t to = start_s_ + span_s_ * (index + 1) / count_;
  cursor_s_ = std::max(cursor_s_, rng.between(from, std::max(from, to - 1)));
  return cursor_s_;
}

int64_t Timeline::modified_s(fake::Rng& rng, int64_t created_s) const {
  double r = rng.unit();
  if (r < 0.45) return created_s;  // never edited
  if (r < 0.80) {
    auto first = std::lower_bound(mass_updates_s_.begin(), mass_updates_s_.end(), created_s);
    if (first == mass_updates_s_.end()) return created_s;
    return *(first + static_cast<int64_t>(rng.below(static_cast<uint64_t>(mass_updates_s_.end() - first))));
  }
  return created_s + static_cast<int64_t>(rng.below(static_cast<uint64_t>(now_s_ - created_s) + 1));
}

const IdBlock* Context::block(const std::string& object) const {
  auto it = generated.find(object);
  return it == generated.end() || it->second.count == 0 ? nullptr : &it->second;
}

std::string Context::random_id(fake::Rng& rng, const std::string& object) const {
  const IdBlock* b = block(object);
  return b ? b->id(static_cast<int64_t>(rng.below(static_cast<uint64_t>(b->count)))) : std::string();
}

SystemFields::SystemFields(const RowInserter& ins)
    : id_(ins.slot("Id")),
      deleted_(ins.slot("IsDeleted")),
      created_(ins.slot("CreatedDate")),
      created_by_(ins.slot("CreatedById")),
      modified_(ins.slot("LastModifiedDate")),
      modified_by_(ins.slot("LastModifiedById")),
      stamp_(ins.slot("SystemModstamp")),
      owner_(ins.slot("OwnerId")) {}

int64_t SystemFields::fill(Row& ins, Context& ctx, fake::Rng& rng, Timeline::CreatedClock& clock,
                           const std::string& id) const {
  int64_t created = clock.next(rng);
  int64_t modified = ctx.timeline.modified_s(rng, created);
  ins.set(id_, id);
  ins.set(deleted_, false);
  ins.set(created_, created * 1000);
  ins.set(modified_, modified * 1000);
  ins.set(stamp_, modified * 1000);
  // Most records are created by the integration user (imports), the rest by sales reps.
  ins.set(created_by_, rng.chance(0.6) ? ctx.owner_ids.front() : ctx.random_owner(rng));
  ins.set(modified_by_, modified == created ? FieldValue(ctx.owner_ids.front()) : FieldValue(ctx.random_owner(rng)));
  ins.set(owner_, ctx.random_owner(rng));
  return created;
}

std::string date_text(int64_t epoch_s) { return sfsync::format_date(epoch_s / kDay); }

sfsync::Result<std::unique_ptr<Batch>> Batch::start(Context& ctx, const std::string& object, int64_t count) {
  const ObjectSchema* o = ctx.catalog.find(object);
  if (!o) return sfsync::make_error("bad_config", "the catalog has no object " + object);
  auto ins = RowInserter::open(ctx.db, *o);
  if (!ins) return ins.error();
  auto ids = reserve_ids(ctx.db, *o, count);
  if (!ids) return ids.error();
  return std::unique_ptr<Batch>(new Batch(ctx, *o, std::move(ins.value()), ids.value(), count));
}

Batch::Batch(Context& ctx, const ObjectSchema& object, std::unique_ptr<RowInserter> ins, IdBlock ids, int64_t count)
    : ctx_(ctx),
      object_(object),
      ins_(std::move(ins)),
      row_(ins_->new_row()),
      ids_(std::move(ids)),
      rng_(ctx.root.fork(object.name)),
      clock_(ctx.timeline, count),
      system_(*ins_) {
  for (int s = 0; s < ins_->slot_count(); ++s) {
    const FieldSchema& f = *ins_->field_at(s);
    if (f.type == FieldType::Boolean) create_defaults_.emplace_back(s, false);
    for (const auto& p : f.picklist_values)
      if (p.default_value) create_defaults_.emplace_back(s, p.value);
  }
}

sfsync::Result<void> Batch::run(const std::function<void(int64_t index, int64_t created_s)>& fill) {
  std::optional<IndexesSuspended> suspended;
  if (ids_.count >= kSuspendIndexesFrom) suspended.emplace(ctx_.db, object_);
  InsertPipeline pipeline(*ins_);
  for (int64_t i = 0; i < ids_.count && !pipeline.failed(); ++i) {
    int64_t created = system_.fill(row_, ctx_, rng_, clock_, ids_.id(i));
    fill(i, created);
    for (const auto& [slot, value] : create_defaults_)
      if (!row_.is_set(slot)) row_.set(slot, value);
    pipeline.push(row_);
  }
  if (auto r = pipeline.finish(); !r) return r;
  if (suspended)
    if (auto r = suspended->restore(); !r) return r;
  ctx_.generated[object_.name] = ids_;
  return {};
}

AddressSlots::AddressSlots(const RowInserter& ins, const std::string& prefix)
    : street(ins.slot(prefix + "Street")),
      city(ins.slot(prefix + "City")),
      state(ins.slot(prefix + "State")),
      postal_code(ins.slot(prefix + "PostalCode")),
      country(ins.slot(prefix + "Country")),
      latitude(ins.slot(prefix + "Latitude")),
      longitude(ins.slot(prefix + "Longitude")),
      accuracy(ins.slot(prefix + "GeocodeAccuracy")) {}

void AddressSlots::set(Row& ins, const fake::Address& a, fake::Rng& rng, bool with_geocode) const {
  ins.set(street, a.street);
  ins.set(city, std::string(a.city));
  if (!a.state.empty()) ins.set(state, std::string(a.state));
  ins.set(postal_code, a.postal_code);
  ins.set(country, std::string(a.country));
  if (!with_geocode) return;
  ins.set(latitude, a.latitude);
  ins.set(longitude, a.longitude);
  ins.set(accuracy, std::string(weighted(rng, {{"Address", 60}, {"Zip", 20}, {"City", 15}, {"Street", 5}})));
}

std::string_view weighted(fake::Rng& rng, std::initializer_list<std::pair<std::string_view, int>> choices) {
  int total = 0;
  for (const auto& c : choices) total += c.second;
  int r = static_cast<int>(rng.below(static_cast<uint64_t>(total)));
  for (const auto& c : choices) {
    if (r < c.second) return c.first;
    r -= c.second;
  }
  return choices.begin()->first;
}

namespace {

// Parents before children, so references can point at generated records.
const std::vector<std::string>& dedicated_order() {
  static const std::vector<std::string> kOrder = {"User",           "Account", "Contact", "Lead", "Campaign",
                                                  "Opportunity",    "Case",    "CampaignMember", "Task",
                                                  "Event"};
  return kOrder;
}

sfsync::Result<void> generate_dedicated(Context& ctx, const std::string& name, int64_t count) {
  if (name == "User") return generate_users(ctx, count);
  if (name == "Account") return generate_accounts(ctx, count);
  if (name == "Contact") return generate_contacts(ctx, count);
  if (name == "Lead") return generate_leads(ctx, count);
  if (name == "Campaign") return generate_campaigns(ctx, count);
  if (name == "Opportunity") return generate_opportunities(ctx, count);
  if (name == "Case") return generate_cases(ctx, count);
  if (name == "CampaignMember") return generate_campaign_members(ctx, count);
  return generate_activities(ctx, name, count);
}

// Canonical object name -> count, validated against the catalog.
sfsync::Result<std::map<std::string, int64_t>> resolve_counts(const Catalog& catalog,
                                                              const std::map<std::string, int64_t>& counts) {
  std::map<std::string, int64_t> out;
  for (const auto& [name, n] : counts) {
    const ObjectSchema* o = catalog.find(name);
    if (!o) return sfsync::make_error("bad_config", "cannot generate records of unknown object '" + name + "'");
    if (n < 0) return sfsync::make_error("bad_config", "negative record count for " + name);
    out[o->name] += n;
  }
  return out;
}

}  // namespace
}  // namespace gen

sfsync::Result<void> generate_org(OrgStore& store, const std::map<std::string, int64_t>& counts, uint64_t seed,
                                  int64_t now_ms) {
  auto resolved = gen::resolve_counts(store.catalog(), counts);
  if (!resolved) return resolved.error();
  const auto& wanted = resolved.value();
  fake::Rng root(seed);
  return store.transaction([&]() -> sfsync::Result<void> {
    gen::Context ctx{store, store.writer_db(), store.catalog(), root, gen::Timeline(root.fork("timeline"), now_ms),
                     {store.default_user_id()}, {}, {}, {}, {}, {}};
    std::set<std::string> done;
    for (const auto& name : gen::dedicated_order()) {
      auto it = wanted.find(name);
      if (it == wanted.end() || !store.catalog().find(name)) continue;
      if (auto r = gen::generate_dedicated(ctx, name, it->second); !r) return r;
      done.insert(name);
    }
    // Everything else in catalog order (standard objects first, parents before children there).
    for (const auto& object : store.catalog().objects()) {
      auto it = wanted.find(object->name);
      if (it == wanted.end() || done.count(object->name)) continue;
      if (auto r = gen::generate_generic(ctx, *object, it->second); !r) return r;
    }
    return {};
  });
}

}  // namespace emu
