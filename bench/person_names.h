#pragma once

// Name tables of the synthetic registry (bench only): first and family names of the five
// countries in their native script, each list ordered from the most to the least frequent
// (after national statistics offices' and civil registries' published rankings, rounded to
// rank order), plus the grammar that turns them into feminine family names and patronymics.

#include <string>
#include <string_view>
#include <vector>

namespace socius::bench {

// Who a name list belongs to. Russian names occur in Ukraine (and Moldova) in Russian spelling.
enum class NameStock { kRomanian, kMoldovan, kUkrainian, kRussian, kMacedonian, kLithuanian };

struct NameLists {
  std::vector<std::string> male;     // given names, by rank
  std::vector<std::string> female;   // given names, by rank
  std::vector<std::string> family;   // family names in their masculine (base) form, by rank
  std::vector<std::string> stems;    // stems of the long tail of family names
  std::vector<std::string> endings;  // endings that make a tail family name from a stem
  bool cyrillic = false;
  bool patronymic = false;  // the stock's documents carry a patronymic
};

// The lists of `stock`, built once; thread-safe.
const NameLists& NamesOf(NameStock stock);

// The feminine form of a family name. Lithuanian women's names depend on marriage
// (Kazlauskas → Kazlauskienė married, Kazlauskaitė unmarried); other stocks ignore `married`.
std::string FeminineFamilyName(NameStock stock, std::string_view family, bool married);

// The patronymic made from the father's given name `father`, for a son or a daughter
// (Ukrainian Микола → Миколайович / Миколаївна, Russian Сергей → Сергеевич / Сергеевна).
// Moldovan documents write the father's given name as it is. Empty for other stocks.
std::string Patronymic(NameStock stock, std::string_view father, bool male);

}  // namespace socius::bench
