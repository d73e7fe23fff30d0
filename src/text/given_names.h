#pragma once

// The forms one given name takes in the languages of the installation: a person registered
// in Moldova as Iurie is Юрій in a Ukrainian document and Юрий in a Russian one, an Анна may
// be written Ганна. These are different names to the match key (match_key.h keeps Oleksandr
// and Aleksandr apart), and the same person to a social worker looking for them.
//
// The table is small and curated: the calendar names common in the registry's countries,
// each with its Ukrainian, Russian, Romanian/Moldovan and Macedonian forms, compiled from the
// forms listed by Wikipedia's article on each name (sections "In other languages" /
// "Variants", e.g. https://en.wikipedia.org/wiki/Alexander_(given_name)) and checked against
// the most frequent given names published by the civil registries (the bench's name lists).

#include <string>
#include <string_view>
#include <vector>

namespace socius::text {

// The match keys (NameMatchKey) of the other forms of the given name whose match key is
// `key` (one word), without `key` itself; empty when the name is not in the table. A key that
// belongs to two names (Ion, Ioan) gives the other forms of both. Thread-safe; the table is
// built on first use.
const std::vector<std::string>& GivenNameFormKeys(std::string_view key);

}  // namespace socius::text
