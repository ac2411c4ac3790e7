// From a push sync's `model:` to an open ModelSource.
#include <filesystem>

#include "sources/models/model_source.h"

namespace sfsync {

namespace {

// A csv connection's path is a file, or a folder holding the model files.
std::string csv_path(const DatabaseConnection& db, const std::string& file) {
  if (db.path.empty()) return file;
  std::error_code ec;
  if (std::filesystem::is_directory(db.path, ec)) return (std::filesystem::path(db.path) / file).string();
  return db.path;
}

}  // namespace

Result<std::unique_ptr<ModelSource>> open_model(const Config& config, const SyncConfig& sync,
                                                const std::string& store_path) {
  const ModelSpec& model = sync.push.model;
  if (model.connection == "store") {
    if (config.store.is_postgres()) return open_postgres_model(config.store.postgres_url.reveal(), model.sql);
    return open_sqlite_model(store_path, model.sql);
  }
  const Connection* c = config.find_connection(model.connection);
  if (!c) return make_error("bad_config", "sync \"" + sync.name + "\": no connection \"" + model.connection + "\"");
  switch (c->type) {
    case ConnectionType::Sqlite: {
      std::error_code ec;
      if (!std::filesystem::exists(c->database.path, ec))
        return make_error("bad_input", "SQLite model database " + c->database.path + " does not exist");
      return open_sqlite_model(c->database.path, model.sql);
    }
    case ConnectionType::Csv: return open_csv_model(csv_path(c->database, model.file), c->database.csv_delimiter);
    case ConnectionType::Postgres: return open_postgres_model(c->database.url.reveal(), model.sql);
    default:
      return make_error("bad_config", "sync \"" + sync.name + "\": model connection \"" + model.connection +
                                          "\" is not a postgres, sqlite or csv connection");
  }
}

}  // namespace sfsync
