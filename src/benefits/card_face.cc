#include "benefits/card_face.h"

#include <utility>

#include "export/pdf.h"
#include "export/qr.h"

namespace socius::benefits {
namespace {

using exporting::kId1Card;
using exporting::PdfDocument;
using exporting::TextStyle;

// Millimetres on the card. The QR code sits on the right, large enough (about 0.45 mm a
// module for a real token) for a phone camera at arm's length; the texts fill the left.
constexpr double kMargin = 4;
constexpr double kQrSide = 30;
constexpr double kQrRightMargin = 2.5;  // its quiet zone adds the rest of the margin
constexpr double kGap = 1;
constexpr double kTextWidth = kId1Card.width_mm - kQrRightMargin - kQrSide - kGap - kMargin;

// Where the card sits on an A4 sheet, and its cut marks: short lines in the margin that
// continue the card's edges, kept clear of the card so that a slightly off cut leaves no ink.
constexpr double kSheetCardTop = 20;
constexpr double kCutMarkGap = 2;
constexpr double kCutMarkLength = 6;

struct TextBlock {
  std::string text;
  TextStyle style;
  const char* field;
};

std::vector<TextBlock> TopBlocks(const CardFace& face) {
  std::vector<TextBlock> blocks = {
      {face.programme, {.size_pt = 9, .bold = true, .max_width_mm = kTextWidth}, "programme"},
      {face.territory, {.size_pt = 6.5, .max_width_mm = kTextWidth}, "territory"}};
  for (const std::string& line : face.holder_lines) {
    blocks.push_back({line, {.size_pt = 8, .max_width_mm = kTextWidth}, "holder_lines"});
  }
  return blocks;
}

std::vector<TextBlock> BottomBlocks(const CardFace& face) {
  return {{face.labels.card_number + " " + face.card_number,
           {.size_pt = 7.5, .bold = true, .max_width_mm = kTextWidth},
           "card_number"},
          {face.labels.valid_until + " " + face.valid_until.ToString(),
           {.size_pt = 7.5, .max_width_mm = kTextWidth},
           "valid_until"}};
}

// The top texts must end above the number and date, which stand at the bottom edge.
core::Status CheckFit(PdfDocument& pdf, const std::vector<TextBlock>& top, double bottom_height) {
  const double limit = kId1Card.height_mm - kMargin - bottom_height - kGap;
  double y = kMargin;
  for (const TextBlock& block : top) {
    y += pdf.MeasureText(block.text, block.style).height_mm + kGap;
    if (y - kGap > limit) {
      return core::Status::InvalidArgument("card.text_does_not_fit", block.field);
    }
  }
  return core::Status::Ok();
}

double HeightOf(PdfDocument& pdf, const std::vector<TextBlock>& blocks) {
  double height = 0;
  for (const TextBlock& block : blocks) {
    height += pdf.MeasureText(block.text, block.style).height_mm;
  }
  return height;
}

core::Status DrawCard(PdfDocument& pdf, const CardFace& face, const exporting::QrCode& qr,
                      double left, double top) {
  const std::vector<TextBlock> upper = TopBlocks(face);
  const std::vector<TextBlock> lower = BottomBlocks(face);
  const double lower_height = HeightOf(pdf, lower);
  SOCIUS_RETURN_IF_ERROR(CheckFit(pdf, upper, lower_height));

  double y = top + kMargin;
  for (const TextBlock& block : upper) {
    y += pdf.DrawText(block.text, left + kMargin, y, block.style).height_mm + kGap;
  }
  y = top + kId1Card.height_mm - kMargin - lower_height;
  for (const TextBlock& block : lower) {
    y += pdf.DrawText(block.text, left + kMargin, y, block.style).height_mm;
  }
  pdf.DrawQr(qr, left + kId1Card.width_mm - kQrRightMargin - kQrSide,
             top + (kId1Card.height_mm - kQrSide) / 2, kQrSide);
  return core::Status::Ok();
}

void DrawCutMarks(PdfDocument& pdf, double left, double top) {
  const double right = left + kId1Card.width_mm;
  const double bottom = top + kId1Card.height_mm;
  constexpr double kNear = kCutMarkGap;
  constexpr double kFar = kCutMarkGap + kCutMarkLength;
  constexpr double kLine = 0.2;
  for (double y : {top, bottom}) {
    pdf.DrawLine(left - kFar, y, left - kNear, y, kLine);
    pdf.DrawLine(right + kNear, y, right + kFar, y, kLine);
  }
  for (double x : {left, right}) {
    pdf.DrawLine(x, top - kFar, x, top - kNear, kLine);
    pdf.DrawLine(x, bottom + kNear, x, bottom + kFar, kLine);
  }
}

}  // namespace

core::Result<std::string> RenderCardPdf(const CardFace& face, CardSheet sheet) {
  if (face.holder_lines.size() > kMaxCardHolderLines) {
    return core::Status::InvalidArgument("card.too_many_holder_lines", "holder_lines");
  }
  core::Result<exporting::QrCode> qr = exporting::EncodeQr(face.token);
  if (!qr.ok()) return qr.status();

  const bool on_a4 = sheet == CardSheet::kA4WithCutMarks;
  // The title names the programme and card, as printed on it; never the holder.
  PdfDocument pdf(on_a4 ? exporting::kA4Portrait : kId1Card,
                  {.title = face.programme + " " + face.card_number});
  const double left = on_a4 ? (exporting::kA4Portrait.width_mm - kId1Card.width_mm) / 2 : 0;
  const double top = on_a4 ? kSheetCardTop : 0;
  SOCIUS_RETURN_IF_ERROR(DrawCard(pdf, face, *qr, left, top));
  if (on_a4) DrawCutMarks(pdf, left, top);

  if (pdf.unknown_glyphs() > 0) {
    return core::Status::InvalidArgument(
        "card.unprintable_text", "",
        std::to_string(pdf.unknown_glyphs()) + " characters no installed font can draw");
  }
  return pdf.Finish();
}

}  // namespace socius::benefits
