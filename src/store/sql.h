#pragma once

// Pieces of SQL that every repository needs and that must read the same everywhere, on
// SQLite and PostgreSQL alike. Each returns a fragment with `?` placeholders and appends the
// values to `params` in the order the placeholders appear.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace socius::store {

// The tenant filter: true for rows whose territory path (`path_column`, e.g. "c.path") lies
// in the subtree of one of `roots` (auth::ScopePaths: '/RO/RO:10/' covers '/RO/RO:10/RO:1017/'
// and not '/RO/RO:101/'). It is the one filter that keeps a worker out of another
// community's data, so it is strict:
//  - a root of "/" is the whole installation ("1 = 1", no parameters);
//  - a root not ending in '/' covers nothing (it would also cover its longer siblings);
//  - no root (or none valid) covers nothing ("1 = 0");
//  - the test is a byte comparison of the path's prefix, never LIKE, so that neither a case
//    difference (SQLite's LIKE ignores ASCII case) nor '%', '_' or '!' in a code widens it.
std::string ScopeFilter(std::string_view path_column, const std::vector<std::string>& roots,
                        std::vector<Value>& params);

// "`column` starts with `prefix`", byte for byte (see ScopeFilter for why not LIKE).
std::string StartsWith(std::string_view column, const std::string& prefix,
                       std::vector<Value>& params);

// A LIKE pattern (use with ESCAPE '!') that matches any text containing `text` literally:
// '%', '_' and '!' in `text` are escaped.
std::string LikeContaining(std::string_view text);
// `text` with '%', '_' and '!' escaped for a LIKE ... ESCAPE '!' pattern.
std::string EscapeLike(std::string_view text);

// "?, ?, ?" for `n` parameters (an IN list).
std::string Placeholders(size_t n);

// The value of an optional text column: the text, or NULL.
Value OptValue(const std::optional<std::string>& text);
// The outcome of an UPDATE ... WHERE id = ? AND version = ?: Ok when it changed exactly one
// row, Conflict("conflict.stale_version") when none (someone changed the record first).
core::Status StaleUnlessOne(const core::Result<int64_t>& changed);

}  // namespace socius::store
