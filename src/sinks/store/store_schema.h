// The customer store's SQLite schema (versioned through the schema_version table).
#pragma once

namespace sfsync::store {

class SqliteDb;

inline constexpr int kSchemaVersion = 4;

// Creates the tables on a new database and upgrades an older one; a newer version written by a
// later sfsync is refused rather than misread.
void ensure_schema(SqliteDb& db);

}  // namespace sfsync::store
