// Connected apps, users and Marketing Cloud packages from the emulator's YAML config:
//
//   connected_apps:                 # Salesforce connected apps (added to options.salesforce_apps)
//     - client_id: my-app
//       client_secret: s3cret
//       redirect_uris: [http://localhost:1717/OauthRedirect]
//       jwt_certificate_file: certs/server.crt   # relative to the config file; enables JWT bearer
//       scopes: api refresh_token
//       rotate_refresh_tokens: true              # each refresh grant returns a new refresh token
//   users:                          # org users (options.users); user_id optional (generated), 15 or 18 chars
//     - {username: a@example.com, password: pw, user_id: 005...}
//   sfmc_packages:                  # Marketing Cloud installed packages (options.sfmc_apps)
//     - {client_id: x, client_secret: y, scopes: data_extensions_read offline, account_id: "514009001",
//        redirect_uris: [...]}
//
// Entries are appended; an entry whose client_id / username already exists replaces it.
#pragma once

#include <string>

#include "common/result.h"
#include "emulator/server/options.h"

namespace emu {

sfsync::Result<void> load_apps_from_yaml(EmulatorOptions& options, const std::string& path);

// True when `uri` is one of the app's registered redirect URIs (exact match, as Salesforce requires).
bool has_redirect_uri(const ClientApp& app, std::string_view uri);

}  // namespace emu
