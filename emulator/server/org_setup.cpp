#include "emulator/server/org_setup.h"

#include "common/time_util.h"
#include "emulator/org/custom_objects.h"
#include "emulator/org/fixture_loader.h"
#include "emulator/org/generator.h"
#include "emulator/org/standard_objects.h"

namespace emu {

sfsync::Result<void> build_catalog(EmulatorOptions& options, Catalog& catalog) {
  add_standard_objects(catalog);
  if (!options.config_path.empty())
    if (auto r = add_custom_objects_from_yaml(catalog, options.config_path); !r) return r;
  return {};
}

namespace {

// The integration users exist before anything else: every record's OwnerId/CreatedById points at one.
sfsync::Result<void> seed_users(const EmulatorOptions& options, OrgStore& store, int64_t now) {
  const ObjectSchema* user = store.catalog().find("User");
  if (!user) return {};
  for (const auto& u : options.users) {
    if (store.get(*user, u.user_id)) continue;
    (void)store.new_id(*user);  // keep the id counter past configured user ids
    std::vector<FieldAssignment> values = {{user->field("Id"), u.user_id}, {user->field("Username"), u.username}};
    const std::pair<const char*, std::string> extra[] = {
        {"FirstName", "Sync"}, {"LastName", "Integration"}, {"Email", u.username}, {"Alias", "sync"}};
    for (const auto& [name, value] : extra)
      if (const FieldSchema* f = user->field(name)) values.push_back({f, value});
    if (auto r = store.insert(*user, values, now); !r) return r.error();
  }
  return {};
}

}  // namespace

sfsync::Result<void> seed_org(const EmulatorOptions& options, OrgStore& store) {
  int64_t now = sfsync::now_ms();
  if (auto r = seed_users(options, store, now); !r) return r;
  // Counts name objects or Data Extension keys; the org generator gets the objects.
  std::map<std::string, int64_t> object_counts;
  for (const auto& [name, n] : options.counts)
    if (store.catalog().find(name)) object_counts[name] = n;
  if (!object_counts.empty())
    if (auto r = generate_org(store, object_counts, options.seed, now); !r) return r;
  if (!options.fixtures_dir.empty())
    if (auto r = load_fixtures(store, options.fixtures_dir, now); !r) return r;
  return {};
}

}  // namespace emu
