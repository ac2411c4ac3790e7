#include "app/cli_context.h"

#include <openssl/rand.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "config/config_loader.h"
#include "runner/connections.h"
#include "sfmc/sfmc_connection.h"
#include "sinks/store/postgres_store.h"
#include "sinks/store/secret_cipher.h"
#include "sinks/store/sqlite_store.h"

namespace sfsync {

void CliContext::print_error(const Error& e) { std::cerr << "sfsync: " << e.message << "\n"; }

int CliContext::exit_code_for(const Error& e) {
  return e.code == "bad_config" || e.code == "bad_input" ? kExitBadInput : kExitRunFailed;
}

const Config* CliContext::config() {
  if (config_) return &*config_;
  auto loaded = load_config_file(config_path_);
  if (!loaded) {
    print_error(loaded.error());
    return nullptr;
  }
  config_ = std::move(loaded.value());
  return &*config_;
}

bool CliContext::reload_config() {
  auto loaded = load_config_file(config_path_);
  if (!loaded) {
    print_error(loaded.error());
    return false;
  }
  if (config_ && store_ &&
      (loaded->store.path != config_->store.path ||
       loaded->store.postgres_url.reveal() != config_->store.postgres_url.reveal())) {
    print_error(make_error("bad_config", config_path_ + ": the store changed; restart the daemon to use another store"));
    return false;
  }
  config_ = std::move(loaded.value());
  clients_.clear();
  mc_clients_.clear();
  return true;
}

namespace {

// The key that encrypts stored refresh tokens from SFSYNC_SECRET_KEY(_FILE); null when neither
// is set.
Result<std::shared_ptr<const SecretCipher>> environment_cipher() {
  if (!std::getenv("SFSYNC_SECRET_KEY") && !std::getenv("SFSYNC_SECRET_KEY_FILE"))
    return std::shared_ptr<const SecretCipher>();
  auto c = AesGcmCipher::from_environment();
  if (!c) return c.error();
  return std::shared_ptr<const SecretCipher>(std::move(c.value()));
}

// The key of a SQLite store: from the environment, else a 0600 file beside the store, created on
// first use.
Result<std::shared_ptr<const SecretCipher>> secret_cipher(const std::string& store_path) {
  if (auto from_env = environment_cipher(); !from_env || *from_env) return from_env;
  std::string key_path = store_path + ".key";
  std::ifstream probe(key_path);
  if (!probe) {
    unsigned char key[32];
    RAND_bytes(key, sizeof key);
    std::ofstream out(key_path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(key), sizeof key);
    out.close();
    chmod(key_path.c_str(), 0600);
  }
  auto c = AesGcmCipher::from_file(key_path);
  if (!c) return c.error();
  return std::shared_ptr<const SecretCipher>(std::move(c.value()));
}

// Workers sharing a PostgreSQL store share its secrets too, so the key cannot be a file beside a
// local store: it comes from the environment, and without it storing a token fails and says so.
Result<std::unique_ptr<CustomerStore>> open_postgres_store(const Config& c) {
  auto cipher = environment_cipher();
  if (!cipher) return cipher.error();
  StoreOptions options;
  options.cipher = std::move(cipher.value());
  auto opened = PostgresStore::open(c.store.postgres_url.reveal(), options);
  if (!opened) return opened.error();
  return std::unique_ptr<CustomerStore>(std::move(opened.value()));
}

}  // namespace

Result<std::unique_ptr<CustomerStore>> CliContext::open_sqlite_store(const Config& c) {
  for (const std::string& path : {c.store.path, c.store.path + ".key"})
    if (!std::filesystem::exists(path)) created_files_.push_back(path);
  SqliteStore::Options options;
  options.identifier_buffer_above_profiles = c.store.identifier_buffer_above_profiles;
  if (auto cipher = secret_cipher(c.store.path)) options.cipher = *cipher;
  auto opened = SqliteStore::open(c.store.path, options);
  if (!opened) return opened.error();
  return std::unique_ptr<CustomerStore>(std::move(opened.value()));
}

CustomerStore* CliContext::store() {
  if (store_) return store_.get();
  const Config* c = config();
  if (!c) return nullptr;
  auto opened = c->store.is_postgres() ? open_postgres_store(*c) : open_sqlite_store(*c);
  if (!opened) {
    print_error(opened.error());
    return nullptr;
  }
  store_ = std::move(opened.value());
  return store_.get();
}

void CliContext::discard_store_if_unused() {
  if (!store_ || created_files_.empty()) return;
  auto runs = store_->list_executions("", 1);
  auto c = store_->counts();
  if (!runs || !runs->empty() || !c) return;
  if (c->profiles + c->deleted_profiles + c->identifiers + c->events + c->objects + c->relationships > 0) return;
  store_.reset();
  std::error_code ignored;
  for (const std::string& path : created_files_)
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ignored);
  created_files_.clear();
}

const Connection* CliContext::connection(const std::string& name) {
  const Config* c = config();
  if (!c) return nullptr;
  const Connection* found = c->find_connection(name);
  if (!found) print_error(make_error("bad_config", "no connection named \"" + name + "\" in " + c->file));
  return found;
}

// Keeps the client a factory made for a connection; prints the factory's error otherwise.
template <typename Client, typename Factory>
Client* cached_client(std::map<std::string, std::unique_ptr<Client>>& cache, const std::string& name,
                      Factory make) {
  auto client = make();
  if (!client) {
    CliContext::print_error(client.error());
    return nullptr;
  }
  return (cache[name] = std::move(client.value())).get();
}

SalesforceClient* CliContext::salesforce(const std::string& name) {
  if (auto it = clients_.find(name); it != clients_.end()) return it->second.get();
  const Connection* found = connection(name);
  if (!found) return nullptr;
  // The store is opened here only for a refresh token that `sfsync connect` kept in it: checking
  // a config must not create a store (bad input leaves no trace).
  const SalesforceAuth& auth = found->salesforce.auth;
  bool token_in_store = (auth.type == SalesforceAuthType::RefreshToken ||
                         auth.type == SalesforceAuthType::AuthorizationCode) &&
                        auth.refresh_token.reveal().empty();
  bool store_exists = config()->store.is_postgres() || std::filesystem::exists(config()->store.path);
  CustomerStore* tokens = token_in_store && store_exists ? store() : nullptr;
  return cached_client(clients_, name, [&] { return make_salesforce_client(*found, tokens); });
}

MarketingCloudClient* CliContext::marketing_cloud(const std::string& name) {
  if (auto it = mc_clients_.find(name); it != mc_clients_.end()) return it->second.get();
  const Connection* found = connection(name);
  if (!found) return nullptr;
  return cached_client(mc_clients_, name, [&] { return make_marketing_cloud_client(*found, store()); });
}

bool CliContext::select_syncs(const std::vector<std::string>& names, std::vector<const SyncConfig*>& out) {
  const Config* c = config();
  if (!c) return false;
  if (names.empty()) {
    for (const auto& s : c->syncs)
      if (!s.is_push()) out.push_back(&s);
    return true;
  }
  for (const auto& n : names) {
    const SyncConfig* s = c->find_sync(n);
    if (!s) {
      std::string known;
      for (const auto& k : c->syncs) known += (known.empty() ? "" : ", ") + k.name;
      print_error(make_error("bad_input", "no sync named \"" + n + "\" in " + c->file + " (syncs: " + known + ")"));
      return false;
    }
    out.push_back(s);
  }
  return true;
}

}  // namespace sfsync
