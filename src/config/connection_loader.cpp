// connections: salesforce, sfmc, and the reverse-ETL model sources (postgres, sqlite, csv).
#include <algorithm>
#include <cctype>
#include <regex>

#include "common/time_util.h"
#include "config/config_loader.h"

namespace sfsync {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool is_local_http(std::string_view url) {
  return starts_with(url, "http://127.0.0.1") || starts_with(url, "http://localhost") ||
         starts_with(url, "http://[::1]");
}

std::string check_base_url(const MapReader& m, const std::string& key, std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!starts_with(url, "https://") && !is_local_http(url))
    m.fail(key, "\"" + url + "\" must start with https:// (plain http only for localhost)");
  return url;
}

// "63.0"; "v63.0" and "63" are accepted and normalized. Supported: 57.0 to 63.0 (what the emulator serves; 63.0 = Spring '25).
std::string check_api_version(const MapReader& m) {
  std::string v = m.str("api_version", "63.0");
  if (!v.empty() && (v[0] == 'v' || v[0] == 'V')) v.erase(0, 1);
  if (v.find('.') == std::string::npos) v += ".0";
  static const std::regex kVersion(R"(([0-9]{2})\.0)");
  std::smatch match;
  if (!std::regex_match(v, match, kVersion))
    m.fail("api_version", "\"" + v + "\" is not an API version (write \"63.0\")");
  int major = std::stoi(match[1]);
  if (major < 57 || major > 63)
    m.fail("api_version", v + " is not supported (use 57.0 to 63.0; the default is 63.0)");
  return v;
}

SalesforceAuthType read_auth_type(const MapReader& auth) {
  return auth.choice<SalesforceAuthType>("type",
                                         {{"refresh_token", SalesforceAuthType::RefreshToken},
                                          {"client_credentials", SalesforceAuthType::ClientCredentials},
                                          {"jwt_bearer", SalesforceAuthType::JwtBearer},
                                          {"authorization_code", SalesforceAuthType::AuthorizationCode},
                                          {"password", SalesforceAuthType::Password}},
                                         SalesforceAuthType::RefreshToken);
}

// What each flow cannot work without.
void require_auth_fields(const MapReader& auth, const SalesforceAuth& a, const std::string& login_url) {
  auto need = [&](const std::string& key, bool present, const std::string& fix) {
    if (!present)
      auth.fail_here("auth type " + std::string(salesforce_auth_name(a.type)) + " needs " + key + " (" + fix + ")");
  };
  need("client_id", !a.client_id.empty(), "the Connected App's Consumer Key");
  switch (a.type) {
    case SalesforceAuthType::RefreshToken:
      need("refresh_token", !a.refresh_token.empty(), "write refresh_token: ${SF_REFRESH_TOKEN}, or use authorization_code and run sfsync connect");
      break;
    case SalesforceAuthType::ClientCredentials:
      need("client_secret", !a.client_secret.empty(), "write client_secret: ${SF_CLIENT_SECRET}");
      if (login_url == "https://login.salesforce.com" || login_url == "https://test.salesforce.com")
        auth.fail("type", "client_credentials needs your My Domain login_url (https://<domain>.my.salesforce.com), "
                          "Salesforce rejects it on " + login_url);
      break;
    case SalesforceAuthType::JwtBearer:
      need("username", !a.username.empty(), "the integration user's username");
      need("private_key_file", !a.private_key_file.empty(), "the PEM key whose certificate is on the Connected App");
      break;
    case SalesforceAuthType::AuthorizationCode:  // `sfsync connect` stores the refresh token
      if (a.scopes.find("refresh_token") == std::string::npos && a.scopes.find("offline_access") == std::string::npos)
        auth.fail("scopes", "\"" + a.scopes + "\" has no refresh_token scope, so the session could not be renewed "
                            "(add refresh_token offline_access, also on the Connected App)");
      break;
    case SalesforceAuthType::Password:
      need("client_secret", !a.client_secret.empty(), "write client_secret: ${SF_CLIENT_SECRET}");
      need("username", !a.username.empty(), "the integration user's username");
      need("password", !a.password.empty(), "write password: ${SF_PASSWORD} (append the security token if your org needs one)");
      break;
  }
}

void read_salesforce(const MapReader& m, Connection& c) {
  SalesforceConnection& sf = c.salesforce;
  sf.login_url = check_base_url(m, "login_url", m.str("login_url", sf.login_url));
  if (sf.login_url.find(".lightning.force.com") != std::string::npos)
    m.fail("login_url", "\"" + sf.login_url + "\" is a Lightning UI address; use https://<domain>.my.salesforce.com");
  sf.api_version = check_api_version(m);
  sf.max_api_usage_percent = static_cast<int>(m.integer("max_api_usage_percent", sf.max_api_usage_percent, 1, 100));
  if (!m.has("auth")) m.fail_here("\"auth\" is required (write auth: {type: refresh_token, client_id: ..., refresh_token: ${SF_REFRESH_TOKEN}})");
  MapReader auth = m.child("auth", {"type", "client_id", "client_secret", "refresh_token", "username", "password",
                                    "private_key_file", "authorize_url", "token_url", "revoke_url", "scopes",
                                    "redirect_port"});
  SalesforceAuth& a = sf.auth;
  a.type = read_auth_type(auth);
  a.client_id = auth.str("client_id");
  a.client_secret = auth.secret("client_secret");
  a.refresh_token = auth.secret("refresh_token");
  a.username = auth.str("username");
  a.password = auth.secret("password");
  a.private_key_file = auth.str("private_key_file");
  a.authorize_url = check_base_url(auth, "authorize_url", auth.str("authorize_url", sf.login_url + "/services/oauth2/authorize"));
  a.token_url = check_base_url(auth, "token_url", auth.str("token_url", sf.login_url + "/services/oauth2/token"));
  a.revoke_url = check_base_url(auth, "revoke_url", auth.str("revoke_url", sf.login_url + "/services/oauth2/revoke"));
  a.scopes = auth.str("scopes", a.scopes);
  a.redirect_port = static_cast<int>(auth.integer("redirect_port", a.redirect_port, 1, 65535));
  require_auth_fields(auth, a, sf.login_url);
}

void check_subdomain(const MapReader& m, const std::string& sub) {
  if (sub.find("marketingcloudapis.com") != std::string::npos || sub.find("://") != std::string::npos)
    m.fail("subdomain", "write only the tenant part of https://<subdomain>.auth.marketingcloudapis.com");
  bool chars_ok = std::all_of(sub.begin(), sub.end(), [](char ch) {
    return std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) || ch == '-';
  });
  if (sub.size() != 28 || sub.rfind("mc", 0) != 0 || !chars_ok)
    m.fail("subdomain", "\"" + sub + "\" is not a Marketing Cloud subdomain (28 lower-case characters starting with "
                        "\"mc\", from https://<subdomain>.auth.marketingcloudapis.com)");
}

// "+05:30", "-06:00", "Z" -> minutes east of UTC; from -12:00 to +14:00, as time zones go. The
// config takes the colon form only (or Z / z), the one people read at a glance.
int read_utc_offset(const MapReader& m, const char* key) {
  std::string text = m.str(key, "+00:00");
  std::optional<int> minutes = text == "z" ? 0 : parse_utc_offset(text);
  if ((text.size() != 6 && text.size() != 1) || !minutes || *minutes < -12 * 60 || *minutes > 14 * 60)
    m.fail(key, "\"" + text + "\" is not a UTC offset from -12:00 to +14:00 (write e.g. \"-06:00\" for US Central "
                "Standard Time, Marketing Cloud's system time)");
  return *minutes;
}

void read_sfmc(const MapReader& m, Connection& c) {
  SfmcConnection& mc = c.sfmc;
  mc.subdomain = m.required("subdomain", "the mc... part of your auth.marketingcloudapis.com URL");
  check_subdomain(m, mc.subdomain);
  mc.client_id = m.required("client_id", "the Installed Package's Client Id");
  mc.client_secret = m.secret("client_secret");
  mc.account_id = m.str("account_id");
  if (!mc.account_id.empty() && !std::all_of(mc.account_id.begin(), mc.account_id.end(),
                                              [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
    m.fail("account_id", "the MID is a number (e.g. 514009001)");
  mc.scopes = m.str("scopes", mc.scopes);
  mc.grant = m.choice<SfmcGrant>("grant", {{"client_credentials", SfmcGrant::ClientCredentials},
                                           {"authorization_code", SfmcGrant::AuthorizationCode}},
                                 SfmcGrant::ClientCredentials);
  if (mc.grant == SfmcGrant::ClientCredentials && mc.client_secret.empty())
    m.fail_here("grant client_credentials needs client_secret (write client_secret: ${SFMC_CLIENT_SECRET})");
  mc.refresh_token = m.secret("refresh_token");
  mc.redirect_port = static_cast<int>(m.integer("redirect_port", mc.redirect_port, 1, 65535));
  mc.utc_offset_minutes = read_utc_offset(m, "utc_offset");
  mc.auth_base_url = check_base_url(m, "auth_base_url",
                                    m.str("auth_base_url", "https://" + mc.subdomain + ".auth.marketingcloudapis.com"));
  mc.rest_base_url = check_base_url(m, "rest_base_url",
                                    m.str("rest_base_url", "https://" + mc.subdomain + ".rest.marketingcloudapis.com"));
}

void read_database(const MapReader& m, Connection& c) {
  DatabaseConnection& db = c.database;
  if (c.type == ConnectionType::Postgres) {
    db.url = Secret(m.required("url", "write url: ${PG_URL}, e.g. postgresql://user:pass@host/db"));
    return;
  }
  db.path = m.required("path", c.type == ConnectionType::Csv ? "a CSV file or a folder of CSV files"
                                                               : "the SQLite database file");
  std::string delim = m.str("delimiter", ",");
  if (delim == "\\t") delim = "\t";
  if (delim.size() != 1) m.fail("delimiter", "must be one character (\",\", \";\", \"\\t\")");
  db.csv_delimiter = delim[0];
}

std::vector<std::string> keys_for(ConnectionType t) {
  switch (t) {
    case ConnectionType::Salesforce: return {"type", "login_url", "api_version", "auth", "max_api_usage_percent"};
    case ConnectionType::Sfmc:
      return {"type", "subdomain", "client_id", "client_secret", "account_id", "scopes", "grant", "refresh_token",
              "redirect_port", "auth_base_url", "rest_base_url", "utc_offset"};
    case ConnectionType::Postgres: return {"type", "url"};
    case ConnectionType::Sqlite: return {"type", "path"};
    case ConnectionType::Csv: return {"type", "path", "delimiter"};
  }
  return {"type"};
}

// Every key some connection type has, in first-seen order: what a connection may hold before its
// type is known.
std::vector<std::string> keys_of_any_type() {
  std::vector<std::string> all;
  for (ConnectionType t : {ConnectionType::Salesforce, ConnectionType::Sfmc, ConnectionType::Postgres,
                           ConnectionType::Sqlite, ConnectionType::Csv})
    for (std::string& key : keys_for(t))
      if (std::find(all.begin(), all.end(), key) == all.end()) all.push_back(std::move(key));
  return all;
}

}  // namespace

std::string_view connection_type_name(ConnectionType t) {
  switch (t) {
    case ConnectionType::Salesforce: return "salesforce";
    case ConnectionType::Sfmc: return "sfmc";
    case ConnectionType::Postgres: return "postgres";
    case ConnectionType::Sqlite: return "sqlite";
    case ConnectionType::Csv: return "csv";
  }
  return "salesforce";
}

std::string_view salesforce_auth_name(SalesforceAuthType t) {
  switch (t) {
    case SalesforceAuthType::RefreshToken: return "refresh_token";
    case SalesforceAuthType::ClientCredentials: return "client_credentials";
    case SalesforceAuthType::JwtBearer: return "jwt_bearer";
    case SalesforceAuthType::AuthorizationCode: return "authorization_code";
    case SalesforceAuthType::Password: return "password";
  }
  return "refresh_token";
}

void read_connections(const MapReader& top, Config& config) {
  if (!top.has("connections"))
    top.fail_here("\"connections\" is required (add connections: {crm: {type: salesforce, auth: {...}}})");
  YAML::Node all = top.node("connections");
  if (!all.IsMap()) top.fail("connections", "must be a map of name: {type: ..., ...}");
  for (const auto& kv : all) {
    Connection c;
    c.name = kv.first.as<std::string>();
    c.loc = top.ctx().at(kv.second);
    std::string scope = "connection \"" + c.name + "\"";
    if (config.find_connection(c.name)) top.ctx().fail(c.loc, scope, "is defined twice");
    if (!kv.second.IsMap()) top.ctx().fail(c.loc, scope, "must be a map (type: salesforce, ...)");
    // Read the type first: it decides which keys are valid.
    MapReader typed(top.ctx(), kv.second, scope, "", keys_of_any_type());
    if (!typed.has("type")) typed.fail_here("\"type\" is required (salesforce, sfmc, postgres, sqlite or csv)");
    c.type = typed.choice<ConnectionType>("type", {{"salesforce", ConnectionType::Salesforce},
                                                   {"sfmc", ConnectionType::Sfmc},
                                                   {"postgres", ConnectionType::Postgres},
                                                   {"sqlite", ConnectionType::Sqlite},
                                                   {"csv", ConnectionType::Csv}},
                                          ConnectionType::Salesforce);
    if (c.type == ConnectionType::Salesforce)
      for (const char* key : {"client_id", "client_secret", "refresh_token", "username", "password", "scopes"})
        if (typed.has(key)) typed.fail(key, "belongs under auth: (write auth: {type: ..., " + std::string(key) + ": ...})");
    MapReader m(top.ctx(), kv.second, scope, "", keys_for(c.type));
    if (c.type == ConnectionType::Salesforce) read_salesforce(m, c);
    else if (c.type == ConnectionType::Sfmc) read_sfmc(m, c);
    else read_database(m, c);
    config.connections.push_back(std::move(c));
  }
}

}  // namespace sfsync
