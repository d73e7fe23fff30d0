#pragma once

// The JSON of persons and households (docs/registry-api.md): request bodies read into the
// model's inputs, records written out. Used by person_routes.cc and household_routes.cc.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "http/request.h"
#include "registry/model.h"
#include "registry/search.h"

namespace socius::registry {

// Reads a create/edit body. Unknown fields → "request.unknown_field"; a non-string where a
// string belongs, a non-array for identifiers/languages/members → "request.wrong_type"; both
// naming the field ("identifiers[1].scheme"). Values are not validated here (rules.h).
core::Result<PersonInput> ReadPersonInput(const http::Json& body);
// `creating`: community_code is accepted (a household does not move between communities).
core::Result<HouseholdInput> ReadHouseholdInput(const http::Json& body, bool creating);

http::Json EncodePerson(const Person& person, core::Date today);
http::Json EncodeHit(const SearchHit& hit, core::Date today);
http::Json EncodeHousehold(const Household& household, core::Date today);

// Opaque cursors: the raw keyset text in hex. nullopt for anything not produced by Encode.
std::string EncodeCursor(std::string_view raw);
std::optional<std::string> DecodeCursor(std::string_view cursor);

// "3", "\"3\"" and W/"3" name version 3; nullopt otherwise.
std::optional<int64_t> ParseIfMatch(std::string_view header);

// The `limit` query parameter: 1..200, default 50; "request.invalid_query" otherwise.
core::Result<int> ParseLimit(const http::Request& request);

// ETag: "<version>".
http::Response WithEtag(http::Response response, int64_t version);

}  // namespace socius::registry
