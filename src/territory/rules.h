#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/status.h"
#include "territory/model.h"

namespace socius::territory {

// Pure rules of the territory tree: no I/O. Failures are InvalidArgument with a stable
// "territory.*" code and the offending field.

inline constexpr size_t kMaxCodeLength = 64;
inline constexpr size_t kMaxNameCodePoints = 200;

// The country part of a code: "RO" for "RO:1017" and for "RO".
std::string_view CountryPrefix(std::string_view code);

// The shape of a code alone: a bare two-letter upper-case country code ("RO"), or
// "CC:rest" with CC two upper-case letters and rest non-empty; at most 64 characters of
// [A-Za-z0-9:._-]. InvalidArgument("territory.invalid_code", "code") otherwise.
core::Status CheckCodeShape(std::string_view code);

// A code placed under `parent_code` (nullopt: a root): a root's code is a bare country
// code; a child's is "CC:..." with CC the parent's country prefix.
// InvalidArgument("territory.invalid_code", "code").
core::Status CheckCodeUnder(std::string_view code, const std::optional<std::string>& parent_code);

// A child's level must be strictly below its parent's, except that a settlement may lie
// within a settlement (a city's districts: the KATOTTG's category B under a city); a root
// must be a country and a country must be a root. InvalidArgument("territory.invalid_level",
// "level") or InvalidArgument("territory.parent_required", "parent_code").
core::Status CheckLevelUnder(Level child, std::optional<Level> parent);

// True if `text` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view text);

// A name as stored: trimmed of surrounding white space, non-empty, at most 200 code points,
// no control characters. InvalidArgument("territory.invalid_name" or
// "territory.invalid_utf8", field).
core::Result<std::string> CleanName(std::string_view raw, std::string_view field = "name");

// The same for an optional Latin name: empty after trimming gives nullopt.
core::Result<std::optional<std::string>> CleanOptionalName(std::string_view raw,
                                                           std::string_view field);

// Materialised paths: "/RO/" for a root, parent_path + code + "/" for a child.
std::string PathOf(std::string_view parent_path, std::string_view code);
// The codes along a path, root first: "/RO/RO:10/" → {"RO", "RO:10"}. "/" → {}.
std::vector<std::string> CodesOnPath(std::string_view path);

// True if a caller whose scope is the subtrees at `scope_paths` may see the territory at
// `path`: it lies in one of the subtrees, or is an ancestor of one of their roots (so the
// tree can be walked down to it). Paths end in '/'.
bool InScope(std::string_view path, const std::vector<std::string>& scope_paths);

// A case-folded form of `text` for case-insensitive substring search: lower case for Latin
// (with Latin-1, Extended-A/B), Greek and Cyrillic letters; other characters unchanged.
// Input is expected to be valid UTF-8; invalid bytes are kept as they are.
std::string FoldForSearch(std::string_view text);

// The form kept in the search column: folded name, folded Latin name, then the name match
// keys (text/match_key.h) of both, one per line (no name contains a newline), so a
// substring never spans two of them. The match keys let a Latin spelling find a Cyrillic
// name ("Petrivka" finds Петрівка, "Bucha" finds Буча), as person search does.
std::string SearchKeyOf(std::string_view name, const std::optional<std::string>& name_latin);

// The patterns a search for `text` tries against the search column: its folded form, and its
// match key when that differs and is not empty and the text has no digit or colon (a code).
std::vector<std::string> SearchPatternsOf(std::string_view text);

}  // namespace socius::territory
