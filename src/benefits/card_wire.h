#pragma once

// JSON ↔ the large-family card's inputs and records, as docs/openapi.yaml and
// docs/benefits-api.md say. Decoders check shapes only; the use cases decide the rest.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "benefits/card_model.h"
#include "core/result.h"

namespace socius::benefits {

// {"decision_id","valid_until"?}
core::Result<CardInput> ReadCardInput(const nlohmann::json& body);
// {"reason"}: why a card is revoked.
core::Result<std::string> ReadRevocation(const nlohmann::json& body);

nlohmann::json EncodeCard(const BenefitCard& card);
// {"status","valid_until"?}: never who holds the card.
nlohmann::json EncodeVerdict(const CardVerdict& verdict);
// {"keys":[{"key_id","public_key","created_at"}]}
nlohmann::json EncodePublishedKeys(const std::vector<StoredCardKey>& keys);

}  // namespace socius::benefits
