#include "export/pdf.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "export/pdf_probe.h"

namespace socius::exporting {
namespace {

// Every letter the six languages' cards and reports need beyond ASCII, in one line.
constexpr std::string_view kSixLanguages =
    "Ș ț Ă â î Ą Č Ę Ė Į Š Ų Ū Ž ū Ґ Ї Є І Ќ Ѓ Ѕ Џ Љ Њ Ы Э ё";

// A PDF holds glyphs at positions, not spaces; readers guess the spaces back, each its own
// way. Text is compared without them.
std::string WithoutSpaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n') out += c;
  }
  return out;
}

int CountMatches(const std::string& text, const std::regex& pattern) {
  return static_cast<int>(std::distance(std::sregex_iterator(text.begin(), text.end(), pattern),
                                        std::sregex_iterator()));
}

TEST(PdfDocument, WritesAPdfWithThePagesAsked) {
  PdfDocument pdf(kA4Portrait, {.title = "Payment list 2026-01"});
  pdf.DrawText("Page one", 20, 20, {});
  pdf.NewPage();
  pdf.DrawText("Page two", 20, 20, {});
  pdf.NewPage(kA4Landscape);
  EXPECT_EQ(pdf.page_count(), 3);
  EXPECT_DOUBLE_EQ(pdf.page_size().width_mm, 297);
  core::Result<std::string> bytes = pdf.Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(bytes->rfind("%PDF-", 0), 0u);
  EXPECT_NE(bytes->find("/Count 3"), std::string::npos);
  EXPECT_EQ(probe::PdfPageCount(*bytes), 3);
  EXPECT_EQ(CountMatches(*bytes, std::regex("/Type /Page\\b")), 3);
  EXPECT_NE(bytes->find("/MediaBox [ 0 0 595.27"), std::string::npos);  // A4 portrait
  EXPECT_NE(bytes->find("/MediaBox [ 0 0 841.88"), std::string::npos);  // A4 landscape
  EXPECT_NE(bytes->find("/Title (Payment list 2026-01)"), std::string::npos);
}

TEST(PdfDocument, MakesCardSizedPages) {
  PdfDocument pdf(kId1Card);
  pdf.DrawRectangle(0.5, 0.5, kId1Card.width_mm - 1, kId1Card.height_mm - 1, 0.2);
  core::Result<std::string> bytes = pdf.Finish();
  ASSERT_TRUE(bytes.ok());
  // 85.6 × 53.98 mm in points.
  EXPECT_NE(bytes->find("/MediaBox [ 0 0 242.64"), std::string::npos);
  EXPECT_NE(bytes->find(" 153.01"), std::string::npos);
}

TEST(PdfDocument, EmbedsASubsetOfTheFontThatCoversTheSixLanguages) {
  PdfDocument pdf(kA4Portrait);
  TextExtent regular = pdf.DrawText(kSixLanguages, 20, 20, {.size_pt = 12});
  TextExtent bold = pdf.DrawText(kSixLanguages, 20, 40, {.size_pt = 12, .bold = true});
  EXPECT_EQ(regular.unknown_glyphs, 0);
  EXPECT_EQ(bold.unknown_glyphs, 0);
  EXPECT_EQ(pdf.unknown_glyphs(), 0);
  EXPECT_GT(regular.width_mm, 50);
  core::Result<std::string> bytes = pdf.Finish();
  ASSERT_TRUE(bytes.ok());
  EXPECT_TRUE(std::regex_search(*bytes, std::regex("/FontName /[A-Z]{6}\\+DejaVuSans\\b")));
  EXPECT_TRUE(std::regex_search(*bytes, std::regex("/FontName /[A-Z]{6}\\+DejaVuSans-Bold")));
}

TEST(PdfDocument, TextReadsBackInEachLanguage) {
  PdfDocument pdf(kA4Portrait);
  pdf.DrawText(kSixLanguages, 20, 20, {});
  pdf.DrawText("Ajutor social: 1 420 lei", 20, 30, {.bold = true});
  core::Result<std::string> bytes = pdf.Finish();
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(probe::PdfPageCount(*bytes), 1);
  std::optional<std::string> text = probe::PdfPageText(*bytes, 0);
  ASSERT_TRUE(text.has_value());
  EXPECT_NE(WithoutSpaces(*text).find(WithoutSpaces(kSixLanguages)), std::string::npos) << *text;
  EXPECT_NE(WithoutSpaces(*text).find("Ajutorsocial:1420lei"), std::string::npos);
  EXPECT_FALSE(probe::PdfPageText(*bytes, 1).has_value());
}

TEST(PdfDocument, CountsCharactersNoFontCanDraw) {
  PdfDocument pdf(kA4Portrait);
  // U+0378 is unassigned: no font has a glyph for it.
  TextExtent extent = pdf.DrawText("a\u0378b\u0378", 20, 20, {});
  EXPECT_EQ(extent.unknown_glyphs, 2);
  EXPECT_EQ(pdf.MeasureText("\u0378", {}).unknown_glyphs, 1);
  EXPECT_EQ(pdf.unknown_glyphs(), 2);  // measuring draws nothing
}

TEST(PdfDocument, WrapsTextWithinTheWidthGiven) {
  PdfDocument pdf(kA4Portrait);
  TextStyle one_line{.size_pt = 10};
  TextStyle narrow{.size_pt = 10, .max_width_mm = 30};
  const std::string text = "Direcția de asistență socială și protecția copilului Ungheni";
  TextExtent wide = pdf.MeasureText(text, one_line);
  TextExtent wrapped = pdf.MeasureText(text, narrow);
  EXPECT_GT(wide.width_mm, 30);
  EXPECT_LE(wrapped.width_mm, 30.01);
  EXPECT_GT(wrapped.height_mm, 2.5 * wide.height_mm);
  // 10 pt is about 3.5 mm; a line with its leading is a little more.
  EXPECT_GT(wide.height_mm, 3.5);
  EXPECT_LT(wide.height_mm, 5);
}

TEST(PdfDocument, DrawsQrCodesAndPageNumbers) {
  core::Result<QrCode> code = EncodeQr("LT-0481-2026-000123");
  ASSERT_TRUE(code.ok());
  PdfDocument pdf(kA4Portrait);
  pdf.DrawQr(*code, 20, 20, 30);
  pdf.DrawLine(10, 10, 200, 10, 0.3);
  pdf.DrawPageNumber(2);
  pdf.NewPage();
  pdf.DrawPageNumber(0);
  EXPECT_EQ(pdf.unknown_glyphs(), 0);
  core::Result<std::string> bytes = pdf.Finish();
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(probe::PdfPageCount(*bytes), 2);
  EXPECT_EQ(probe::ReadQrOnPdfPage(*bytes, 0, 150), "LT-0481-2026-000123");
  EXPECT_FALSE(probe::ReadQrOnPdfPage(*bytes, 1, 150).has_value());
  EXPECT_EQ(WithoutSpaces(*probe::PdfPageText(*bytes, 0)), "1/2");
  EXPECT_EQ(WithoutSpaces(*probe::PdfPageText(*bytes, 1)), "2");
}

TEST(PdfDocument, RefusesToFinishTwice) {
  PdfDocument pdf(kId1Card);
  ASSERT_TRUE(pdf.Finish().ok());
  core::Result<std::string> again = pdf.Finish();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().kind(), core::StatusKind::kInternal);
}

}  // namespace
}  // namespace socius::exporting
