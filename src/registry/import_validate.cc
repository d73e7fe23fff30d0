// The validation pass of the person import (import_internal.h): each row through the
// registry's rules, then in batches against the registry for duplicates.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "registry/import_internal.h"
#include "registry/repository.h"
#include "registry/rules.h"

namespace socius::registry::internal {

namespace {

// The name a row gives its person, family name first as the registry lists persons.
std::string PersonOfRow(const PersonInput& input) {
  std::string name;
  for (const Patch<std::string>* part : {&input.family_name, &input.given_name}) {
    if (!*part || !**part || (**part)->empty()) continue;
    if (!name.empty()) name += ' ';
    name += ***part;
  }
  return name;
}

}  // namespace

Status RowChecker::Check(const ImportRecord& record, Person& person) {
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
                             {{"scheme", id.scheme}},
                             false,
                             p.person},
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
                          true,
                          p.person};
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
    current_row_ = record.row;
    current_person_ = PersonOfRow(record.input);
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
                                 {{"row", std::to_string(it->second)}},
                                 false,
                                 ""},
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
                                 {{"row", std::to_string(it->second)}},
                                 false,
                                 ""},
                   record.household_ref);
            duplicate = true;
          }
        }
        if (!duplicate) {
          if (record.household_ref) {
            HouseholdCheck& h = households_[*record.household_ref];
            if (h.rows.empty()) h.community_id = person.community_id;
            h.rows.push_back(record.row);
            h.persons.push_back(current_person_);
            if (*relationship == Relationship::kHead) ++h.heads;
            if (h.community_id != person.community_id) {
              Reject(ImportProblem{record.row,
                                   "community_code",
                                   "household.member_other_community",
                                   "a member of another community than the household's",
                                   {},
                                   false,
                                   ""},
                     record.household_ref);
            }
          }
          pending_.push_back(PendingCheck{record.row, person.identifiers, person.name_key, birth,
                                          person.community_id, record.household_ref,
                                          current_person_});
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
  current_row_ = 0;
  current_person_.clear();
  for (auto& [ref, h] : households_) {
    if (h.rows.empty()) continue;
    if (h.heads != 1 && !h.bad) {
      Reject(ImportProblem{h.rows.front(),
                           "relationship_to_head",
                           h.heads == 0 ? "household.head_required" : "household.multiple_heads",
                           "a household needs exactly one head",
                           {{"household_ref", ref}},
                           false,
                           h.persons.front()});
      h.bad = true;
    }
    if (!h.bad) continue;
    // A household is imported whole or not at all.
    std::sort(rejected_.begin(), rejected_.end());
    for (size_t i = 0; i < h.rows.size(); ++i) {
      const int64_t row = h.rows[i];
      if (std::binary_search(rejected_.begin(), rejected_.end(), row)) continue;
      rejected_.push_back(row);
      ++errors_;
      Note(ImportProblem{row,
                         "household_ref",
                         "import.household_rejected",
                         "another member of the household was rejected",
                         {{"household_ref", ref}},
                         false,
                         h.persons[i]});
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

}  // namespace socius::registry::internal
