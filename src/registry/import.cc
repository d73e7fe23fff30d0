// The person import (import.h): a validation pass, then a writing pass in batches.
#include "registry/import.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "auth/tokens.h"
#include "core/ids.h"
#include "core/log.h"
#include "registry/import_csv.h"
#include "registry/import_repository.h"
#include "registry/repository.h"
#include "registry/rules.h"

namespace socius::registry {

using core::Result;
using core::Status;

namespace {

constexpr size_t kCheckBatch = 1000;  // rows checked against the registry per read
// Persons the validation pass keeps for the writing pass (beyond, rows are checked again).
constexpr size_t kMaxKeptPersons = 200000;

uint64_t KeyHash(std::string_view text) { return std::hash<std::string_view>{}(text); }

ImportProblem ProblemOf(int64_t row, const CsvProblem& p) {
  return ImportProblem{row, p.field, p.code, p.message, p.params, false};
}

ImportProblem ProblemOf(int64_t row, const Status& s) {
  return ImportProblem{row, CsvFieldOf(s.field()), s.code(), s.detail(), s.params(), false};
}

// Turns records into persons with the registry's rules, and knows where they may go.
class RowChecker {
 public:
  RowChecker(store::Database& db, std::vector<std::string> scope, core::Date today)
      : db_(db), scope_(std::move(scope)), today_(today) {}

  // The person of `record`, placed and inside the scope; or the problem.
  Status Check(const ImportRecord& record, Person& person) {
    SOCIUS_RETURN_IF_ERROR(ApplyPersonInput(record.input, /*creating=*/true, today_, person));
    const PlacementCodes codes = PlacementCodesOfNewPerson(record.input);
    const std::optional<std::string>& community = codes.community_code;
    const std::optional<std::string>& settlement = codes.settlement_code;
    const std::string key = community.value_or("") + '\x1f' + settlement.value_or("");
    auto it = placements_.find(key);
    if (it == placements_.end()) {
      Result<Placement> placed = Status::Internal("not resolved");
      Status read = db_.Read([&](store::Session& tx) {
        placed = ResolvePlacement(tx, community, settlement, "person");
        return Status::Ok();
      });
      if (!read.ok()) return read;
      it = placements_.emplace(key, std::move(placed)).first;
    }
    if (!it->second.ok()) return it->second.status();
    const Placement& p = *it->second;
    if (!InScope(p.community.path, scope_)) {
      return Status::InvalidArgument("import.outside_scope",
                                     community ? "community_code" : "settlement_code",
                                     "outside the importer's territories")
          .With("code", community.value_or(settlement.value_or("")));
    }
    PlacePerson(person, p);
    return Status::Ok();
  }

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
};

// A valid row waiting to be checked against the registry.
struct PendingCheck {
  int64_t row = 0;
  std::vector<PersonIdentifier> identifiers;
  std::string name_key;
  std::string birth_date;
  std::string community_id;
  std::optional<std::string> household_ref;
};

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
  Status Write();
  Status WriteBatch(std::vector<std::pair<int64_t, Person>>& batch,
                    std::vector<std::pair<std::string, Relationship>>& members, int64_t last_row);
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
  // The persons of the valid rows, in file order, as the validation pass made them: the
  // writing pass takes them instead of applying the rules to the rows again.
  std::vector<std::pair<int64_t, Person>> kept_;
  bool kept_all_ = true;  // false when kMaxKeptPersons was reached
  std::unordered_map<std::string, std::string> household_ids_;  // household_ref -> id
  std::unordered_set<std::string> households_written_;          // households in committed batches
  bool households_fresh_ = false;  // no batch of the job was committed before this run
};

std::vector<std::string> Importer::Scope() const {
  std::vector<std::string> roots =
      options_.actor ? auth::ScopePaths(*options_.actor, auth::Permission::kPersonImport)
                     : std::vector<std::string>{"/"};
  if (options_.scope_path.empty()) return roots;
  for (const std::string& root : roots) {
    if (auth::PathCovers(root, options_.scope_path)) return {options_.scope_path};
  }
  std::vector<std::string> narrower;
  for (const std::string& root : roots) {
    if (auth::PathCovers(options_.scope_path, root)) narrower.push_back(root);
  }
  return narrower;
}

void Importer::Note(ImportProblem problem) {
  if (problem.warning) ++report_.warnings;
  if (report_.problems.size() < kMaxImportProblems) report_.problems.push_back(std::move(problem));
}

void Importer::Reject(ImportProblem problem, const std::optional<std::string>& household_ref) {
  rejected_.push_back(problem.row);
  ++errors_;
  if (household_ref) households_[*household_ref].bad = true;
  Note(std::move(problem));
}

bool Importer::Progress(const std::string& phase) {
  if (!on_progress_) return true;
  return on_progress_(
      ImportProgressInfo{phase, job_.rows_read, job_.rows_total, job_.rows_written});
}

Status Importer::PrepareJob() {
  std::string sha = options_.file_sha256;
  int64_t size = 0;
  if (sha.empty()) {
    Result<std::pair<std::string, int64_t>> hashed = HashStream(in_);
    if (!hashed.ok()) return hashed.status();
    sha = hashed->first;
    size = hashed->second;
  }
  return db_.Write([&](store::Session& tx) -> Status {
    if (!options_.job_id.empty()) {
      Result<std::optional<ImportJob>> found = FindImportJob(tx, options_.job_id);
      if (!found.ok()) return found.status();
      if (!*found) return Status::NotFound("import.not_found", "no such import");
      job_ = std::move(**found);
    } else {
      Result<std::vector<ImportJob>> jobs = FindImportJobsBySha256(tx, sha);
      if (!jobs.ok()) return jobs.status();
      std::optional<ImportJob> resumable;
      for (ImportJob& j : *jobs) {
        if (j.status == "done" && !options_.again) {
          return Status::Conflict("import.already_imported", "", "this file was imported")
              .With("import_id", j.id);
        }
        if (!resumable && j.status != "done" && j.status != "uploading" && j.status != "queued") {
          resumable = std::move(j);
        }
      }
      if (options_.again) resumable.reset();
      if (resumable) {
        job_ = std::move(*resumable);
      } else {
        job_.id = core::NewId();
        job_.file_name = options_.file_name;
        job_.file_sha256 = sha;
        job_.size = job_.bytes_received = size;
        job_.status = "validating";
        job_.mode = options_.partial ? "partial" : "all_or_nothing";
        nlohmann::json opts = {{"mapping", options_.mapping},
                               {"skip_possible_duplicates", options_.skip_possible_duplicates}};
        job_.options_json = opts.dump();
        if (options_.actor) job_.created_by = options_.actor->user_id;
        job_.scope_path = options_.scope_path.empty() ? "/" : options_.scope_path;
        SOCIUS_RETURN_IF_ERROR(InsertImportJob(tx, job_));
      }
    }
    report_.resumed = job_.last_committed_row > 0;
    job_.status = "validating";
    job_.rows_total = job_.rows_read = job_.rows_ok = job_.rows_rejected = 0;
    return UpdateImportJob(tx, job_);
  });
}

Status Importer::CheckPending() {
  if (pending_.empty()) return Status::Ok();
  std::vector<std::pair<std::string, std::string>> identifiers;
  std::vector<std::string> keys;
  for (const PendingCheck& p : pending_) {
    for (const PersonIdentifier& id : p.identifiers) identifiers.emplace_back(id.scheme, id.value);
    if (!p.birth_date.empty()) keys.push_back(p.name_key);
  }
  std::set<std::pair<std::string, std::string>> held;
  std::vector<SimilarPerson> similar;
  SOCIUS_RETURN_IF_ERROR(db_.Read([&](store::Session& tx) -> Status {
    Result<std::set<std::pair<std::string, std::string>>> h = FindHeldIdentifiers(tx, identifiers);
    if (!h.ok()) return h.status();
    held = std::move(*h);
    Result<std::vector<SimilarPerson>> s = FindPersonsByNameKey(tx, keys);
    if (!s.ok()) return s.status();
    similar = std::move(*s);
    return Status::Ok();
  }));
  std::unordered_map<std::string, std::string> similar_by_key;
  for (const SimilarPerson& s : similar) {
    if (s.birth_date.empty()) continue;
    similar_by_key.emplace(s.name_key + '\x1f' + s.birth_date + '\x1f' + s.community_id, s.id);
  }
  for (const PendingCheck& p : pending_) {
    bool rejected = false;
    for (const PersonIdentifier& id : p.identifiers) {
      if (held.contains({id.scheme, id.value})) {
        Reject(ImportProblem{p.row,
                             "identifier_value",
                             "person.duplicate_identifier",
                             "another person holds this identifier",
                             {{"scheme", id.scheme}}},
               p.household_ref);
        rejected = true;
        break;
      }
    }
    if (rejected || p.birth_date.empty()) continue;
    auto it = similar_by_key.find(p.name_key + '\x1f' + p.birth_date + '\x1f' + p.community_id);
    if (it == similar_by_key.end()) continue;
    ImportProblem warning{p.row,
                          "family_name",
                          "import.possible_duplicate",
                          "a registered person has the same name and birth date",
                          {{"person_id", it->second}},
                          true};
    if (options_.skip_possible_duplicates) {
      rejected_.push_back(p.row);
      if (p.household_ref) households_[*p.household_ref].bad = true;
    }
    Note(std::move(warning));
  }
  pending_.clear();
  return Status::Ok();
}

Status Importer::Validate() {
  RowChecker checker(db_, Scope(), today_);
  PersonCsvReader reader(in_, options_.mapping);
  if (std::optional<CsvProblem> header = reader.ReadHeader()) {
    Reject(ProblemOf(header->code == "import.empty_file" ? 0 : 1, *header));
    rejected_.clear();
    header_failed_ = true;
    return Status::Ok();
  }
  ImportRecord record;
  std::optional<CsvProblem> problem;
  while (reader.Next(&record, &problem)) {
    ++job_.rows_total;
    ++job_.rows_read;
    if (problem) {
      Reject(ProblemOf(record.row, *problem), record.household_ref);
    } else {
      Person person;
      Status s = checker.Check(record, person);
      std::optional<Relationship> relationship;
      if (s.ok() && record.relationship) {
        relationship = ParseRelationship(*record.relationship);
        if (!relationship) {
          s = Status::InvalidArgument("household.invalid_relationship", "relationship_to_head",
                                      "unknown relationship");
        }
      }
      if (!s.ok()) {
        Reject(ProblemOf(record.row, s), record.household_ref);
      } else {
        bool duplicate = false;
        for (const PersonIdentifier& id : person.identifiers) {
          auto [it, added] =
              identifier_rows_.emplace(KeyHash(id.scheme + '\x1f' + id.value), record.row);
          if (!added) {
            Reject(ImportProblem{record.row,
                                 "identifier_value",
                                 "import.duplicate_in_file",
                                 "the same identifier as an earlier row",
                                 {{"row", std::to_string(it->second)}}},
                   record.household_ref);
            duplicate = true;
          }
        }
        const std::string birth = person.birth_date ? person.birth_date->ToString() : "";
        if (!duplicate && !birth.empty()) {
          auto [it, added] = person_rows_.emplace(
              KeyHash(person.name_key + '\x1f' + birth + '\x1f' + person.community_id), record.row);
          if (!added) {
            Reject(ImportProblem{record.row,
                                 "family_name",
                                 "import.duplicate_in_file",
                                 "the same name, birth date and community as an earlier row",
                                 {{"row", std::to_string(it->second)}}},
                   record.household_ref);
            duplicate = true;
          }
        }
        if (!duplicate) {
          if (record.household_ref) {
            HouseholdCheck& h = households_[*record.household_ref];
            if (h.rows.empty()) h.community_id = person.community_id;
            h.rows.push_back(record.row);
            if (*relationship == Relationship::kHead) ++h.heads;
            if (h.community_id != person.community_id) {
              Reject(ImportProblem{record.row,
                                   "community_code",
                                   "household.member_other_community",
                                   "a member of another community than the household's",
                                   {}},
                     record.household_ref);
            }
          }
          pending_.push_back(PendingCheck{record.row, person.identifiers, person.name_key, birth,
                                          person.community_id, record.household_ref});
          if (kept_all_ && kept_.size() < kMaxKeptPersons) {
            kept_.emplace_back(record.row, std::move(person));
          } else {
            kept_all_ = false;
          }
        }
      }
    }
    if (pending_.size() >= kCheckBatch) SOCIUS_RETURN_IF_ERROR(CheckPending());
    if (job_.rows_read % 1000 == 0) {
      if (!Progress("validating")) return Status::Conflict("import.cancelled");
      if (job_.rows_read % 20000 == 0) {
        SOCIUS_RETURN_IF_ERROR(
            db_.Write([&](store::Session& tx) { return UpdateImportJob(tx, job_); }));
      }
    }
  }
  SOCIUS_RETURN_IF_ERROR(CheckPending());
  for (auto& [ref, h] : households_) {
    if (h.rows.empty()) continue;
    if (h.heads != 1 && !h.bad) {
      Reject(ImportProblem{h.rows.front(),
                           "relationship_to_head",
                           h.heads == 0 ? "household.head_required" : "household.multiple_heads",
                           "a household needs exactly one head",
                           {{"household_ref", ref}}});
      h.bad = true;
    }
    if (!h.bad) continue;
    // A household is imported whole or not at all.
    std::sort(rejected_.begin(), rejected_.end());
    for (int64_t row : h.rows) {
      if (std::binary_search(rejected_.begin(), rejected_.end(), row)) continue;
      rejected_.push_back(row);
      ++errors_;
      Note(ImportProblem{row,
                         "household_ref",
                         "import.household_rejected",
                         "another member of the household was rejected",
                         {{"household_ref", ref}}});
    }
  }
  std::sort(rejected_.begin(), rejected_.end());
  rejected_.erase(std::unique(rejected_.begin(), rejected_.end()), rejected_.end());
  std::stable_sort(report_.problems.begin(), report_.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.row < b.row; });
  job_.rows_rejected = static_cast<int64_t>(rejected_.size());
  job_.rows_ok = job_.rows_total - job_.rows_rejected;
  return Status::Ok();
}

Status Importer::WriteBatch(std::vector<std::pair<int64_t, Person>>& batch,
                            std::vector<std::pair<std::string, Relationship>>& members,
                            int64_t last_row) {
  std::vector<IndexRow> written;
  std::unordered_set<std::string> committed_households;
  SOCIUS_RETURN_IF_ERROR(db_.Write([&](store::Session& tx) -> Status {
    written.clear();
    // Identifiers registered meanwhile by someone else.
    std::vector<std::pair<std::string, std::string>> ids;
    for (const auto& [row, p] : batch) {
      for (const PersonIdentifier& id : p.identifiers) ids.emplace_back(id.scheme, id.value);
    }
    Result<std::set<std::pair<std::string, std::string>>> held = FindHeldIdentifiers(tx, ids);
    if (!held.ok()) return held.status();
    const std::string now = core::NowUtc();
    // Households first (persons refer to them), then persons with their identifiers, then
    // memberships, each several rows per statement.
    std::vector<Household> households;
    std::unordered_map<std::string, size_t> household_at;  // created by this transaction
    std::unordered_set<std::string> households_added;      // seen by this transaction
    std::vector<ImportedPerson> persons;
    std::vector<ImportedMember> memberships;
    std::vector<std::pair<std::string, std::string>> heads;  // of households that existed
    for (size_t i = 0; i < batch.size(); ++i) {
      auto& [row, person] = batch[i];
      bool taken = false;
      for (const PersonIdentifier& id : person.identifiers)
        taken = taken || held->contains({id.scheme, id.value});
      if (taken) {
        if (!options_.partial) {
          return Status::Conflict("person.duplicate_identifier", "identifier_value",
                                  "registered meanwhile")
              .With("row", std::to_string(row));
        }
        continue;
      }
      if (person.household_id) {
        const std::string& hid = *person.household_id;
        if (!households_written_.contains(hid) && households_added.insert(hid).second) {
          // Household ids derive from the job's: before its first committed batch, none
          // exists.
          bool exists = false;
          if (!households_fresh_) {
            Result<bool> found = ImportedHouseholdExists(tx, hid);
            if (!found.ok()) return found.status();
            exists = *found;
          }
          if (!exists) {
            Household h;
            h.id = hid;
            h.community_id = person.community_id;
            h.settlement_id = person.settlement_id;
            h.address = person.address;
            h.created_by = person.created_by;
            household_at.emplace(hid, households.size());
            households.push_back(std::move(h));
          }
        }
        const Relationship relationship = members[i].second;
        if (relationship == Relationship::kHead) {
          auto created = household_at.find(hid);
          if (created != household_at.end() && !households[created->second].head_person_id) {
            households[created->second].head_person_id = person.id;
          } else {
            heads.emplace_back(hid, person.id);
          }
        }
        memberships.push_back(ImportedMember{hid, person.id, relationship, person.community_id});
      }
      person.created_at = now;
      persons.push_back(ImportedPerson{&person, row});
      if (index_) written.push_back(IndexRowOf(person));
    }
    // In key order: the indexes on these random ids are then walked from one end to the
    // other rather than at random, which keeps the pages each insert needs close at hand.
    std::sort(households.begin(), households.end(),
              [](const Household& a, const Household& b) { return a.id < b.id; });
    std::sort(persons.begin(), persons.end(), [](const ImportedPerson& a, const ImportedPerson& b) {
      return a.person->id < b.person->id;
    });
    std::sort(memberships.begin(), memberships.end(),
              [](const ImportedMember& a, const ImportedMember& b) {
                return a.household_id < b.household_id;
              });
    SOCIUS_RETURN_IF_ERROR(InsertImportedHouseholds(tx, households));
    SOCIUS_RETURN_IF_ERROR(InsertImportedPersons(tx, persons, job_.id));
    SOCIUS_RETURN_IF_ERROR(InsertImportedMembers(tx, memberships));
    for (const auto& [household_id, person_id] : heads) {
      SOCIUS_RETURN_IF_ERROR(SetImportedHouseholdHead(tx, household_id, person_id));
    }
    const auto count = static_cast<int64_t>(persons.size());
    ImportJob next = job_;
    next.rows_written += count;
    next.last_committed_row = last_row;
    next.status = "writing";
    SOCIUS_RETURN_IF_ERROR(UpdateImportJob(tx, next));
    job_ = next;
    committed_households = std::move(households_added);
    return Status::Ok();
  }));
  households_written_.insert(committed_households.begin(), committed_households.end());
  if (index_) {
    for (const IndexRow& row : written) index_->Upsert(row);
  }
  batch.clear();
  members.clear();
  return Status::Ok();
}

Status Importer::Write() {
  in_.clear();
  in_.seekg(0);
  if (!in_) return Status::Internal("cannot rewind the import file");
  RowChecker checker(db_, Scope(), today_);
  PersonCsvReader reader(in_, options_.mapping);
  if (reader.ReadHeader()) return Status::Internal("the header changed between passes");
  const int64_t resume_after = job_.last_committed_row;
  households_fresh_ = resume_after == 0 && job_.rows_written == 0;
  job_.status = "writing";
  job_.rows_read = 0;
  std::vector<std::pair<int64_t, Person>> batch;
  std::vector<std::pair<std::string, Relationship>> members;
  size_t next_rejected = 0;
  size_t next_kept = 0;
  ImportRecord record;
  std::optional<CsvProblem> problem;
  int64_t last_row = resume_after;
  while (reader.Next(&record, &problem)) {
    ++job_.rows_read;
    last_row = std::max(last_row, record.row);
    while (next_rejected < rejected_.size() && rejected_[next_rejected] < record.row) {
      ++next_rejected;
    }
    const bool rejected =
        next_rejected < rejected_.size() && rejected_[next_rejected] == record.row;
    while (next_kept < kept_.size() && kept_[next_kept].first < record.row) ++next_kept;
    if (record.row <= resume_after || rejected || problem) continue;
    Person person;
    if (next_kept < kept_.size() && kept_[next_kept].first == record.row) {
      person = std::move(kept_[next_kept].second);
    } else if (!checker.Check(record, person).ok()) {
      continue;  // validated before; cannot happen
    }
    // Fully random like every record id (DESIGN §4): an id must not tell which persons were
    // imported together.
    person.id = core::NewId();
    if (options_.actor) person.created_by = options_.actor->user_id;
    Relationship relationship = Relationship::kHead;
    if (record.household_ref) {
      auto [hid, added] = household_ids_.try_emplace(*record.household_ref);
      if (added)
        hid->second = auth::Sha256Hex(job_.id + '\x1f' + *record.household_ref).substr(0, 22);
      person.household_id = hid->second;
      relationship = ParseRelationship(record.relationship.value_or(""))
                         .value_or(Relationship::kOtherRelative);
    }
    members.emplace_back(person.household_id.value_or(""), relationship);
    batch.emplace_back(record.row, std::move(person));
    if (batch.size() >= static_cast<size_t>(std::max(1, options_.batch_size))) {
      SOCIUS_RETURN_IF_ERROR(WriteBatch(batch, members, last_row));
      if (!Progress("writing")) return Status::Conflict("import.cancelled");
    }
  }
  if (!batch.empty() || last_row > job_.last_committed_row) {
    SOCIUS_RETURN_IF_ERROR(WriteBatch(batch, members, last_row));
    Progress("writing");
  }
  return Status::Ok();
}

Status Importer::Finish(const std::string& status) {
  job_.status = status;
  report_.import_id = job_.id;
  report_.status = status;
  report_.file_sha256 = job_.file_sha256;
  report_.rows_total = job_.rows_total;
  report_.rows_ok = job_.rows_ok;
  report_.rows_rejected = job_.rows_rejected;
  report_.rows_written = job_.rows_written;
  return db_.Write([&](store::Session& tx) -> Status {
    SOCIUS_RETURN_IF_ERROR(UpdateImportJob(tx, job_));
    SOCIUS_RETURN_IF_ERROR(ReplaceImportProblems(tx, job_.id, report_.problems));
    auth::AuditEvent event;
    event.action = "person.import";
    event.entity_type = "person_import";
    event.entity_id = job_.id;
    event.territory_id = job_.scope_territory_id.value_or("");
    nlohmann::json detail = {{"file_name", job_.file_name},
                             {"file_sha256", job_.file_sha256},
                             {"mode", job_.mode},
                             {"status", status},
                             {"rows_total", job_.rows_total},
                             {"rows_ok", job_.rows_ok},
                             {"rows_rejected", job_.rows_rejected},
                             {"rows_written", job_.rows_written},
                             {"resumed", report_.resumed}};
    event.detail_json = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return auth::AppendAudit(tx, options_.actor, event);
  });
}

Status Importer::Suspend() {
  job_.status = "queued";
  report_.import_id = job_.id;
  report_.status = "suspended";
  report_.rows_written = job_.rows_written;
  return db_.Write([&](store::Session& tx) { return UpdateImportJob(tx, job_); });
}

Status Importer::StoreFailed(const Status& failure) {
  // First, before the row problems found so far (the list keeps kMaxImportProblems).
  report_.problems.insert(report_.problems.begin(),
                          ImportProblem{0,
                                        "",
                                        "import.store_failed",
                                        "the database failed during the import; run it again "
                                        "to resume",
                                        {}});
  if (report_.problems.size() > kMaxImportProblems) report_.problems.pop_back();
  // Best effort: when the store does not take even this, the job stays as it was (validating
  // or writing) and is resumed the same way.
  if (Status s = Finish("failed"); !s.ok()) {
    spdlog::error("person import {}: recording the failure: {}", job_.id, s.ToString());
  }
  return failure;
}

Status Importer::Stopped() {
  if (options_.suspended && options_.suspended()) return Suspend();
  return Finish("cancelled");
}

Result<ImportReport> Importer::Run() {
  SOCIUS_RETURN_IF_ERROR(PrepareJob());
  in_.clear();
  in_.seekg(0);
  Status validated = Validate();
  if (validated.code() == "import.cancelled") {
    SOCIUS_RETURN_IF_ERROR(Stopped());
    return report_;
  }
  if (!validated.ok()) return StoreFailed(validated);
  if (header_failed_ || (errors_ > 0 && !options_.partial)) {
    SOCIUS_RETURN_IF_ERROR(Finish("failed"));
    return report_;
  }
  Status written = Write();
  if (written.code() == "import.cancelled") {
    SOCIUS_RETURN_IF_ERROR(Stopped());
    return report_;
  }
  if (!written.ok()) {
    if (written.kind() == core::StatusKind::kConflict) {
      Note(ImportProblem{0, written.field(), written.code(), written.detail(), written.params()});
      SOCIUS_RETURN_IF_ERROR(Finish("failed"));
      return report_;
    }
    return StoreFailed(written);
  }
  SOCIUS_RETURN_IF_ERROR(Finish("done"));
  return report_;
}

}  // namespace

Result<std::pair<std::string, int64_t>> HashStream(std::istream& in) {
  auth::Sha256Stream sha;
  std::string buffer(1 << 16, '\0');
  int64_t size = 0;
  in.clear();
  in.seekg(0);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    sha.Update(std::string_view(buffer.data(), static_cast<size_t>(n)));
    size += n;
  }
  in.clear();
  in.seekg(0);
  if (!in) return Status::Internal("cannot rewind the import file");
  return std::make_pair(sha.HexDigest(), size);
}

Result<ImportReport> ImportPersonsCsv(store::Database& db, PersonIndex* index, std::istream& in,
                                      const ImportOptions& options,
                                      const ImportProgress& on_progress) {
  Importer importer(db, index, in, options, on_progress);
  return importer.Run();
}

}  // namespace socius::registry
