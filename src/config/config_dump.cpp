#include "config/config_dump.h"

#include <yaml-cpp/yaml.h>

#include <cstdio>

namespace sfsync {
namespace {

constexpr const char* kHidden = "***";

const char* hidden_if_set(const Secret& s) { return s.empty() ? "" : kHidden; }

void emit_salesforce(YAML::Emitter& out, const SalesforceConnection& sf) {
  out << YAML::Key << "login_url" << YAML::Value << sf.login_url;
  out << YAML::Key << "api_version" << YAML::Value << sf.api_version;
  const SalesforceAuth& a = sf.auth;
  out << YAML::Key << "auth" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "type" << YAML::Value << std::string(salesforce_auth_name(a.type));
  out << YAML::Key << "client_id" << YAML::Value << a.client_id;
  out << YAML::Key << "client_secret" << YAML::Value << hidden_if_set(a.client_secret);
  out << YAML::Key << "refresh_token" << YAML::Value << hidden_if_set(a.refresh_token);
  out << YAML::Key << "username" << YAML::Value << a.username;
  out << YAML::Key << "password" << YAML::Value << hidden_if_set(a.password);
  out << YAML::Key << "private_key_file" << YAML::Value << a.private_key_file;
  out << YAML::Key << "authorize_url" << YAML::Value << a.authorize_url;
  out << YAML::Key << "token_url" << YAML::Value << a.token_url;
  out << YAML::Key << "revoke_url" << YAML::Value << a.revoke_url;
  out << YAML::Key << "scopes" << YAML::Value << a.scopes;
  out << YAML::Key << "redirect_port" << YAML::Value << a.redirect_port;
  out << YAML::EndMap;
}

// -360 -> "-06:00"
std::string utc_offset_text(int minutes) {
  int a = minutes < 0 ? -minutes : minutes;
  char text[8];
  std::snprintf(text, sizeof text, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60 % 100, a % 60);
  return text;
}

void emit_sfmc(YAML::Emitter& out, const SfmcConnection& mc) {
  out << YAML::Key << "subdomain" << YAML::Value << mc.subdomain;
  out << YAML::Key << "client_id" << YAML::Value << mc.client_id;
  out << YAML::Key << "client_secret" << YAML::Value << hidden_if_set(mc.client_secret);
  out << YAML::Key << "refresh_token" << YAML::Value << hidden_if_set(mc.refresh_token);
  out << YAML::Key << "account_id" << YAML::Value << mc.account_id;
  out << YAML::Key << "scopes" << YAML::Value << mc.scopes;
  out << YAML::Key << "grant" << YAML::Value
      << (mc.grant == SfmcGrant::ClientCredentials ? "client_credentials" : "authorization_code");
  out << YAML::Key << "redirect_port" << YAML::Value << mc.redirect_port;
  out << YAML::Key << "utc_offset" << YAML::Value << utc_offset_text(mc.utc_offset_minutes);
  out << YAML::Key << "auth_base_url" << YAML::Value << mc.auth_base_url;
  out << YAML::Key << "rest_base_url" << YAML::Value << mc.rest_base_url;
}

void emit_connection(YAML::Emitter& out, const Connection& c) {
  out << YAML::Key << c.name << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "type" << YAML::Value << std::string(connection_type_name(c.type));
  switch (c.type) {
    case ConnectionType::Salesforce: emit_salesforce(out, c.salesforce); break;
    case ConnectionType::Sfmc: emit_sfmc(out, c.sfmc); break;
    case ConnectionType::Postgres:
      out << YAML::Key << "url" << YAML::Value << redact_url(c.database.url.reveal());
      break;
    case ConnectionType::Sqlite:
    case ConnectionType::Csv: out << YAML::Key << "path" << YAML::Value << c.database.path; break;
  }
  out << YAML::EndMap;
}

// Syncs hold no secrets: their mapping is printed in summary form.
void emit_sync(YAML::Emitter& out, const SyncConfig& s) {
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << s.name;
  out << YAML::Key << "kind" << YAML::Value << (s.is_push() ? "push" : "pull");
  out << YAML::Key << "connection" << YAML::Value << s.connection;
  if (s.source_kind == SourceKind::DataExtension)
    out << YAML::Key << "data_extension_key" << YAML::Value << s.data_extension.key;
  else if (s.is_push() && !s.push.data_extension.empty())
    out << YAML::Key << "data_extension" << YAML::Value << s.push.data_extension;
  else if (!s.object.empty())
    out << YAML::Key << "object" << YAML::Value << s.object;
  if (!s.is_push()) {
    out << YAML::Key << "target" << YAML::Value << std::string(target_kind_name(s.target));
    out << YAML::Key << "fetch_mode" << YAML::Value << (s.fetch_mode == FetchMode::Full ? "full" : "incremental");
    out << YAML::Key << "identifiers" << YAML::Value << s.identifiers.size();
    out << YAML::Key << "attributes" << YAML::Value << s.attributes.size();
  } else {
    out << YAML::Key << "model_connection" << YAML::Value << s.push.model.connection;
    out << YAML::Key << "mapping" << YAML::Value << s.push.mapping.size();
  }
  if (!s.options.schedule.empty()) out << YAML::Key << "schedule" << YAML::Value << s.options.schedule;
  out << YAML::Key << "batch_size" << YAML::Value << s.options.batch_size;
  out << YAML::EndMap;
}

}  // namespace

std::string redact_url(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) {
    // libpq key=value form: hide password=...
    size_t p = url.find("password=");
    if (p == std::string::npos) return url;
    size_t end = url.find(' ', p);
    return url.substr(0, p + 9) + kHidden + (end == std::string::npos ? "" : url.substr(end));
  }
  size_t at = url.find('@', scheme + 3);
  size_t colon = url.find(':', scheme + 3);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + kHidden + url.substr(at);
}

std::string redacted_dump(const Config& config) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "store" << YAML::Value << YAML::BeginMap;
  if (config.store.is_postgres()) {
    out << YAML::Key << "postgres_url" << YAML::Value << redact_url(config.store.postgres_url.reveal());
  } else {
    out << YAML::Key << "path" << YAML::Value << config.store.path;
    out << YAML::Key << "identifier_buffer_above_profiles" << YAML::Value
        << config.store.identifier_buffer_above_profiles;
  }
  out << YAML::EndMap;
  if (!config.webhook.url.empty()) {
    out << YAML::Key << "webhook" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "url" << YAML::Value << redact_url(config.webhook.url);
    out << YAML::Key << "batch_size" << YAML::Value << config.webhook.batch_size;
    out << YAML::Key << "max_retries" << YAML::Value << config.webhook.max_retries;
    out << YAML::Key << "headers" << YAML::Value << YAML::BeginMap;
    for (const auto& [name, value] : config.webhook.headers) out << YAML::Key << name << YAML::Value << hidden_if_set(value);
    out << YAML::EndMap;
    out << YAML::Key << "signing_secret" << YAML::Value << hidden_if_set(config.webhook.signing_secret);
    out << YAML::EndMap;
  }
  out << YAML::Key << "connections" << YAML::Value << YAML::BeginMap;
  for (const auto& c : config.connections) emit_connection(out, c);
  out << YAML::EndMap;
  out << YAML::Key << "syncs" << YAML::Value << YAML::BeginSeq;
  for (const auto& s : config.syncs) emit_sync(out, s);
  out << YAML::EndSeq << YAML::EndMap;
  return out.c_str();
}

}  // namespace sfsync
