#pragma once

// Typo tolerance over match keys (match_key.h): an edit distance with an early exit, and the
// trigrams an index uses to find candidates cheaply before the distance is computed.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace socius::text {

// The Damerau-Levenshtein distance between `a` and `b` in its optimal-string-alignment form:
// insertion, deletion, substitution and the swap of two adjacent characters each cost 1 (no
// substring is edited twice). Works on bytes, which is exact for match keys (ASCII).
// Returns the distance when it is at most `max`, else `max + 1`; the work is bounded by
// O(max * min(|a|, |b|)), so callers can afford it on many candidates. `max` < 0 is taken as 0.
int BoundedEditDistance(std::string_view a, std::string_view b, int max);

// The trigrams of a key, for an index: each word is padded with two spaces in front and one
// behind (as PostgreSQL's pg_trgm does, so that short words and word starts weigh in), and
// every three consecutive bytes form one trigram, packed as (b0 << 16) | (b1 << 8) | b2.
// Sorted, without duplicates. An empty key has no trigrams.
std::vector<uint32_t> Trigrams(std::string_view key);

// The three characters of a packed trigram, for logs and tests.
std::string TrigramText(uint32_t trigram);

}  // namespace socius::text
