// Wire names of the registry's enumerations.
#include "registry/model.h"

#include <array>
#include <utility>

namespace socius::registry {
namespace {

template <typename E, size_t N>
std::string_view NameIn(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "";
}

template <typename E, size_t N>
std::optional<E> ParseIn(const std::array<std::pair<E, std::string_view>, N>& table,
                         std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<Sex, std::string_view>, 2> kSexes = {
    {{Sex::kFemale, "female"}, {Sex::kMale, "male"}}};

constexpr std::array<std::pair<DisabilityDegree, std::string_view>, 4> kDegrees = {
    {{DisabilityDegree::kMild, "mild"},
     {DisabilityDegree::kModerate, "moderate"},
     {DisabilityDegree::kSevere, "severe"},
     {DisabilityDegree::kProfound, "profound"}}};

constexpr std::array<std::pair<Relationship, std::string_view>, 10> kRelationships = {
    {{Relationship::kHead, "head"},
     {Relationship::kSpouse, "spouse"},
     {Relationship::kPartner, "partner"},
     {Relationship::kChild, "child"},
     {Relationship::kParent, "parent"},
     {Relationship::kSibling, "sibling"},
     {Relationship::kGrandchild, "grandchild"},
     {Relationship::kGrandparent, "grandparent"},
     {Relationship::kOtherRelative, "other_relative"},
     {Relationship::kNonRelative, "non_relative"}}};

constexpr std::array<std::pair<DwellingType, std::string_view>, 7> kDwellings = {
    {{DwellingType::kHouse, "house"},
     {DwellingType::kApartment, "apartment"},
     {DwellingType::kSocialHousing, "social_housing"},
     {DwellingType::kInstitution, "institution"},
     {DwellingType::kInformal, "informal"},
     {DwellingType::kHomeless, "homeless"},
     {DwellingType::kOther, "other"}}};

constexpr std::array<std::pair<IncomeBand, std::string_view>, 5> kBands = {
    {{IncomeBand::kNone, "none"},
     {IncomeBand::kVeryLow, "very_low"},
     {IncomeBand::kLow, "low"},
     {IncomeBand::kMedium, "medium"},
     {IncomeBand::kHigh, "high"}}};

}  // namespace

std::string_view Name(Sex sex) { return NameIn(kSexes, sex); }
std::string_view Name(DisabilityDegree degree) { return NameIn(kDegrees, degree); }
std::string_view Name(Relationship relationship) { return NameIn(kRelationships, relationship); }
std::string_view Name(DwellingType type) { return NameIn(kDwellings, type); }
std::string_view Name(IncomeBand band) { return NameIn(kBands, band); }
std::optional<Sex> ParseSex(std::string_view name) { return ParseIn(kSexes, name); }
std::optional<DisabilityDegree> ParseDisabilityDegree(std::string_view name) {
  return ParseIn(kDegrees, name);
}
std::optional<Relationship> ParseRelationship(std::string_view name) {
  return ParseIn(kRelationships, name);
}
std::optional<DwellingType> ParseDwellingType(std::string_view name) {
  return ParseIn(kDwellings, name);
}
std::optional<IncomeBand> ParseIncomeBand(std::string_view name) { return ParseIn(kBands, name); }

}  // namespace socius::registry
