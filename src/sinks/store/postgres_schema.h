// The customer store's PostgreSQL schema: the tables of the SQLite schema (store_schema.h), in
// PostgreSQL types, at the same version.
#pragma once

namespace sfsync::store {

class StoreDb;

// Creates the tables on a new database; a newer version written by a later sfsync is refused
// rather than misread (StoreFailure "schema").
void ensure_postgres_schema(StoreDb& db);

}  // namespace sfsync::store
