// A printable copy of the config for logs and `sfsync check -v`: every secret is "***".
#pragma once

#include <string>

#include "config/config.h"

namespace sfsync {

// YAML text of the effective config (defaults filled in). Secrets (client secrets, tokens,
// passwords, webhook header values) are replaced by "***", and so is the password of any URL
// (postgresql://user:***@host/db).
std::string redacted_dump(const Config& config);

// postgresql://user:secret@host/db -> postgresql://user:***@host/db
std::string redact_url(const std::string& url);

}  // namespace sfsync
