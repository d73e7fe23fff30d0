#pragma once

#include <string>
#include <string_view>

namespace socius::store {

// Rewrites the `?` placeholders of `sql` to PostgreSQL's `$1`, `$2`, ... in order of
// appearance, leaving alone any `?` inside string literals ('..', E'..'), quoted identifiers,
// dollar-quoted strings and comments. Stores the number of placeholders in `*count`.
std::string RewritePlaceholders(std::string_view sql, int* count);

// Removes the query parameter `name` from a URL and returns its value in `*value` (empty
// when absent). Lets Socius read its own settings (pool_size) from a libpq URI, which would
// otherwise reject the unknown parameter.
std::string TakeUrlParameter(std::string_view url, std::string_view name, std::string* value);

}  // namespace socius::store
