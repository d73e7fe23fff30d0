#pragma once

// The territory tree as the reports room adds figures up: which communities lie under a
// territory, and which of its children they belong to.

#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "territory/model.h"

namespace socius::territory {

// One community under a territory, and the child of that territory it lies in (itself when
// the territory is its parent; empty when the territory is the community).
struct CommunityUnder {
  std::string community_id;
  std::string path;  // the community's own: "/MD/MD:13/MD:1301/"
  std::string child_code;
};

struct Subtree {
  std::vector<TerritoryRef> children;  // those holding communities, in the tree's order
  std::vector<CommunityUnder> communities;
};

// The communities under `territory` (its path) and its children that hold them.
core::Result<Subtree> LoadSubtree(store::Session& tx, const Territory& territory);

}  // namespace socius::territory
