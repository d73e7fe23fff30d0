#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace socius::benefits {

// The words printed beside the values, in the card's language (from the room's messages).
struct CardFaceLabels {
  std::string card_number = "No.";
  std::string valid_until = "Valid until";
};

// What the printed large-family card shows. Every text is UTF-8 in any of the six languages.
struct CardFace {
  std::string programme;                  // the title: "Šeimos kortelė"
  std::string territory;                  // who issued it: "Vilniaus miesto savivaldybė"
  std::vector<std::string> holder_lines;  // at most kMaxCardHolderLines: names, or a family
  std::string card_number;                // "LT-0481-2026-000123"
  // Shown as YYYY-MM-DD, as in the QR code: read alike in the six languages, and the date a
  // shop compares with the reader's answer.
  core::Date valid_until;
  std::string token;  // from SignCard; drawn as the QR code
  CardFaceLabels labels;
};

inline constexpr size_t kMaxCardHolderLines = 3;

enum class CardSheet {
  kCardSize,        // one ID-1 page (85.6 × 53.98 mm) for a card printer
  kA4WithCutMarks,  // the card at the top of an A4 page, with marks to cut along
};

// The card as a one-page PDF. Fails with InvalidArgument card.too_many_holder_lines
// (field holder_lines), card.text_does_not_fit (field: programme, territory or holder_lines,
// when the texts would run into the number and date at the bottom), card.unprintable_text
// (a character no installed font can draw; a card with a box in a name must not be
// printed), or the QR code's failure (qr.empty, qr.too_long) for a bad token.
core::Result<std::string> RenderCardPdf(const CardFace& face, CardSheet sheet);

}  // namespace socius::benefits
