#include "registry/persons.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "auth/permissions.h"
#include "core/ids.h"
#include "dedup/engine.h"
#include "registry/import_repository.h"
#include "registry/person_fields.h"
#include "registry/repository.h"
#include "registry/rules.h"

namespace socius::registry {

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

namespace {

auth::AuditEvent AuditEventOf(const char* action, const Person& person, const Json& detail) {
  return {action, "person", person.id, person.community_id, detail.dump()};
}

Status Audit(store::Session& tx, const auth::Principal& who, const char* action,
             const Person& person, const Json& detail) {
  return auth::AppendAudit(tx, &who, AuditEventOf(action, person, detail));
}

Status InvalidCursor() {
  return Status::InvalidArgument("request.invalid_query", "cursor", "not one of our cursors")
      .With("name", "cursor");
}

Scope ReadScope(const auth::Principal& who) {
  return auth::ScopePaths(who, Permission::kPersonRead);
}

// The persons the engine finds probably the same as `person`, with their probability, among
// those the name search reaches in `scope`: by family and given name (typos and spellings
// within the search's bounds), and by given name and birth date (a family name changed at
// marriage). At most kMaxLikelyMatches, best first; `known` are left out.
Result<std::vector<std::pair<std::string, double>>> ProbableMatches(
    store::Session& tx, const PersonIndex& index, const Person& person, const Scope& scope,
    const std::vector<std::string>& known) {
  std::vector<std::string> candidates;
  auto add = [&](const std::vector<IndexHit>& hits) {
    for (const IndexHit& hit : hits) {
      if (hit.id == person.id || std::find(known.begin(), known.end(), hit.id) != known.end() ||
          std::find(candidates.begin(), candidates.end(), hit.id) != candidates.end()) {
        continue;
      }
      candidates.push_back(hit.id);
    }
  };
  const core::Date today = core::Today();
  IndexQuery by_name = ParseSearchText(person.family_name + " " + person.given_name, today).index;
  by_name.birth_year.reset();
  by_name.birth_date.reset();
  if (!by_name.words.empty()) add(index.Search(by_name, scope, kMaxLikelyMatches));
  if (person.birth_date) {
    IndexQuery by_birth = ParseSearchText(person.given_name, today).index;
    by_birth.birth_year.reset();
    by_birth.birth_date = person.birth_date;
    if (!by_birth.words.empty()) add(index.Search(by_birth, scope, kMaxLikelyMatches));
  }
  const dedup::Options options;
  const dedup::Record typed = dedup::RecordOf(MatchFieldsOf(person));
  std::vector<std::pair<std::string, double>> out;
  for (const std::string& id : candidates) {
    Result<Person> found = FindPerson(tx, id, scope);
    if (!found.ok()) continue;  // gone, merged or moved out of the scope since indexed
    const dedup::Score score =
        dedup::Explain(options.model, typed, dedup::RecordOf(MatchFieldsOf(*found)));
    if (score.probability >= options.threshold) out.emplace_back(id, score.probability);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.size() > kMaxLikelyMatches) out.resize(kMaxLikelyMatches);
  return out;
}

// The likely matches of `person` (validated and placed, not yet stored) among the persons in
// `scope`, in the order of the reasons, at most kMaxLikelyMatches.
Result<std::vector<LikelyMatch>> MatchesOf(store::Session& tx, const PersonIndex& index,
                                           const Person& person, const Scope& scope) {
  std::vector<std::pair<std::string, MatchReason>> found;
  auto add = [&](const std::string& id, MatchReason reason) {
    if (id == person.id) return;
    for (const auto& f : found) {
      if (f.first == id) return;
    }
    found.emplace_back(id, reason);
  };
  if (!person.identifiers.empty()) {
    std::vector<std::string> values;
    for (const PersonIdentifier& id : person.identifiers) values.push_back(id.value);
    Result<std::vector<std::string>> ids = FindByIdentifierValue(tx, values, scope);
    if (!ids.ok()) return ids.status();
    for (const std::string& id : *ids) add(id, MatchReason::kIdentifier);
  }
  const std::string birth = person.birth_date ? person.birth_date->ToString() : "";
  if (!person.name_key.empty() && !birth.empty()) {
    Result<std::vector<SimilarPerson>> similar = FindPersonsByNameKey(tx, {person.name_key});
    if (!similar.ok()) return similar.status();
    for (const SimilarPerson& s : *similar) {
      if (s.birth_date == birth) add(s.id, MatchReason::kNameAndBirthDate);
    }
    for (const SimilarPerson& s : *similar) {
      if (s.birth_date.size() >= 4 && s.birth_date.compare(0, 4, birth, 0, 4) == 0 &&
          s.community_id == person.community_id) {
        add(s.id, MatchReason::kNameBirthYearAndCommunity);
      }
    }
  }
  std::vector<std::string> ids;
  for (const auto& f : found) ids.push_back(f.first);
  Result<std::vector<std::pair<std::string, double>>> probable =
      ProbableMatches(tx, index, person, scope, ids);
  if (!probable.ok()) return probable.status();
  for (const auto& [id, probability] : *probable) {
    found.emplace_back(id, MatchReason::kProbable);
    ids.push_back(id);
  }
  // FindSummaries leaves out whoever is outside the scope.
  Result<std::vector<PersonSummary>> summaries = FindSummaries(tx, ids, scope);
  if (!summaries.ok()) return summaries.status();
  std::vector<LikelyMatch> out;
  for (PersonSummary& summary : *summaries) {
    MatchReason reason = MatchReason::kIdentifier;
    for (const auto& f : found) {
      if (f.first == summary.id) reason = f.second;
    }
    if (reason == MatchReason::kIdentifier) {
      // The identifier query matches values of any scheme: keep the same scheme only.
      bool same = false;
      for (const PersonIdentifier& held : summary.identifiers) {
        for (const PersonIdentifier& typed : person.identifiers) {
          same = same || (held.scheme == typed.scheme && held.value == typed.value);
        }
      }
      if (!same) continue;
    }
    LikelyMatch match{std::move(summary), reason, std::nullopt};
    if (reason == MatchReason::kProbable) {
      for (const auto& [id, probability] : *probable) {
        if (id == match.person.id) match.probability = probability;
      }
    }
    out.push_back(std::move(match));
  }
  // The strongest reasons first, then the bound: a match by identifier is never cut for one
  // by name that the database happened to list earlier.
  std::stable_sort(out.begin(), out.end(), [](const LikelyMatch& a, const LikelyMatch& b) {
    return static_cast<int>(a.reason) < static_cast<int>(b.reason);
  });
  if (out.size() > kMaxLikelyMatches) out.resize(kMaxLikelyMatches);
  return out;
}

}  // namespace

std::string_view Name(MatchReason reason) {
  switch (reason) {
    case MatchReason::kIdentifier:
      return "identifier";
    case MatchReason::kNameAndBirthDate:
      return "name_and_birth_date";
    case MatchReason::kNameBirthYearAndCommunity:
      return "name_birth_year_and_community";
    case MatchReason::kProbable:
      return "probable";
  }
  return "identifier";
}

Result<std::vector<LikelyMatch>> Persons::LikelyMatches(const auth::Principal& who,
                                                        const PersonInput& input) {
  Person person;
  SOCIUS_RETURN_IF_ERROR(ApplyPersonInput(input, /*creating=*/true, core::Today(), person));
  const PlacementCodes codes = PlacementCodesOfNewPerson(input);
  std::vector<LikelyMatch> matches;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Placement> placement =
        ResolvePlacement(tx, codes.community_code, codes.settlement_code, "person");
    if (!placement.ok()) return placement.status();
    PlacePerson(person, *placement);
    Result<std::vector<LikelyMatch>> found = MatchesOf(tx, index_, person, ReadScope(who));
    if (!found.ok()) return found.status();
    matches = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return matches;
}

Result<PersonHits> Persons::Find(const auth::Principal& who, const std::string& q,
                                 const std::string& after, int limit) {
  const Scope scope = ReadScope(who);
  PersonHits hits;
  if (q.empty()) {
    hits.listed = true;
    PersonPage page;
    Status status = db_.Read([&](store::Session& tx) -> Status {
      Result<PersonPage> listed = ListPersons(tx, scope, after, limit);
      if (!listed.ok()) return listed.status();
      page = std::move(*listed);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    for (PersonSummary& p : page.items) {
      hits.items.push_back(SearchHit{std::move(p), MatchKind::kExact});
    }
    hits.next = std::move(page.last_key);
    return hits;
  }
  // A search pages by position in its ranking: "o:<offset>".
  size_t offset = 0;
  if (!after.empty()) {
    if (!after.starts_with("o:")) return InvalidCursor();
    try {
      offset = std::stoul(after.substr(2));
    } catch (const std::exception&) {
      return InvalidCursor();
    }
  }
  Result<SearchPage> page =
      SearchPersons(db_, index_, q, scope, offset, static_cast<size_t>(limit));
  if (!page.ok()) return page.status();
  hits.items = std::move(page->items);
  if (page->next_offset) hits.next = "o:" + std::to_string(*page->next_offset);
  return hits;
}

Result<Person> Persons::Get(const auth::Principal& who, const std::string& id) {
  Person person;
  Status status = auth::AuditedRead(db_, who, [&](store::Session& tx, auto& entries) -> Status {
    Result<Person> found = FindPerson(tx, id, ReadScope(who));
    if (!found.ok()) return found.status();
    person = std::move(*found);
    entries.push_back(AuditEventOf("person.read", person, Json{{"view", "record"}}));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return person;
}

Result<Person> Persons::Create(const auth::Principal& who, const PersonInput& input,
                               const std::optional<std::string>& duplicate_reason,
                               std::vector<LikelyMatch>* shown) {
  Person person;
  SOCIUS_RETURN_IF_ERROR(ApplyPersonInput(input, /*creating=*/true, core::Today(), person));
  const PlacementCodes codes = PlacementCodesOfNewPerson(input);
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Placement> placement =
        ResolvePlacement(tx, codes.community_code, codes.settlement_code, "person");
    if (!placement.ok()) return placement.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kPersonWrite, placement->community.path));
    PlacePerson(person, *placement);
    person.id = core::NewId();
    person.created_by = who.user_id;
    Result<std::vector<LikelyMatch>> matches = MatchesOf(tx, index_, person, ReadScope(who));
    if (!matches.ok()) return matches.status();
    // A held identifier is refused by InsertPerson whatever the caller says.
    const bool identifier_held =
        std::any_of(matches->begin(), matches->end(),
                    [](const LikelyMatch& m) { return m.reason == MatchReason::kIdentifier; });
    Json detail = PersonChanges(Person{}, person);
    if (!identifier_held && !matches->empty()) {
      if (!duplicate_reason) {
        if (shown) *shown = std::move(*matches);
        return Status::Conflict("person.possible_duplicate", "family_name",
                                "likely registered already");
      }
      Json ids = Json::array();
      for (const LikelyMatch& m : *matches) ids.push_back(m.person.id);
      detail["duplicate_reason"] = *duplicate_reason;
      detail["possible_duplicates"] = std::move(ids);
    }
    SOCIUS_RETURN_IF_ERROR(InsertPerson(tx, person));
    return Audit(tx, who, "person.create", person, detail);
  });
  if (!status.ok()) return status;
  index_.Upsert(IndexRowOf(person));
  return person;
}

Result<Person> Persons::Update(const auth::Principal& who, const std::string& id,
                               int64_t expected_version, const PersonInput& input) {
  Person updated;
  bool changed = false;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    changed = false;  // the body may run again (store::Database::Write)
    Result<Person> current = FindPerson(tx, id, ReadScope(who));
    if (!current.ok()) return current.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kPersonWrite, current->community_path));
    if (current->version != expected_version) {
      return Status::Conflict("conflict.stale_version", "version",
                              "person is at version " + std::to_string(current->version));
    }
    updated = *current;
    SOCIUS_RETURN_IF_ERROR(ApplyPersonInput(input, /*creating=*/false, core::Today(), updated));
    if (input.community_code || input.settlement_code) {
      const PlacementCodes codes = PlacementCodesOfChangedPerson(*current, input);
      Result<Placement> placement =
          ResolvePlacement(tx, codes.community_code, codes.settlement_code, "person");
      if (!placement.ok()) return placement.status();
      SOCIUS_RETURN_IF_ERROR(
          auth::Require(who, Permission::kPersonWrite, placement->community.path));
      PlacePerson(updated, *placement);
      SOCIUS_RETURN_IF_ERROR(CheckMoveOutOfHousehold(*current, updated));
    }
    Json changes = PersonChanges(*current, updated);
    if (changes.empty()) return Status::Ok();
    changed = true;
    SOCIUS_RETURN_IF_ERROR(UpdatePerson(tx, updated, expected_version));
    return Audit(tx, who, "person.update", updated, Json{{"changes", std::move(changes)}});
  });
  if (!status.ok()) return status;
  if (changed) index_.Upsert(IndexRowOf(updated));
  return updated;
}

Result<PersonHistoryPage> Persons::History(const auth::Principal& who, const std::string& id,
                                           int64_t before_seq, int limit) {
  auth::AuditQuery query;
  query.installation_wide = true;  // the person's visibility is checked instead
  query.entity_type = "person";
  query.entity_id = id;
  query.before_seq = before_seq;
  query.limit = limit + 1;  // one more tells whether there is a next page
  PersonHistoryPage page;
  Status status = auth::AuditedRead(db_, who, [&](store::Session& tx, auto& entries) -> Status {
    Result<Person> found = FindPerson(tx, id, ReadScope(who));
    if (!found.ok()) return found.status();
    Result<std::vector<std::string>> merged = FindMergedInto(tx, id);
    if (!merged.ok()) return merged.status();
    query.also_entity_ids = std::move(*merged);
    query.also_scope_roots = ReadScope(who);
    Result<std::vector<auth::AuditEntry>> listed = auth::ListAudit(tx, query);
    if (!listed.ok()) return listed.status();
    page.items = std::move(*listed);
    entries.push_back(AuditEventOf("person.read", *found, Json{{"view", "history"}}));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (page.items.size() > static_cast<size_t>(limit)) {
    page.items.resize(static_cast<size_t>(limit));
    page.next_before_seq = page.items.back().seq;
  }
  return page;
}

}  // namespace socius::registry
