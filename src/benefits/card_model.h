#pragma once

// The large-family card as the room keeps it: issued to a household from an active decision
// of a large_family_card programme, with a number, a validity and the signed token its QR code
// carries (card_token.h). Plain data.

#include <optional>
#include <string>
#include <string_view>

#include "benefits/model.h"
#include "core/clock.h"

namespace socius::benefits {

enum class CardState { kActive, kRevoked };
std::string_view Name(CardState state);
std::optional<CardState> ParseCardState(std::string_view name);

struct BenefitCard {
  std::string id;
  int64_t version = 1;
  std::string number;  // "1017-2026-000123"
  ProgrammeRef programme;
  std::string household_id;
  std::string household_name;  // the head's "Family Given", as the registry has it now
  std::string community_id;
  std::string community_code;
  std::string community_name;
  std::string community_path;
  std::string decision_id;
  core::Date valid_from;
  core::Date valid_until;  // the last day it is valid
  CardState state = CardState::kActive;
  std::optional<std::string> revoke_reason;
  std::string token;
  std::string key_id;
  UserRef issued_by;
  std::string issued_at;
  std::optional<UserRef> revoked_by;
  std::optional<std::string> revoked_at;
  std::string created_at;
  std::string updated_at;
};

struct CardInput {
  std::string decision_id;
  std::optional<std::string> valid_until;  // YYYY-MM-DD; default: three years less a day
};

struct CardFilter {
  std::optional<std::string> household_id;
  std::optional<std::string> programme_id;
  std::optional<CardState> state;
};

using CardPage = Page<BenefitCard>;

// A signing key as stored. The secret is the key's seed (card_token.h CardSigningKeyBase64).
struct StoredCardKey {
  std::string id;
  std::string public_key;  // base64url
  std::string secret_key;  // base64url; never leaves the server
  std::string created_at;
};

// What the public verification answers: never who holds the card.
enum class CardStatus { kValid, kExpired, kNotYetValid, kRevoked, kInvalid };
std::string_view Name(CardStatus status);

struct CardVerdict {
  CardStatus status = CardStatus::kInvalid;
  std::optional<core::Date> valid_until;  // absent for an invalid token
};

}  // namespace socius::benefits
