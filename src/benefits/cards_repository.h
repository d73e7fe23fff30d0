#pragma once

// The SQL of the large-family card, the same text on SQLite and PostgreSQL. Runs in the
// caller's session; never opens a transaction, authorises or audits.

#include <optional>
#include <string>
#include <vector>

#include "benefits/card_model.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::benefits {

// Every signing key, newest (highest generation) first.
core::Result<std::vector<StoredCardKey>> CardKeys(store::Session& tx);
// Stores `key` as the first key (generation 1), unless another is already stored there, as
// when two first issues run at once: read CardKeys after it and sign with its first.
core::Status InsertFirstCardKey(store::Session& tx, const StoredCardKey& key);

// The next number of the community's cards in `year` (1, 2, ...): one statement, so that two
// cards issued at once never share a number.
core::Result<int64_t> NextCardSequence(store::Session& tx, const std::string& community_id,
                                       int year);

// Whether the household holds an active card of the programme.
core::Result<bool> HasActiveCard(store::Session& tx, const std::string& programme_id,
                                 const std::string& household_id);

// Conflict("store.unique_violation") when the number repeats or an active card exists.
core::Status InsertCard(store::Session& tx, const BenefitCard& card);
// Conflict("conflict.stale_version") when `expected_version` is not the stored one.
core::Status UpdateCardState(store::Session& tx, const BenefitCard& card, int64_t expected_version);
// NotFound("card.not_found").
core::Result<BenefitCard> FindCard(store::Session& tx, const std::string& id);
// The card with `number`, whoever holds it (for the public verification, which names no one).
core::Result<std::optional<BenefitCard>> FindCardByNumber(store::Session& tx,
                                                          const std::string& number);
// Cards of the communities in `scope` (territory paths), newest first.
core::Result<CardPage> ListCards(store::Session& tx, const std::vector<std::string>& scope,
                                 const CardFilter& filter, const std::string& after, int limit);

}  // namespace socius::benefits
