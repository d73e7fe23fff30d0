#pragma once

// The use cases of persons: find, read, register, change, and read the history of a person.
// Each opens its transaction, checks the caller's scope and permission (a person outside the
// scope is NotFound, exactly as a missing one), applies rules.h, writes the audit entry in
// the transaction that makes the change (and for every read of a whole record), and keeps the
// search index up to date after the commit. Routes only parse and encode. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.h"
#include "auth/principal.h"
#include "core/result.h"
#include "registry/model.h"
#include "registry/person_index.h"
#include "registry/search.h"
#include "store/database.h"

namespace socius::registry {

// One page of a search or of the plain list.
struct PersonHits {
  std::vector<SearchHit> items;
  bool listed = false;  // no query: every person in scope by name, not ranked
  // What the next page starts after (opaque to callers; "" never), absent on the last page.
  std::optional<std::string> next;
};

// Why a registered person may be the one being registered (the import's rules).
enum class MatchReason {
  kIdentifier,                 // holds one of the identifiers (same scheme and value)
  kNameAndBirthDate,           // same name match key and birth date
  kNameBirthYearAndCommunity,  // same name match key, birth year and community
  kProbable,  // scored by the deduplication engine (dedup/engine.h) at or above its threshold
};
std::string_view Name(MatchReason reason);

struct LikelyMatch {
  PersonSummary person;
  MatchReason reason = MatchReason::kIdentifier;
  std::optional<double> probability;  // kProbable: how probable the engine finds it
};

// At most this many likely matches are returned.
inline constexpr size_t kMaxLikelyMatches = 20;

struct PersonHistoryPage {
  std::vector<auth::AuditEntry> items;
  std::optional<int64_t> next_before_seq;
};

class Persons {
 public:
  // `db` and `index` must outlive this object.
  Persons(store::Database& db, PersonIndex& index) : db_(db), index_(index) {}

  // With `q` (already trimmed, valid UTF-8): the persons in the caller's person.read scope
  // matching it, best first (search.h). Without: every person in scope, by name. `after` is a
  // previous page's `next` ("" from the start); InvalidArgument("request.invalid_query",
  // "cursor") for one that is not.
  core::Result<PersonHits> Find(const auth::Principal& who, const std::string& q,
                                const std::string& after, int limit);

  // The whole record; audited as person.read ("view": "record"). NotFound("person.not_found").
  core::Result<Person> Get(const auth::Principal& who, const std::string& id);

  // The registered persons in the caller's person.read scope that `input` (a create body) may
  // be, one entry per person with the first reason that applies: same identifier; same name
  // key and birth date; same name key, birth year and community; then, after those, the persons
  // the deduplication engine scores at or above its threshold among the ones the name search
  // finds (family and given name, or the given name and the birth date). Persons outside the
  // scope are never looked at in the answer. The input's own errors (rules.h, placement) as Create.
  // Not audited (like a search, it shows summaries only).
  core::Result<std::vector<LikelyMatch>> LikelyMatches(const auth::Principal& who,
                                                       const PersonInput& input);

  // Registers a person from `input` (rules.h ApplyPersonInput, placement) where the caller
  // holds person.write. When likely matches by name exist (identifier ones fail as
  // "person.duplicate_identifier") and no `duplicate_reason` is given:
  // Conflict("person.possible_duplicate") and, when `shown` is given, the matches in it.
  // With a reason the person is registered and the audit detail of person.create carries
  // `duplicate_reason` and `possible_duplicates` (the ids matched). Audit person.create.
  core::Result<Person> Create(const auth::Principal& who, const PersonInput& input,
                              const std::optional<std::string>& duplicate_reason = std::nullopt,
                              std::vector<LikelyMatch>* shown = nullptr);

  // Applies `input` to the person at `expected_version` (Conflict "conflict.stale_version"
  // otherwise); person.write over the person's community and over a new one it moves to.
  // Audit person.update with the changes; no change: no entry, same version.
  core::Result<Person> Update(const auth::Principal& who, const std::string& id,
                              int64_t expected_version, const PersonInput& input);

  // The audit entries about the person, newest first, before `before_seq` (0: from the
  // newest); audited as person.read ("view": "history").
  core::Result<PersonHistoryPage> History(const auth::Principal& who, const std::string& id,
                                          int64_t before_seq, int limit);

 private:
  store::Database& db_;
  PersonIndex& index_;
};

}  // namespace socius::registry
