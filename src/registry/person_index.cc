#include "registry/person_index.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "text/similarity.h"

namespace socius::registry {

std::string_view Name(MatchKind kind) {
  switch (kind) {
    case MatchKind::kIdentifier:
      return "identifier";
    case MatchKind::kExact:
      return "exact";
    case MatchKind::kPrefix:
      return "prefix";
    case MatchKind::kFuzzy:
      return "fuzzy";
  }
  return "";
}

namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
constexpr uint8_t kNoMatch = 255;
constexpr size_t kMaxQueryWords = 4;
constexpr size_t kMaxPersonWords = 8;
constexpr size_t kMaxPrefixWords = 20000;

// Strings that never move once added: blocks of 64 KiB, so views stay valid as it grows.
class Arena {
 public:
  std::string_view Add(std::string_view text) {
    if (text.size() > kBlock - used_ || blocks_.empty()) {
      blocks_.push_back(std::make_unique<char[]>(std::max(kBlock, text.size())));
      used_ = 0;
      bytes_ += std::max(kBlock, text.size());
    }
    char* at = blocks_.back().get() + used_;
    std::memcpy(at, text.data(), text.size());
    used_ += text.size();
    return {at, text.size()};
  }
  size_t bytes() const { return bytes_; }

 private:
  static constexpr size_t kBlock = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0;
  size_t bytes_ = 0;
};

int32_t Pack(const std::optional<core::Date>& d) {
  return d ? d->year * 10000 + d->month * 100 + d->day : 0;
}

bool Covers(std::string_view root, std::string_view path) {
  return !root.empty() && root.back() == '/' && path.starts_with(root);
}

// Per-thread scratch of one search, reused across searches (reset through `touched`).
struct Scratch {
  std::vector<uint8_t> quality[kMaxQueryWords];   // by word id
  std::vector<uint32_t> matched[kMaxQueryWords];  // word ids set in quality[i]
  std::vector<uint16_t> trigram_count;            // by word id
  std::vector<uint32_t> counted;
  std::vector<uint8_t> word_in_scope;  // by word id: kUnknown, kInScope or kOutOfScope
  std::vector<uint32_t> scoped;        // word ids set in word_in_scope
};

constexpr uint8_t kUnknown = 0;
constexpr uint8_t kInScope = 1;
constexpr uint8_t kOutOfScope = 2;

// Who a search may return: persons of an allowed community, born on the date or in the year
// asked for. Every decision of a search (which words match, which word a fallback leaves
// out, how far a prefix scan goes) is taken over these persons only, so that an answer never
// depends on anybody outside the caller's scope.
struct Eligibility {
  std::vector<char> allowed;  // by community ordinal
  int32_t date = 0;           // packed yyyymmdd, 0: any
  std::optional<int> year;
};

// A word typed part-way keys differently from the same letters inside the whole name when
// its last letter joins the next one under a skeleton rule of text::NameMatchKey. These are
// the key prefixes the whole name may have instead, scanned besides the typed key:
//   ...i  → ...e    a glide before e is dropped      (Dani… → Daniela = danela,
//                                                      Mocki… → Mockienė = mockene)
//   ...ce → ...ca, ...co, ...cu (and ...ci the same) a silent softener after the c-class
//                   before a, o, u is dropped         (Poci… → Pocius = pocus, Mirce… → mirca)
//   ...k  → ...g    kh is the g-class                 (Myk… → Mykhailo = migailo)
//   ...t  → ...c    ts is the c-class                 (Kuzmit… → Kuzmits = kuzmic)
//   ...p  → ...f    ph is f                           (Step… → Stephan = stefan)
// A name reached only this way ranks after the names the typed key is a prefix of (see
// kContinuationGap), since it is the less likely reading.
std::vector<std::string> PrefixContinuations(std::string_view q) {
  std::vector<std::string> stems;
  if (q.size() < 3) return stems;
  const std::string_view head = q.substr(0, q.size() - 1);
  auto with = [&](char last) { stems.push_back(std::string(head) + last); };
  switch (q.back()) {
    case 'i':
      with('e');
      [[fallthrough]];
    case 'e':
      if (head.back() == 'c') {
        for (char vowel : {'a', 'o', 'u'}) with(vowel);
      }
      break;
    case 'k':
      with('g');
      break;
    case 't':
      with('c');
      break;
    case 'p':
      with('f');
      break;
    default:
      break;
  }
  return stems;
}

// Added to the length gap of a prefix match reached only through PrefixContinuations.
constexpr int kContinuationGap = 64;
// Added to the length gap of a name word matched only through a reading of the query word
// (IndexQuery::readings): among equal qualities, the spelling the worker typed comes first.
constexpr int kReadingGap = 32;

// Scratch::quality holds 2 * quality + 1 for a word matched only through a reading, so that
// the smallest value is the best match and, among equal qualities, the typed key's.
constexpr uint8_t Stored(uint8_t quality, bool reading) {
  return static_cast<uint8_t>(2 * quality + (reading ? 1 : 0));
}
constexpr uint8_t kStoredPrefix = Stored(1, true);  // at most this: exact or prefix

// Cost of matching a query word to a person word: quality * kGapScale + the difference of
// their lengths (capped), so that among equal qualities the closer completion or correction
// wins ("Stoic" → Stoica before Stoicescu). -1: no match.
constexpr int kGapScale = 1024;
constexpr int kMaxGap = 255;
// Distance added for a query word that matched no name word (wide pass only): more than any
// word that matched.
constexpr int kDroppedWordCost = 5;

// The assignment of each query word to a distinct person word with the least total cost
// (cost -1: impossible). c[i][j]: cost of query word i against person word j. Among equal
// costs, the one that keeps the typed order of the words (family name first, as registers
// and forms write it) wins: `inversions` counts the pairs of query words matched in the
// opposite order. `worst` is the largest quality (cost / kGapScale) used.
struct Assignment {
  int cost = -1;
  int worst = 0;
  int inversions = 0;
};

Assignment BestAssignment(const int c[kMaxQueryWords][kMaxPersonWords], size_t n, size_t m,
                          size_t i = 0, uint32_t used = 0) {
  if (i == n) return Assignment{0, 0, 0};
  Assignment best;
  for (size_t j = 0; j < m; ++j) {
    if (((used >> j) & 1u) != 0 || c[i][j] < 0) continue;
    const Assignment rest = BestAssignment(c, n, m, i + 1, used | (1u << j));
    if (rest.cost < 0) continue;
    const int cost = c[i][j] + rest.cost;
    // Earlier query words already placed after person word j are out of order with this one.
    const int inversions = std::popcount(used >> (j + 1)) + rest.inversions;
    if (best.cost < 0 || cost < best.cost || (cost == best.cost && inversions < best.inversions)) {
      best = Assignment{cost, std::max(c[i][j] / kGapScale, rest.worst), inversions};
    }
  }
  return best;
}

// One person found, in the order results are shown: better kind, smaller distance, words in
// the typed order, closer lengths, fewer name words left over, then a stable order.
struct Candidate {
  int kind;
  int distance;
  int inversions;
  int gap;
  int extra_words;
  uint32_t ordinal;
  auto operator<=>(const Candidate&) const = default;
};

}  // namespace

class PersonIndex::Data {
 public:
  void Upsert(const IndexRow& row) {
    uint32_t ord = Find(row.id);
    if (ord != kNone) {
      if (row.version <= static_cast<int64_t>(version_[ord])) return;
      Unlink(ord);
    } else {
      ord = static_cast<uint32_t>(ids_.size());
      ids_.push_back(id_arena_.Add(row.id));
      community_.push_back(kNone);
      birth_.push_back(0);
      version_.push_back(0);
      word_begin_.push_back(0);
      word_count_.push_back(0);
      InsertSlot(ord);
    }
    version_[ord] = static_cast<uint32_t>(row.version);
    birth_[ord] = Pack(row.birth_date);
    community_[ord] = CommunityOrdinal(row.community_id, row.community_path);
    std::vector<uint32_t> words;
    size_t start = 0;
    const std::string_view key = row.name_key;
    while (start < key.size() && words.size() < kMaxPersonWords) {
      size_t end = key.find(' ', start);
      if (end == std::string_view::npos) end = key.size();
      // A word may come twice (Dumitru Dumitru): both stay, so that a query naming it twice
      // can give each query word its own name word; the posting list holds the person once.
      if (end > start) words.push_back(WordId(key.substr(start, end - start)));
      start = end + 1;
    }
    word_begin_[ord] = static_cast<uint32_t>(word_pool_.size());
    word_count_[ord] = static_cast<uint8_t>(words.size());
    for (uint32_t w : words) {
      word_pool_.push_back(w);
      std::vector<uint32_t>& posting = postings_[w];
      auto at = std::lower_bound(posting.begin(), posting.end(), ord);
      if (at == posting.end() || *at != ord) posting.insert(at, ord);
    }
    ++live_;
  }

  void Remove(std::string_view id) {
    const uint32_t ord = Find(id);
    if (ord == kNone || community_[ord] == kNone) return;
    Unlink(ord);
    community_[ord] = kNone;
  }

  std::vector<IndexHit> Search(const IndexQuery& query, const std::vector<std::string>& scope,
                               size_t max_hits) const;

  IndexStats Stats() const {
    IndexStats s;
    s.persons = live_;
    s.words = word_text_.size();
    s.communities = community_paths_.size();
    size_t bytes = id_arena_.bytes() + word_arena_.bytes();
    bytes += ids_.capacity() * sizeof(std::string_view) + community_.capacity() * 4 +
             birth_.capacity() * 4 + version_.capacity() * 4 + word_begin_.capacity() * 4 +
             word_count_.capacity() + word_pool_.capacity() * 4 + slots_.capacity() * 4;
    bytes += word_text_.capacity() * sizeof(std::string_view) +
             postings_.capacity() * sizeof(std::vector<uint32_t>);
    for (const auto& p : postings_) bytes += p.capacity() * 4;
    bytes += word_ids_.size() * 64;  // map nodes
    for (const auto& [t, words] : trigram_words_) bytes += 48 + words.capacity() * 4;
    for (const std::string& p : community_paths_) bytes += 64 + p.capacity();
    s.memory_bytes = bytes;
    return s;
  }

 private:
  static size_t Hash(std::string_view id) { return std::hash<std::string_view>()(id); }

  uint32_t Find(std::string_view id) const {
    if (slots_.empty()) return kNone;
    const size_t mask = slots_.size() - 1;
    for (size_t i = Hash(id) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == kNone) return kNone;
      if (ids_[slots_[i]] == id) return slots_[i];
    }
  }

  void InsertSlot(uint32_t ord) {
    if ((ids_.size()) * 2 > slots_.size()) {
      std::vector<uint32_t> old = std::move(slots_);
      slots_.assign(std::max<size_t>(1024, old.size() * 2), kNone);
      for (uint32_t o : old) {
        if (o != kNone && o != ord) Place(o);
      }
    }
    Place(ord);
  }

  void Place(uint32_t ord) {
    const size_t mask = slots_.size() - 1;
    size_t i = Hash(ids_[ord]) & mask;
    while (slots_[i] != kNone) i = (i + 1) & mask;
    slots_[i] = ord;
  }

  // Takes the person out of the postings of its words (the person keeps its ordinal).
  void Unlink(uint32_t ord) {
    for (uint32_t k = 0; k < word_count_[ord]; ++k) {
      std::vector<uint32_t>& posting = postings_[word_pool_[word_begin_[ord] + k]];
      auto at = std::lower_bound(posting.begin(), posting.end(), ord);
      if (at != posting.end() && *at == ord) posting.erase(at);
    }
    if (community_[ord] != kNone) --live_;
    word_count_[ord] = 0;
  }

  uint32_t CommunityOrdinal(const std::string& id, const std::string& path) {
    auto [it, added] = community_ids_.emplace(id, static_cast<uint32_t>(community_paths_.size()));
    if (added) community_paths_.push_back(path);
    return it->second;
  }

  uint32_t WordId(std::string_view word) {
    auto it = word_ids_.find(word);
    if (it != word_ids_.end()) return it->second;
    const uint32_t id = static_cast<uint32_t>(word_text_.size());
    std::string_view stored = word_arena_.Add(word);
    word_text_.push_back(stored);
    postings_.emplace_back();
    word_ids_.emplace(stored, id);
    for (uint32_t t : text::Trigrams(stored)) trigram_words_[t].push_back(id);
    return id;
  }

  bool Eligible(uint32_t p, const Eligibility& e) const {
    if (community_[p] == kNone || !e.allowed[community_[p]]) return false;
    if (e.date != 0 && birth_[p] != e.date) return false;
    return !e.year || birth_[p] / 10000 == *e.year;
  }

  // True if some eligible person has word `w` (cached in the scratch for one search).
  bool WordInScope(uint32_t w, const Eligibility& e, Scratch& s) const {
    uint8_t& known = s.word_in_scope[w];
    if (known == kUnknown) {
      const std::vector<uint32_t>& posting = postings_[w];
      const bool any =
          std::any_of(posting.begin(), posting.end(), [&](uint32_t p) { return Eligible(p, e); });
      known = any ? kInScope : kOutOfScope;
      s.scoped.push_back(w);
    }
    return known == kInScope;
  }

  void MatchWord(const std::string& q, size_t slot, const Eligibility& e, Scratch& s,
                 bool reading = false, bool whole_word = false) const;
  void MatchWithinEdits(const std::string& q, const Eligibility& e, Scratch& s, size_t slot,
                        bool reading) const;
  // Records that vocabulary word w matches query word `slot` with `quality` (the best one
  // found is kept); false, recording nothing, when no eligible person holds w.
  bool Mark(uint32_t w, uint8_t quality, size_t slot, bool reading, const Eligibility& e,
            Scratch& s) const {
    if (!WordInScope(w, e, s)) return false;
    uint8_t& stored = s.quality[slot][w];
    if (stored == kNoMatch) s.matched[slot].push_back(w);
    stored = std::min(stored, Stored(quality, reading));
    return true;
  }
  void MatchWordWide(const std::string& q, size_t slot, const Eligibility& e, Scratch& s) const;

  Arena id_arena_;
  Arena word_arena_;
  std::vector<std::string_view> ids_;
  std::vector<uint32_t> community_;  // kNone: removed
  std::vector<int32_t> birth_;
  std::vector<uint32_t> version_;
  std::vector<uint32_t> word_begin_;
  std::vector<uint8_t> word_count_;
  std::vector<uint32_t> word_pool_;
  std::vector<uint32_t> slots_;  // open addressing over ids_, power of two
  size_t live_ = 0;
  std::vector<std::string_view> word_text_;
  std::vector<std::vector<uint32_t>> postings_;
  std::map<std::string_view, uint32_t> word_ids_;  // ordered: prefix ranges
  std::unordered_map<uint32_t, std::vector<uint32_t>> trigram_words_;
  std::unordered_map<std::string, uint32_t> community_ids_;
  std::vector<std::string> community_paths_;
};

// Fills s.quality[slot] for the vocabulary words matching query word `q`: 0 exact, 1 prefix,
// 1 + edit distance for fuzzy ones, stored as Stored(quality, reading). A `whole_word` is
// never matched as the start of a longer word. Only words that some eligible person holds
// are matched.
void PersonIndex::Data::MatchWord(const std::string& q, size_t slot, const Eligibility& e,
                                  Scratch& s, bool reading, bool whole_word) const {
  auto set = [&](uint32_t w, uint8_t value) { return Mark(w, value, slot, reading, e, s); };
  if (auto it = word_ids_.find(q); it != word_ids_.end()) set(it->second, 0);
  if (whole_word) {
    MatchWithinEdits(q, e, s, slot, reading);
    return;
  }
  auto prefix_scan = [&](std::string_view start) {
    size_t taken = 0;
    for (auto it = word_ids_.lower_bound(start);
         it != word_ids_.end() && it->first.starts_with(start) && taken < kMaxPrefixWords; ++it) {
      if (set(it->second, 1)) ++taken;
    }
  };
  if (q.size() >= 2) prefix_scan(q);
  for (const std::string& stem : PrefixContinuations(q)) prefix_scan(stem);
  MatchWithinEdits(q, e, s, slot, reading);
}

// The fuzzy part of MatchWord: the vocabulary words within the edit bounds of q, found
// through shared trigrams.
void PersonIndex::Data::MatchWithinEdits(const std::string& q, const Eligibility& e, Scratch& s,
                                         size_t slot, bool reading) const {
  if (q.size() < 3) return;
  const std::vector<uint8_t>& quality = s.quality[slot];
  const int max_edits = q.size() <= 4 ? 1 : 2;
  const std::vector<uint32_t> trigrams = text::Trigrams(q);
  for (uint32_t t : trigrams) {
    auto it = trigram_words_.find(t);
    if (it == trigram_words_.end()) continue;
    for (uint32_t w : it->second) {
      if (s.trigram_count[w]++ == 0) s.counted.push_back(w);
    }
  }
  // An insertion, deletion or substitution changes at most 3 of a word's padded trigrams, a
  // swap of two letters 4: a word within `max_edits` shares at least this many with q.
  const int needed = std::max<int>(1, static_cast<int>(trigrams.size()) - 4 * max_edits);
  for (uint32_t w : s.counted) {
    const int count = s.trigram_count[w];
    s.trigram_count[w] = 0;
    if (count < needed || quality[w] <= kStoredPrefix) continue;
    const std::string_view word = word_text_[w];
    const int length_gap = static_cast<int>(word.size()) - static_cast<int>(q.size());
    if (length_gap > max_edits || -length_gap > max_edits) continue;
    const int d = text::BoundedEditDistance(q, word, max_edits);
    if (d <= max_edits) Mark(w, static_cast<uint8_t>(1 + d), slot, reading, e, s);
  }
  s.counted.clear();
}

// The fallback of a search that found nobody: the same edit bounds (1 for words of 3..4
// letters, 2 for longer), checked against the whole vocabulary rather than through shared
// trigrams, which a mistyped short word may not have.
void PersonIndex::Data::MatchWordWide(const std::string& q, size_t slot, const Eligibility& e,
                                      Scratch& s) const {
  MatchWord(q, slot, e, s);
  if (q.size() < 3) return;
  const std::vector<uint8_t>& quality = s.quality[slot];
  const int max_edits = q.size() <= 4 ? 1 : 2;
  for (uint32_t w = 0; w < word_text_.size(); ++w) {
    if (quality[w] <= kStoredPrefix) continue;
    const std::string_view word = word_text_[w];
    const int length_gap = static_cast<int>(word.size()) - static_cast<int>(q.size());
    if (length_gap > max_edits || -length_gap > max_edits) continue;
    const int d = text::BoundedEditDistance(q, word, max_edits);
    if (d <= max_edits) Mark(w, static_cast<uint8_t>(1 + d), slot, /*reading=*/false, e, s);
  }
}

std::vector<IndexHit> PersonIndex::Data::Search(const IndexQuery& query,
                                                const std::vector<std::string>& scope,
                                                size_t max_hits) const {
  Eligibility e;
  e.allowed.assign(community_paths_.size(), 0);
  for (size_t c = 0; c < community_paths_.size(); ++c) {
    for (const std::string& root : scope) {
      if (Covers(root, community_paths_[c])) e.allowed[c] = 1;
    }
  }
  e.date = Pack(query.birth_date);
  e.year = query.birth_year;
  const int32_t date = e.date;
  auto eligible = [&](uint32_t p) { return Eligible(p, e); };
  std::vector<Candidate> found;
  const size_t n = std::min(query.words.size(), kMaxQueryWords);
  if (n == 0) {
    if (date == 0 && !query.birth_year) return {};
    for (uint32_t p = 0; p < ids_.size(); ++p) {
      if (eligible(p))
        found.push_back(Candidate{static_cast<int>(MatchKind::kExact), birth_[p], 0, 0, 0, p});
    }
  } else {
    thread_local Scratch s;
    for (size_t i = 0; i < n; ++i) {
      s.quality[i].resize(std::max(s.quality[i].size(), word_text_.size()), kNoMatch);
    }
    s.trigram_count.resize(std::max(s.trigram_count.size(), word_text_.size()), 0);
    s.word_in_scope.resize(std::max(s.word_in_scope.size(), word_text_.size()), kUnknown);
    // First through shared trigrams; when that finds nobody, again over the whole vocabulary,
    // letting a query word that matches nothing drop out (a penalty on the distance), so the
    // other words still carry the query.
    for (int pass = 0; pass < 2; ++pass) {
      const bool wide = pass == 1;
      if (wide && !found.empty()) break;
      found.clear();
      // The query words that take part: in the wide pass, those with some match.
      size_t used_words[kMaxQueryWords];
      size_t u = 0;
      size_t driver = 0;
      size_t driver_postings = std::numeric_limits<size_t>::max();
      for (size_t i = 0; i < n; ++i) {
        if (wide) {
          MatchWordWide(query.words[i], i, e, s);
        } else {
          MatchWord(query.words[i], i, e, s);
        }
        if (i < query.readings.size()) {
          for (const std::string& reading : query.readings[i]) MatchWord(reading, i, e, s, true);
        }
        if (i < query.forms.size()) {
          for (const std::string& form : query.forms[i]) {
            MatchWord(form, i, e, s, /*reading=*/true, /*whole_word=*/true);
          }
        }
        if (wide && s.matched[i].empty()) continue;
        size_t total = 0;
        for (uint32_t w : s.matched[i]) total += postings_[w].size();
        if (total < driver_postings) {
          driver = i;
          driver_postings = total;
        }
        used_words[u++] = i;
      }
      const size_t dropped = n - u;
      if (u > 0) {
        const std::vector<uint8_t>& dq = s.quality[driver];
        int c[kMaxQueryWords][kMaxPersonWords];
        for (uint32_t w : s.matched[driver]) {
          for (uint32_t p : postings_[w]) {
            if (!eligible(p)) continue;
            const uint32_t* words = &word_pool_[word_begin_[p]];
            const size_t m = word_count_[p];
            // Visit each person once: through the first of its words the driver matched.
            size_t first = 0;
            while (first < m && dq[words[first]] == kNoMatch) ++first;
            if (first == m || words[first] != w) continue;
            for (size_t k = 0; k < u; ++k) {
              const size_t i = used_words[k];
              for (size_t j = 0; j < m; ++j) {
                const uint8_t stored = s.quality[i][words[j]];
                if (stored == kNoMatch) {
                  c[k][j] = -1;
                  continue;
                }
                const int quality = stored / 2;
                const bool reading = (stored & 1) != 0;
                const std::string_view word = word_text_[words[j]];
                int gap = std::abs(static_cast<int>(word.size()) -
                                   static_cast<int>(query.words[i].size()));
                if (reading) {
                  gap += kReadingGap;
                } else if (quality == 1 && !word.starts_with(query.words[i])) {
                  gap += kContinuationGap;
                }
                c[k][j] = quality * kGapScale + std::min(gap, kMaxGap);
              }
            }
            const Assignment best = BestAssignment(c, u, m);
            if (best.cost < 0) continue;
            const MatchKind kind = dropped > 0       ? MatchKind::kFuzzy
                                   : best.worst == 0 ? MatchKind::kExact
                                   : best.worst == 1 ? MatchKind::kPrefix
                                                     : MatchKind::kFuzzy;
            found.push_back(
                Candidate{static_cast<int>(kind),
                          best.cost / kGapScale + static_cast<int>(dropped) * kDroppedWordCost,
                          best.inversions, best.cost % kGapScale, static_cast<int>(m - u), p});
          }
        }
      }
      for (size_t i = 0; i < n; ++i) {
        for (uint32_t w : s.matched[i]) s.quality[i][w] = kNoMatch;
        s.matched[i].clear();
      }
    }
    for (uint32_t w : s.scoped) s.word_in_scope[w] = kUnknown;
    s.scoped.clear();
  }
  const size_t keep = std::min(max_hits, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end());
  std::vector<IndexHit> hits;
  hits.reserve(keep);
  for (size_t i = 0; i < keep; ++i) {
    const Candidate& c = found[i];
    hits.push_back(IndexHit{std::string(ids_[c.ordinal]), static_cast<MatchKind>(c.kind),
                            n == 0 ? 0 : c.distance});
  }
  return hits;
}

PersonIndex::PersonIndex() : data_(std::make_unique<Data>()) {}
PersonIndex::~PersonIndex() = default;

core::Status PersonIndex::Load(store::Database& db) {
  {
    std::unique_lock lock(mutex_);
    loading_ = true;
    pending_.clear();
    pending_removals_.clear();
  }
  auto fresh = std::make_unique<Data>();
  core::Status status = db.Read([&](store::Session& tx) {
    return ForEachIndexRow(tx, [&](const IndexRow& row) { fresh->Upsert(row); });
  });
  std::unique_lock lock(mutex_);
  loading_ = false;
  if (status.ok()) {
    for (const IndexRow& row : pending_) fresh->Upsert(row);
    for (const std::string& id : pending_removals_) fresh->Remove(id);
    data_ = std::move(fresh);
  }
  pending_.clear();
  pending_removals_.clear();
  return status;
}

void PersonIndex::Upsert(const IndexRow& row) {
  std::unique_lock lock(mutex_);
  data_->Upsert(row);
  if (loading_) pending_.push_back(row);
}

void PersonIndex::Remove(std::string_view id) {
  std::unique_lock lock(mutex_);
  data_->Remove(id);
  if (loading_) pending_removals_.emplace_back(id);
}

std::vector<IndexHit> PersonIndex::Search(const IndexQuery& query,
                                          const std::vector<std::string>& scope,
                                          size_t max_hits) const {
  std::shared_lock lock(mutex_);
  return data_->Search(query, scope, max_hits);
}

IndexStats PersonIndex::Stats() const {
  std::shared_lock lock(mutex_);
  return data_->Stats();
}

}  // namespace socius::registry
