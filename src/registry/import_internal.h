#pragma once

// The person import's insides, shared by its three files: import.cc (the job: preparing,
// progress, finishing, suspending), import_validate.cc (the validation pass: rows through the
// registry's rules, duplicates within the file and against the registry) and import_write.cc
// (the writing pass in batches). Not part of the room's interface.

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "dedup/engine.h"
#include "registry/import.h"
#include "registry/import_csv.h"
#include "registry/import_repository.h"
#include "registry/model.h"
#include "store/database.h"

namespace socius::registry::internal {

using core::Result;
using core::Status;

inline constexpr size_t kCheckBatch = 1000;  // rows checked against the registry per read
// Persons the validation pass keeps for the writing pass (beyond, rows are checked again).
inline constexpr size_t kMaxKeptPersons = 200000;

inline uint64_t KeyHash(std::string_view text) { return std::hash<std::string_view>{}(text); }

inline ImportProblem ProblemOf(int64_t row, const CsvProblem& p) {
  return ImportProblem{row, p.field, p.code, p.message, p.params, false, ""};
}

inline ImportProblem ProblemOf(int64_t row, const Status& s) {
  return ImportProblem{row, CsvFieldOf(s.field()), s.code(), s.detail(), s.params(), false, ""};
}

// Turns records into persons with the registry's rules, and knows where they may go.
class RowChecker {
 public:
  RowChecker(store::Database& db, std::vector<std::string> scope, core::Date today)
      : db_(db), scope_(std::move(scope)), today_(today) {}

  // The person of `record`, placed and inside the scope; or the problem.
  Status Check(const ImportRecord& record, Person& person);

 private:
  store::Database& db_;
  std::vector<std::string> scope_;
  core::Date today_;
  std::unordered_map<std::string, Result<Placement>> placements_;
};

// What the validation pass keeps of a household.
struct HouseholdCheck {
  std::string community_id;
  int heads = 0;
  bool bad = false;
  std::vector<int64_t> rows;
  std::vector<std::string> persons;  // the name on each of `rows`
};

// A valid row waiting to be checked against the registry.
struct PendingCheck {
  int64_t row = 0;
  std::vector<PersonIdentifier> identifiers;
  std::string name_key;
  std::string birth_date;
  std::string community_id;
  std::optional<std::string> household_ref;
  std::string person;    // the name on the row
  dedup::Record record;  // what the deduplication engine compares
};

// The registered person a row is linked to (ImportOptions::link_possible_duplicates).
struct ImportLink {
  int64_t row = 0;
  std::string person_id;
};

// The earlier rows of the file a row is probably the same person as, by the deduplication
// engine. Rows meet when they share a birth date or a name key; each row is compared with the
// last kWindow rows of each of its two blocks, so the work per row is bounded whatever the
// file. Only the first kMaxKeptPersons rows are remembered (memory stays bounded; the rows
// after them are still compared with those).
class FileMatcher {
 public:
  static constexpr size_t kWindow = 32;

  struct Match {
    int64_t row = 0;
    double probability = 0;
  };
  // The earlier row `record` (of file row `row`) most probably is, when one reaches the
  // engine's threshold; then remembers the row.
  std::optional<Match> Add(int64_t row, const std::string& birth_date, const std::string& name_key,
                           dedup::Record record);

 private:
  dedup::Options options_;
  dedup::Scorer scorer_{options_.model};
  std::vector<std::pair<int64_t, dedup::Record>> rows_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> blocks_;  // block key -> rows_ indexes
};

// The percent of a probability as the messages show it ("97"), never 100 for less than 1.
std::string PercentOf(double probability);

class Importer {
 public:
  Importer(store::Database& db, PersonIndex* index, std::istream& in, const ImportOptions& options,
           const ImportProgress& on_progress)
      : db_(db), index_(index), in_(in), options_(options), on_progress_(on_progress) {}

  Result<ImportReport> Run();

 private:
  Status PrepareJob();
  Status Validate();
  Status CheckPending();
  void Reject(ImportProblem problem, const std::optional<std::string>& household_ref = {});
  void Note(ImportProblem problem);
  // Records that `p` is linked to `person_id` instead of written (why: `reason`, with the
  // engine's `probability`).
  void Link(const PendingCheck& p, const std::string& person_id, const std::string& reason,
            double probability);
  Status Write();
  Status WriteBatch(std::vector<std::pair<int64_t, Person>>& batch,
                    std::vector<std::pair<std::string, Relationship>>& members,
                    std::vector<std::pair<ImportLink, Person>>& linked, int64_t last_row);
  // In the batch's transaction: fills the empty fields and missing identifiers of each linked
  // person from its row, with an audit entry `person.update` each; `updated` gets the persons
  // that changed (for the index). A linked person merged or gone since is written as new.
  // `held`: which of the rows' identifiers are registered. Returns the links written.
  core::Result<int64_t> WriteLinks(store::Session& tx,
                                   std::vector<std::pair<ImportLink, Person>>& linked,
                                   const std::set<std::pair<std::string, std::string>>& held,
                                   std::vector<ImportedPerson>& persons,
                                   std::vector<Person>& updated);
  Status Finish(const std::string& status);
  // The progress callback stopped the import: a cancellation, or a suspension when
  // options_.suspended says so.
  Status Stopped();
  // Leaves the job queued for the next start, without an audit entry.
  Status Suspend();
  // Marks the job failed after `failure` of the store, if the store takes it; returns `failure`.
  Status StoreFailed(const Status& failure);
  bool Progress(const std::string& phase);
  std::vector<std::string> Scope() const;

  store::Database& db_;
  PersonIndex* index_;
  std::istream& in_;
  const ImportOptions& options_;
  const ImportProgress& on_progress_;
  core::Date today_ = core::Today();

  ImportJob job_;
  ImportReport report_;
  std::vector<int64_t> rejected_;  // rows not to write (errors and skipped duplicates)
  int64_t errors_ = 0;             // rows with an error (block all-or-nothing)
  bool header_failed_ = false;     // the header is unusable: nothing can be imported
  std::unordered_map<uint64_t, int64_t> identifier_rows_;
  std::unordered_map<uint64_t, int64_t> person_rows_;
  std::unordered_map<std::string, HouseholdCheck> households_;
  std::vector<PendingCheck> pending_;
  std::vector<std::string> scope_;  // the importer's scope, for the registry's matches
  std::vector<ImportLink> links_;   // rows linked instead of written, in file order
  FileMatcher file_matcher_;
  dedup::NameKeys name_keys_;  // the name parts of rows and candidates, keyed once each
  // The row being validated and its person's name: a problem of that row carries the name.
  int64_t current_row_ = 0;
  std::string current_person_;
  // The persons of the valid rows, in file order, as the validation pass made them: the
  // writing pass takes them instead of applying the rules to the rows again.
  std::vector<std::pair<int64_t, Person>> kept_;
  bool kept_all_ = true;  // false when kMaxKeptPersons was reached
  std::unordered_map<std::string, std::string> household_ids_;  // household_ref -> id
  std::unordered_set<std::string> households_written_;          // households in committed batches
  bool households_fresh_ = false;  // no batch of the job was committed before this run
};

}  // namespace socius::registry::internal
