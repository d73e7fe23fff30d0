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
#include "registry/persons.h"
#include "registry/search.h"

namespace socius::registry {

// Reads a create/edit body. Unknown fields → "request.unknown_field"; a non-string where a
// string belongs, a non-array for identifiers/languages/members → "request.wrong_type"; both
// naming the field ("identifiers[1].scheme"). Values are not validated here (rules.h).
core::Result<PersonInput> ReadPersonInput(const http::Json& body);
// `creating`: community_code is accepted (a household does not move between communities).
core::Result<HouseholdInput> ReadHouseholdInput(const http::Json& body, bool creating);

// Takes "duplicate_reason" out of a create body: absent, null or blank → nullopt; not a
// string → "request.wrong_type"; over 500 characters → "request.field_too_long".
core::Result<std::optional<std::string>> TakeDuplicateReason(http::Json& body);

http::Json EncodePerson(const Person& person, core::Date today);
http::Json EncodeHit(const SearchHit& hit, core::Date today);
// A PersonHit with "reason" instead of "match".
http::Json EncodeLikelyMatch(const LikelyMatch& match, core::Date today);
http::Json EncodeHousehold(const Household& household, core::Date today);

// The longest keyset text a list cursor (http::EncodeHexCursor) may carry.
inline constexpr size_t kMaxCursorBytes = 1024;

}  // namespace socius::registry
