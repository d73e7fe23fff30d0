#pragma once

// What residents see without an account: a community's directory of services, searched by
// need in any of the six languages ("каша", "canteen", "bătrâni"), and the requests for help
// they send, which land in the community's intake queue for workers to answer. The public
// page's words (public_page.json, compiled in) also give the search its vocabulary.
// Thread-safe.

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "core/clock.h"
#include "core/result.h"
#include "services/model.h"
#include "services/repository.h"
#include "store/database.h"

namespace socius::services {

// The words of the public page, by key and language (en when a language lacks one); a
// type's or a target group's label.
const std::string& PublicText(std::string_view key, std::string_view language);
const std::string& TypeLabel(ServiceType type, std::string_view language);
const std::string& GroupLabel(TargetGroup group, std::string_view language);

// Whether `service` answers every word of `query`: its name or description holds the word,
// or the word names the need its type or one of its target groups meets, in any language.
// Words are compared by their name match keys, so scripts and diacritics do not matter.
bool MatchesNeed(const Service& service, std::string_view query);
// The words of `query` that count, as match keys joined by spaces: two queries with the same
// form find the same services (the public answers are cached under it).
std::string NormalisedQuery(std::string_view query);

// Bumped by every change to a service or its places: the directory's caches are then stale.
void CatalogueChanged();
uint64_t CatalogueGeneration();

struct Directory {
  Place community;
  std::vector<Service> services;  // active, by name
};

class PublicDirectory {
 public:
  explicit PublicDirectory(store::Database& db) : db_(db) {}
  // The community's directory; NotFound("territory.not_found") unless `code` names a
  // community. Read at most every few seconds per community (a page is cached briefly and
  // dropped at once when the catalogue changes).
  core::Result<Directory> Of(const std::string& code);

 private:
  struct Cached {
    Directory directory;
    core::TimePoint at;
    uint64_t generation = 0;
  };
  store::Database& db_;
  std::mutex mutex_;
  std::map<std::string, Cached> cache_;
};

class HelpRequests {
 public:
  explicit HelpRequests(store::Database& db) : db_(db) {}
  // A resident's request to the community with `community_code`
  // (NotFound("territory.not_found") unless a community). A request that filled the spam
  // trap is answered alike but not stored.
  core::Result<HelpRequest> Submit(const std::string& community_code,
                                   const HelpRequestInput& input);
  // The intake queue: case.work over the community (NotFound("territory.not_found")).
  core::Result<HelpPage> List(const auth::Principal& who,
                              const std::optional<std::string>& community_code,
                              const std::optional<std::string>& state, const std::string& after,
                              int limit);
  core::Result<HelpRequest> Get(const auth::Principal& who, const std::string& id);
  core::Result<HelpRequest> Resolve(const auth::Principal& who, const std::string& id,
                                    int64_t expected_version, const HelpResolution& resolution);

 private:
  store::Database& db_;
};

}  // namespace socius::services
