// The customer store's SQLite schema (versioned through the schema_version table).
#pragma once

namespace sfsync::store {

class SqliteDb;
class StoreDb;

inline constexpr int kSchemaVersion = 4;

// Creates the tables on a new database and upgrades an older one; a newer version written by a
// later sfsync is refused rather than misread.
void ensure_schema(SqliteDb& db);

// Shared with the PostgreSQL schema (postgres_schema.cpp), which sits at the same version.
// The version a store holds, 0 when it has no schema yet; `has_table_sql` is the engine's query
// for whether the schema_version table exists (one row, 0 or 1).
int read_schema_version(StoreDb& db, const char* has_table_sql);
// Refuses a version written by a later sfsync (StoreFailure "schema").
[[noreturn]] void refuse_newer_schema(int version);

}  // namespace sfsync::store
