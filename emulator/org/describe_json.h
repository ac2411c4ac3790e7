// Describe documents rendered from the Catalog, in the exact shape of the REST API
// (GET /sobjects, /sobjects/{Object}, /sobjects/{Object}/describe).
//
// Every key real Salesforce sends is present, unused ones as null/false/0/[] — clients (and our
// own sync engine) read flags such as createable/nillable/defaultedOnCreate to decide what is
// required, so absent keys would be a divergence, not a simplification. Keys are written in
// alphabetical order as current API versions do.
#pragma once

#include <string>
#include <string_view>

#include "emulator/org/schema.h"

namespace emu {

// GET /services/data/vXX.X/sobjects
std::string global_describe_json(const Catalog& catalog, std::string_view api_version);
// GET /services/data/vXX.X/sobjects/{Object}/describe. `base_url` ("http://127.0.0.1:PORT")
// is used for the ui* URLs, which point at the org's web pages.
std::string object_describe_json(const Catalog& catalog, const ObjectSchema& object, std::string_view api_version,
                                 std::string_view base_url);
// The objectDescribe entry of GET /sobjects and GET /sobjects/{Object} (no fields).
std::string object_summary_json(const ObjectSchema& object, std::string_view api_version);
// GET /services/data/ (no session needed): [{"label":"Spring '25","url":"/services/data/v63.0","version":"63.0"}, ...]
std::string versions_json();

}  // namespace emu
