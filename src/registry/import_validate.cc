// The validation pass of the person import (import_internal.h): each row through the
// registry's rules, then in batches against the registry for duplicates.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "registry/import_internal.h"
#include "registry/person_fields.h"
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

std::string PercentOf(double probability) {
  return std::to_string(std::min(99, static_cast<int>(std::floor(probability * 100))));
}

std::optional<FileMatcher::Match> FileMatcher::Add(int64_t row, const std::string& birth_date,
                                                   const std::string& name_key,
                                                   dedup::Record record) {
  std::optional<Match> best;
  std::array<uint64_t, 2> keys{};
  size_t key_count = 0;
  if (!birth_date.empty()) keys[key_count++] = KeyHash("b\x1f" + birth_date);
  if (!name_key.empty()) keys[key_count++] = KeyHash("k\x1f" + name_key);
  for (size_t k = 0; k < key_count; ++k) {
    auto block = blocks_.find(keys[k]);
    if (block == blocks_.end()) continue;
    const std::vector<uint32_t>& members = block->second;
    for (size_t i = members.size() > kWindow ? members.size() - kWindow : 0; i < members.size();
         ++i) {
      const auto& [earlier_row, earlier] = rows_[members[i]];
      const double probability = scorer_.Probability(record, earlier);
      if (probability < options_.threshold) continue;
      if (!best || probability > best->probability) best = Match{earlier_row, probability};
    }
  }
  if (rows_.size() < kMaxKeptPersons) {
    const auto at = static_cast<uint32_t>(rows_.size());
    rows_.emplace_back(row, std::move(record));
    for (size_t k = 0; k < key_count; ++k) blocks_[keys[k]].push_back(at);
  }
  return best;
}

void Importer::Link(const PendingCheck& p, const std::string& person_id, const std::string& reason,
                    double probability) {
  links_.push_back(ImportLink{p.row, person_id});
  Note(ImportProblem{
      p.row,
      reason == "identifier" ? "identifier_value" : "family_name",
      "import.linked",
      "linked to registered person " + person_id + " (" + reason + ", " + PercentOf(probability) +
          "%) instead of registered again",
      {{"person_id", person_id}, {"reason", reason}, {"percent", PercentOf(probability)}},
      true,
      p.person});
}

Status Importer::CheckPending() {
  if (pending_.empty()) return Status::Ok();
  std::vector<std::pair<std::string, std::string>> identifiers;
  std::vector<std::string> birth_dates, name_keys;
  for (const PendingCheck& p : pending_) {
    for (const PersonIdentifier& id : p.identifiers) identifiers.emplace_back(id.scheme, id.value);
    if (!p.birth_date.empty()) birth_dates.push_back(p.birth_date);
    name_keys.push_back(p.name_key);
  }
  for (std::vector<std::string>* list : {&birth_dates, &name_keys}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  std::map<std::pair<std::string, std::string>, IdentifierHolder> holders;
  std::vector<MatchCandidate> candidates;
  SOCIUS_RETURN_IF_ERROR(db_.Read([&](store::Session& tx) -> Status {
    Result<std::map<std::pair<std::string, std::string>, IdentifierHolder>> h =
        FindIdentifierHolders(tx, identifiers);
    if (!h.ok()) return h.status();
    holders = std::move(*h);
    Result<std::vector<MatchCandidate>> c =
        FindMatchCandidates(tx, birth_dates, name_keys, job_.id);
    if (!c.ok()) return c.status();
    candidates = std::move(*c);
    return Status::Ok();
  }));
  // Persons outside the importer's scope are never named: a warning would tell they exist.
  std::erase_if(candidates,
                [&](const MatchCandidate& c) { return !InScope(c.community_path, scope_); });
  std::vector<dedup::Record> records;
  records.reserve(candidates.size());
  std::unordered_map<std::string, std::vector<size_t>> by_birth_date, by_name_key;
  for (size_t i = 0; i < candidates.size(); ++i) {
    records.push_back(dedup::RecordOf(candidates[i].fields, name_keys_));
    if (candidates[i].fields.birth_date)
      by_birth_date[*candidates[i].fields.birth_date].push_back(i);
    by_name_key[candidates[i].name_key].push_back(i);
  }
  const dedup::Options engine;
  const dedup::Scorer scorer(engine.model);
  // The registered persons `p` matches: the same name key and birth date (the rule on entry),
  // or the engine's probability at or above its threshold; the best first.
  struct Matches {
    std::optional<size_t> best;
    bool best_exact = false;
    double best_probability = 0;
    std::vector<size_t> all;
  };
  auto match = [&](const PendingCheck& p) {
    std::vector<size_t> seen;
    auto consider = [&](const std::unordered_map<std::string, std::vector<size_t>>& blocks,
                        const std::string& key) {
      auto it = blocks.find(key);
      if (it != blocks.end()) seen.insert(seen.end(), it->second.begin(), it->second.end());
    };
    if (!p.birth_date.empty()) consider(by_birth_date, p.birth_date);
    consider(by_name_key, p.name_key);
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    Matches m;
    for (size_t i : seen) {
      const bool exact = !p.birth_date.empty() && candidates[i].name_key == p.name_key &&
                         candidates[i].fields.birth_date == p.birth_date;
      const double probability = scorer.Probability(p.record, records[i]);
      if (!exact && probability < engine.threshold) continue;
      m.all.push_back(i);
      if (!m.best ||
          std::make_pair(exact, probability) > std::make_pair(m.best_exact, m.best_probability)) {
        m.best = i;
        m.best_exact = exact;
        m.best_probability = probability;
      }
    }
    return m;
  };
  // Rows holding a registered identifier are linked or rejected on it alone.
  std::vector<bool> settled(pending_.size(), false);
  for (size_t k = 0; k < pending_.size(); ++k) {
    const PendingCheck& p = pending_[k];
    const bool linkable = options_.link_possible_duplicates && !p.household_ref;
    for (const PersonIdentifier& id : p.identifiers) {
      auto holder = holders.find({id.scheme, id.value});
      if (holder == holders.end()) continue;
      settled[k] = true;
      if (linkable && InScope(holder->second.community_path, scope_)) {
        Link(p, holder->second.person_id, "identifier", 1.0);
        break;
      }
      Reject(ImportProblem{p.row,
                           "identifier_value",
                           "person.duplicate_identifier",
                           "another person holds this identifier",
                           {{"scheme", id.scheme}},
                           false,
                           p.person},
             p.household_ref);
      break;
    }
  }
  // The candidates were read without identifiers (most of them, born the same day, are
  // strangers); the few that match are read with theirs and scored again, since two different
  // identifiers of one scheme say two persons.
  std::vector<MatchCandidate*> matched;
  std::vector<bool> wanted(candidates.size(), false);
  for (size_t k = 0; k < pending_.size(); ++k) {
    if (settled[k]) continue;
    for (size_t i : match(pending_[k]).all) {
      if (!wanted[i]) matched.push_back(&candidates[i]);
      wanted[i] = true;
    }
  }
  if (!matched.empty()) {
    SOCIUS_RETURN_IF_ERROR(
        db_.Read([&](store::Session& tx) { return LoadCandidateIdentifiers(tx, matched); }));
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (wanted[i] && !candidates[i].fields.identifiers.empty()) {
        records[i] = dedup::RecordOf(candidates[i].fields, name_keys_);
      }
    }
  }
  for (size_t k = 0; k < pending_.size(); ++k) {
    if (settled[k]) continue;
    const PendingCheck& p = pending_[k];
    const Matches m = match(p);
    if (!m.best) continue;
    const std::string& person_id = candidates[*m.best].fields.id;
    const std::string reason = m.best_exact ? "name_and_birth_date" : "probable";
    const bool linkable = options_.link_possible_duplicates && !p.household_ref;
    // Two codes of one scheme that differ are two persons whatever the names say: never linked.
    const bool codes_differ =
        dedup::Compare(p.record,
                       records[*m.best])[static_cast<size_t>(dedup::Field::kIdentifier)] ==
        dedup::Level::kDifferent;
    if (linkable && m.all.size() == 1 && m.best_probability >= kLinkProbability && !codes_differ) {
      Link(p, person_id, reason, m.best_probability);
      continue;
    }
    ImportProblem warning{p.row,
                          "family_name",
                          "import.possible_duplicate",
                          "registered person " + person_id + " is probably the same (" +
                              PercentOf(m.best_probability) + "%)",
                          {{"person_id", person_id},
                           {"reason", reason},
                           {"percent", PercentOf(m.best_probability)},
                           {"matches", std::to_string(m.all.size())}},
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
  scope_ = Scope();
  RowChecker checker(db_, scope_, today_);
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
          dedup::Record match_record = dedup::RecordOf(MatchFieldsOf(person), name_keys_);
          if (std::optional<FileMatcher::Match> earlier =
                  file_matcher_.Add(record.row, birth, person.name_key, match_record)) {
            Note(ImportProblem{record.row,
                               "family_name",
                               "import.possible_duplicate_in_file",
                               "row " + std::to_string(earlier->row) +
                                   " is probably the same person (" +
                                   PercentOf(earlier->probability) + "%)",
                               {{"row", std::to_string(earlier->row)},
                                {"percent", PercentOf(earlier->probability)}},
                               true,
                               ""});
          }
          pending_.push_back(PendingCheck{record.row, person.identifiers, person.name_key, birth,
                                          person.community_id, record.household_ref,
                                          current_person_, std::move(match_record)});
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
  // The writing pass walks them in file order (a batch links by identifier first).
  std::sort(links_.begin(), links_.end(),
            [](const ImportLink& a, const ImportLink& b) { return a.row < b.row; });
  std::stable_sort(report_.problems.begin(), report_.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.row < b.row; });
  job_.rows_rejected = static_cast<int64_t>(rejected_.size());
  job_.rows_ok = job_.rows_total - job_.rows_rejected;
  return Status::Ok();
}

}  // namespace socius::registry::internal
