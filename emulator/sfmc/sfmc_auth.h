// Marketing Cloud auth host: POST /v2/token (client_credentials, authorization_code, refresh_token;
// JSON body, form body accepted too) and GET /v2/authorize (auto-approving, for tests).
//
// Real behaviour (reference §8.1): bad credentials -> 401 invalid_client with the captured text;
// requested scopes must be a subset of the package's and the token carries the requested ones (all
// of the package's when none are requested); authorization-code and refresh responses include a
// refresh_token, and a refresh token is single-use (the refresh grant returns a new one).
// Error texts other than invalid_client were not captured; they follow RFC 6749 wording.
#pragma once

#include "emulator/server/api_context.h"

namespace emu {

void register_sfmc_auth_routes(Router& router, ApiContext& ctx);

}  // namespace emu
