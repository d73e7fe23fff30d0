#pragma once

// Sorting names the way people read them. Databases compare text by bytes (SQLite) or by the
// server's locale (PostgreSQL), neither of which orders "Județul Arad" before "Olt" or
// "Іванівка" among Cyrillic names as a reader expects; so a name's ICU collation key is
// stored beside it and lists order by that column on both backends alike.

#include <string>
#include <string_view>

namespace socius::text {

// The sort key of `text` under the CLDR root collation (Latin letters, then Cyrillic; case and
// diacritics break ties only), as lower-case hexadecimal: comparing two keys as ASCII text
// orders their texts as the collation does. Ill-formed UTF-8 bytes sort as U+FFFD.
// Thread-safe (each thread uses its own collator).
std::string CollationKey(std::string_view text);

}  // namespace socius::text
