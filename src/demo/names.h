#pragma once

// What makes the demo's people look like the residents of each community: given and family
// names in their native script, patronymics, streets, the words of notes, and valid national
// identifiers made with the registry's check digits.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "registry/identifiers.h"

namespace socius::demo {

// A seeded source of choices (splitmix64): the same seed gives the same community on every
// machine, whatever the standard library.
class Dice {
 public:
  explicit Dice(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // 0 <= result < n (n > 0).
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  // lo <= result <= hi.
  int Between(int lo, int hi) { return lo + Below(hi - lo + 1); }
  // True with probability percent / 100.
  bool Percent(int percent) { return Below(100) < percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(Below(static_cast<int>(items.size())))];
  }

 private:
  uint64_t state_;
};

enum class Country { kMoldova, kUkraine };

struct FullName {
  std::string given;
  std::string family;
  std::string patronymic;  // empty where documents carry none (Moldova)
};

// The names of one country. Thread-safe (immutable after construction).
class NameBook {
 public:
  explicit NameBook(Country country) : country_(country) {}
  std::string Given(Dice& dice, registry::Sex sex) const;
  // A family name in its masculine form.
  std::string Family(Dice& dice) const;
  // The family name as a person of `sex` bears it (Ukrainian -ський → -ська, -ий → -а).
  std::string FamilyFor(std::string_view family, registry::Sex sex) const;
  // The patronymic a child of `father` bears; empty for Moldova.
  std::string Patronymic(std::string_view father, registry::Sex sex) const;
  std::string Street(Dice& dice) const;

 private:
  Country country_;
};

// Days from 1970-01-01 to `date` (negative before), and back.
int64_t DayNumber(core::Date date);
core::Date DateOfDay(int64_t day);
// Whole years from `birth` to `on`.
int AgeOn(core::Date birth, core::Date on);

// A valid MD-IDNP (assigned when the person got their first document) or UA-RNOKPP (encoding
// the birth date and sex), checked with registry::ValidateIdentifier; `serial` makes it unique.
std::string NationalIdentifier(Country country, core::Date birth, registry::Sex sex,
                               uint64_t serial);

}  // namespace socius::demo
