#include "emulator/sfmc/de_setup.h"

#include <algorithm>

#include "emulator/sfmc/de_config.h"
#include "emulator/sfmc/de_generator.h"

namespace emu {

sfsync::Result<std::unique_ptr<DataExtensionStore>> build_data_extension_store(const EmulatorOptions& options) {
  std::vector<DataExtensionDef> defs = default_data_extensions();
  if (!options.config_path.empty()) {
    auto configured = load_data_extensions_yaml(options.config_path);
    if (!configured) return configured.error();
    for (auto& de : *configured) {
      auto same_key = [&](const DataExtensionDef& d) { return iequals(d.key, de.key); };
      if (de.fields.empty()) {  // only a row count for a demo DE
        auto demo = std::find_if(defs.begin(), defs.end(), same_key);
        if (demo == defs.end()) return sfsync::make_error("bad_config", "data extension " + de.key + " has no fields");
        demo->rows_to_generate = de.rows_to_generate;
        continue;
      }
      std::erase_if(defs, same_key);
      defs.push_back(std::move(de));
    }
  }
  auto store = DataExtensionStore::open();
  if (!store) return store.error();
  for (auto& def : defs) {
    int64_t rows = def.rows_to_generate;
    for (const auto& [name, count] : options.counts) {
      if (iequals(name, def.key)) rows = count;  // only if the org generator learns to skip DE keys
    }
    auto created = (*store)->create(std::move(def));
    if (!created) return created.error();
    if (auto r = populate_data_extension(**store, **created, options.seed, rows); !r) return r.error();
  }
  return std::move(*store);
}

}  // namespace emu
