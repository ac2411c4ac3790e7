// The web console: one static page the daemon's API serves at `/`. It holds no data itself — its
// script reads /api/* (with the token the user types in, kept for the browser tab only) — so it
// is served without the token; everything it shows is the API's.
#pragma once

namespace sfsync {

const char* console_html();

}  // namespace sfsync
