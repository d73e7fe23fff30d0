#pragma once

// Other readings of a name typed into search (see match_key.h for the key itself).

#include <string>
#include <string_view>
#include <vector>

namespace socius::text {

// Other readings of a typed name, for search: the keys the same name has when it was
// registered in the spelling that a letter of `name` comes from, where the match key keeps
// two letters apart on purpose (above). Search looks these up beside NameMatchKey(name), and
// ranks what they find after what the key itself finds; stored keys never change.
//  - Serbian/Croatian Latin of a Macedonian name: đ ђ → gj (ѓ), ć ћ → kj (ќ), and dj → gj
//    (Đorđi, Djordji = Ѓорѓи; Ćosevski = Ќосевски).
//  - Romanian read from Cyrillic (the Moldovan Cyrillic alphabet, or a Russian-language
//    document) and from its Russian romanisation: ц ts → ț, к k → c (ch before e, i),
//    э → ă, ж zh → j, дж dzh ӂ before e, i → g, before o → ge, before a, u → gi (Цуркан,
//    Tsurkan = Țurcan; Лазэр = Lazăr; Кожокару, Kozhokaru = Cojocaru; Кирияк = Chiriac;
//    Джорджана, Dzhordzhana = Georgiana; Джурджу = Giurgiu).
// Each reading has as many words as NameMatchKey(name), word for word; readings equal to
// the key or to an earlier reading are left out. Empty for most names. Thread-safe.
std::vector<std::string> NameReadingKeys(std::string_view name);

}  // namespace socius::text
