// Loading sfsync.yaml: parse, substitute ${ENV}, check every key, cross-check the syncs.
//
// The first problem found ends the load with a one-line Error (code "bad_config") such as
//   sfsync.yaml:14: sync "contacts": identifiers: at least one identifier mapping is required (...)
// Checks that need the org (does the field exist?) run later: validate_against_describe().
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "config/config.h"
#include "config/yaml_reader.h"

namespace sfsync {

// getenv(), as a lookup function.
std::optional<std::string> process_env(const std::string& name);

// `file_name` is used in messages only.
Result<Config> parse_config(std::string_view yaml_text, const std::string& file_name,
                            const EnvLookup& env = process_env);
Result<Config> load_config_file(const std::string& path, const EnvLookup& env = process_env);

// Internal steps (exposed for the loaders' own files).
void read_connections(const MapReader& top, Config& config);
void read_syncs(const MapReader& top, Config& config);  // after read_connections: checks references
// The named connection, or a failure naming the nearest existing one.
const Connection& require_connection(const MapReader& sync, const Config& config, const std::string& name);
SyncOptions read_sync_options(const MapReader& sync, bool push, bool into_data_extension = false);
void read_push_sync(const MapReader& sync, const Config& config, SyncConfig& s);

}  // namespace sfsync
