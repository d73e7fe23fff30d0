#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace socius::territory {

// The rungs of the territory tree, from the top. A child is always on a lower rung than its
// parent, but rungs may be skipped (a community can hang directly under a region).
enum class Level { kCountry, kRegion, kDistrict, kCommunity, kSettlement };

// The wire name of a level: "country", "region", "district", "community", "settlement".
constexpr std::string_view Name(Level level) {
  switch (level) {
    case Level::kCountry:
      return "country";
    case Level::kRegion:
      return "region";
    case Level::kDistrict:
      return "district";
    case Level::kCommunity:
      return "community";
    case Level::kSettlement:
      return "settlement";
  }
  return "";
}

constexpr std::optional<Level> ParseLevel(std::string_view name) {
  for (Level level :
       {Level::kCountry, Level::kRegion, Level::kDistrict, Level::kCommunity, Level::kSettlement}) {
    if (Name(level) == name) return level;
  }
  return std::nullopt;
}

// The code of the synthetic installation root ('/'), which holds every country. It is a
// row of the table (so that a grant can point at it) but never an item of a listing.
inline constexpr std::string_view kInstallationRootCode = "ROOT";

// Another territory as a record names it: a parent shown beside a name ("Петрівка, Бучанський
// район, Київська область") so that places of one name can be told apart.
struct TerritoryRef {
  std::string code;
  std::string name;
  Level level = Level::kCountry;
};

// One node of the tree: a country, region, district, community (the tenant) or settlement.
struct Territory {
  std::string id;
  std::string code;  // "RO:1017"; a country's code is its bare ISO alpha-2 code, "RO"
  std::string name;  // native script, as the source writes it
  std::optional<std::string> name_latin;
  Level level = Level::kCountry;
  std::string parent_id;                    // "" for a country
  std::optional<std::string> parent_code;   // nullopt for a country
  std::string path;                         // "/RO/RO:10/RO:1017/"
  std::optional<std::string> community_id;  // the community-level ancestor-or-self
  // The territories above it, from the country down (the installation root left out);
  // filled by listings and look-ups for display, never stored.
  std::vector<TerritoryRef> ancestors;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

// What a caller supplies to create one territory.
struct NewTerritory {
  std::string code;
  std::string name;
  std::optional<std::string> name_latin;
  Level level = Level::kCountry;
  std::optional<std::string> parent_code;
};

}  // namespace socius::territory
