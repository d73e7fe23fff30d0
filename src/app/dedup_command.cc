#include "app/dedup_command.h"

#include <cstdio>
#include <iostream>

#include "dedup/dedup.h"
#include "registry/person_index.h"

namespace socius::app {

int RunDedup(const CommonOptions& common, const std::string& territory_code) {
  const std::string what = "dedup run";
  auto db = OpenDatabase(common, what);
  if (!db.ok()) return ExitCodeOf(db.status());
  // The command line keeps no search index: a running server refreshes its own from the
  // rows a run leaves unchanged (a run writes pairs only).
  registry::PersonIndex unused_index;
  core::Result<dedup::SearchRun> run = [&] {
    dedup::Deduplication dedup(**db, unused_index);
    int shown = -1;
    return dedup.RunNow(nullptr, territory_code, [&](double share) {
      const int percent = static_cast<int>(share * 100);
      if (percent / 10 == shown / 10) return;
      shown = percent;
      std::cout << "  " << percent << " %" << std::endl;
    });
  }();
  (*db)->Close();
  if (!run.ok()) {
    PrintError(what + ": " + territory_code, run.status());
    return ExitCodeOf(run.status());
  }
  std::printf(
      "Duplicates in %s (%s): %lld records compared, %lld candidate pairs, %lld pairs "
      "proposed in %lld groups, %.1f s\n",
      run->territory_name.c_str(), run->territory_code.c_str(),
      static_cast<long long>(run->records), static_cast<long long>(run->candidate_pairs),
      static_cast<long long>(run->proposed_pairs), static_cast<long long>(run->groups),
      run->seconds);
  return kExitOk;
}

}  // namespace socius::app
