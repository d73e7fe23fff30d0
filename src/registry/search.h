#pragma once

// Person search: what a typed query means (identifier, birth year or date, name words) and
// the ranked, scope-filtered page of results, from the identifier table and the PersonIndex.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "registry/model.h"
#include "registry/person_index.h"
#include "store/database.h"

namespace socius::registry {

// At most this many results can be paged through for one query.
inline constexpr size_t kMaxSearchResults = 1000;

struct ParsedSearch {
  // Values an identifier could be stored as: a token of 5+ digits, or a UNZR with its dash;
  // a 13-digit token also as YYYYMMDD-NNNNC.
  std::vector<std::string> identifier_values;
  IndexQuery index;  // name words as match keys; a birth year (4 digits, 1880..today) or date
                     // (YYYY-MM-DD or DD.MM.YYYY)
  bool empty() const {
    return identifier_values.empty() && index.words.empty() && !index.birth_year &&
           !index.birth_date;
  }
};

// Splits `q` on white space and classifies each token (see ParsedSearch). Name tokens are
// keyed together with text::NameMatchKey; each word's readings (IndexQuery::readings) come
// from text::NameReadingKeys of the name tokens and text::GivenNameFormKeys of the word.
// Never fails: what is not understood is dropped.
ParsedSearch ParseSearchText(std::string_view q, core::Date today);

struct SearchHit {
  PersonSummary person;
  MatchKind kind = MatchKind::kExact;
};

struct SearchPage {
  std::vector<SearchHit> items;
  std::optional<size_t> next_offset;  // set when more results follow
};

// Persons matching `q` within `scope`, best first: exact identifier holders, then the index's
// hits; the window [offset, offset + limit) of at most kMaxSearchResults. Summaries are read
// from `db` in one read transaction (scope-filtered again in SQL).
core::Result<SearchPage> SearchPersons(store::Database& db, const PersonIndex& index,
                                       std::string_view q, const std::vector<std::string>& scope,
                                       size_t offset, size_t limit);

}  // namespace socius::registry
