#include "registry/search.h"

#include <algorithm>
#include <set>
#include <utility>

#include "registry/repository.h"
#include "text/given_names.h"
#include "text/match_key.h"
#include "text/name_readings.h"

namespace socius::registry {

using core::Result;
using core::Status;

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1984-03-07" or "07.03.1984" as a date; nullopt otherwise.
std::optional<core::Date> AsDate(std::string_view token) {
  if (token.size() != 10) return std::nullopt;
  if (token[4] == '-' && token[7] == '-') return core::ParseDate(token);
  if (token[2] == '.' && token[5] == '.') {
    std::string iso = std::string(token.substr(6, 4)) + "-" + std::string(token.substr(3, 2)) +
                      "-" + std::string(token.substr(0, 2));
    return core::ParseDate(iso);
  }
  return std::nullopt;
}

// The words of a match key.
std::vector<std::string> Words(const std::string& key) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < key.size()) {
    size_t end = key.find(' ', start);
    if (end == std::string::npos) end = key.size();
    if (end > start) words.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// Each reading costs a lookup of its own; a name with many forms keeps its first few.
constexpr size_t kMaxReadingsPerWord = 6;

}  // namespace

ParsedSearch ParseSearchText(std::string_view q, core::Date today) {
  ParsedSearch parsed;
  std::string name_text;
  size_t start = 0;
  while (start < q.size()) {
    size_t end = q.find_first_of(" \t\n\r", start);
    if (end == std::string_view::npos) end = q.size();
    const std::string_view token = q.substr(start, end - start);
    start = end + 1;
    if (token.empty()) continue;
    if (std::optional<core::Date> date = AsDate(token)) {
      parsed.index.birth_date = date;
    } else if (token.size() == 4 && AllDigits(token)) {
      const int year = std::stoi(std::string(token));
      if (year >= 1880 && year <= today.year) parsed.index.birth_year = year;
    } else if (token.size() >= 5 && AllDigits(token)) {
      parsed.identifier_values.emplace_back(token);
      if (token.size() == 13) {
        parsed.identifier_values.push_back(std::string(token.substr(0, 8)) + "-" +
                                           std::string(token.substr(8)));
      }
    } else if (token.size() == 14 && token[8] == '-' && AllDigits(token.substr(0, 8)) &&
               AllDigits(token.substr(9))) {
      parsed.identifier_values.emplace_back(token);
    } else {
      name_text += std::string(token) + " ";
    }
  }
  parsed.index.words = Words(text::NameMatchKey(name_text));
  // Other readings of each word: the whole name read the Serbian-Latin or Romanian way (word
  // for word with the key); and apart, the other forms of a given name (whole names).
  const size_t n = parsed.index.words.size();
  if (n == 0) return parsed;
  parsed.index.readings.resize(n);
  parsed.index.forms.resize(n);
  auto add = [&](std::vector<std::string>& r, size_t i, const std::string& key) {
    if (key != parsed.index.words[i] && r.size() < kMaxReadingsPerWord &&
        std::find(r.begin(), r.end(), key) == r.end()) {
      r.push_back(key);
    }
  };
  for (const std::string& reading : text::NameReadingKeys(name_text)) {
    const std::vector<std::string> words = Words(reading);
    for (size_t i = 0; i < n && i < words.size(); ++i) {
      add(parsed.index.readings[i], i, words[i]);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    for (const std::string& form : text::GivenNameFormKeys(parsed.index.words[i])) {
      add(parsed.index.forms[i], i, form);
    }
  }
  return parsed;
}

Result<SearchPage> SearchPersons(store::Database& db, const PersonIndex& index, std::string_view q,
                                 const std::vector<std::string>& scope, size_t offset,
                                 size_t limit) {
  SearchPage page;
  const ParsedSearch parsed = ParseSearchText(q, core::Today());
  if (parsed.empty() || offset >= kMaxSearchResults) return page;
  const size_t wanted = std::min(offset + limit + 1, kMaxSearchResults + 1);

  std::vector<std::pair<std::string, MatchKind>> ranked;
  Status status = db.Read([&](store::Session& tx) -> Status {
    std::set<std::string> seen;
    if (!parsed.identifier_values.empty()) {
      Result<std::vector<std::string>> holders =
          FindByIdentifierValue(tx, parsed.identifier_values, scope);
      if (!holders.ok()) return holders.status();
      for (std::string& id : *holders) {
        if (seen.insert(id).second) ranked.emplace_back(std::move(id), MatchKind::kIdentifier);
      }
    }
    const bool index_query =
        !parsed.index.words.empty() || parsed.index.birth_year || parsed.index.birth_date;
    if (index_query) {
      for (IndexHit& hit : index.Search(parsed.index, scope, wanted)) {
        if (seen.insert(hit.id).second) ranked.emplace_back(std::move(hit.id), hit.kind);
      }
    }
    if (ranked.size() > wanted) ranked.resize(wanted);
    std::vector<std::string> window;
    for (size_t i = offset; i < ranked.size() && i < offset + limit; ++i) {
      window.push_back(ranked[i].first);
    }
    Result<std::vector<PersonSummary>> summaries = FindSummaries(tx, window, scope);
    if (!summaries.ok()) return summaries.status();
    for (PersonSummary& summary : *summaries) {
      MatchKind kind = MatchKind::kExact;
      for (size_t i = offset; i < ranked.size() && i < offset + limit; ++i) {
        if (ranked[i].first == summary.id) kind = ranked[i].second;
      }
      page.items.push_back(SearchHit{std::move(summary), kind});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (ranked.size() > offset + limit && offset + limit < kMaxSearchResults) {
    page.next_offset = offset + limit;
  }
  return page;
}

}  // namespace socius::registry
