#pragma once

// The use cases of the large-family card: issue a card from an active decision of a
// large_family_card programme, read and list cards, revoke one, print it, and the public
// verification of a token read from a card's QR code. Cards belong to the household's
// community: visible to holders of benefit.read there (NotFound("card.not_found") otherwise,
// exactly as missing), issued and revoked with benefit.work there (PermissionDenied when
// visible but not theirs). Each use case opens its transaction and writes its audit entry in
// it. Thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "benefits/card_face.h"
#include "benefits/card_model.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::benefits {

// How long a card is valid unless the officer says otherwise, and at most.
inline constexpr int kCardDefaultYears = 3;
inline constexpr int kCardMaxYears = 5;
inline constexpr size_t kMaxRevokeReason = 1000;

// The last day of a card issued on `today` valid for `years`: three years from 2026-12-06 is
// until 2029-12-05.
core::Date CardEnd(core::Date today, int years);

// "No." and "Valid until" in one of the six languages (English for any other).
CardFaceLabels CardLabelsIn(std::string_view language);

// The scheme a programme's cards name in their token: the first 8 characters of its id.
std::string CardScheme(const std::string& programme_id);

struct PrintedCard {
  std::string number;
  std::string pdf;
};

class Cards {
 public:
  explicit Cards(store::Database& db) : db_(db) {}

  // Issues the household's card from decision `input.decision_id`: NotFound
  // ("decision.not_found") when not visible, PermissionDenied without benefit.work there,
  // InvalidArgument("card.not_a_card_programme", "decision_id") for another kind of programme,
  // Conflict("card.decision_not_active") unless the decision is active,
  // InvalidArgument("card.invalid_validity", "valid_until") for an end before today or past
  // kCardMaxYears, Conflict("card.already_active") when the household holds an active card of
  // the programme. Signs with the newest key, made and stored on first use. Audit card.issue.
  core::Result<BenefitCard> Issue(const auth::Principal& who, const CardInput& input);
  core::Result<BenefitCard> Get(const auth::Principal& who, const std::string& id);
  core::Result<CardPage> List(const auth::Principal& who, const CardFilter& filter,
                              const std::string& after, int limit);
  // InvalidArgument("card.reason_required", "reason") for a blank reason,
  // Conflict("card.not_active") for a revoked card, Conflict("conflict.stale_version").
  // Audit card.revoke.
  core::Result<BenefitCard> Revoke(const auth::Principal& who, const std::string& id,
                                   int64_t expected_version, const std::string& reason);
  // The printable card as a PDF, its labels in `language`, the household's head as holder.
  // Conflict("card.not_active") for a revoked card. Audited (card.print: it shows a name) in
  // the transaction of the read; RenderCardPdf's failures are returned as they are.
  core::Result<PrintedCard> Print(const auth::Principal& who, const std::string& id,
                                  CardSheet sheet, std::string_view language);

  // What a card's token says on `today`, for anyone: invalid for a malformed, altered or
  // unknown-key token, and for one no card of this installation carries. Never fails for a bad
  // token; fails only when the database does.
  core::Result<CardVerdict> Verify(std::string_view token, core::Date today);
  // Every signing key's public half, newest first (secret_key left empty).
  core::Result<std::vector<StoredCardKey>> PublishedKeys();

 private:
  store::Database& db_;
};

}  // namespace socius::benefits
