#include "benefits/card_face.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "benefits/card_token.h"
#include "export/pdf_probe.h"

namespace socius::benefits {
namespace {

namespace probe = exporting::probe;

std::string WithoutSpaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n') out += c;
  }
  return out;
}

std::string RealToken() {
  static const std::string token = [] {
    CardSigningKey key = GenerateCardKey();
    core::Result<std::string> signed_token = SignCard(
        {"LT-0481-2026-000123", "LT-SEIMA", {2026, 1, 1}, {2026, 12, 31}, {2025, 12, 20}}, key);
    return signed_token.ok() ? *signed_token : std::string();
  }();
  return token;
}

CardFace EnglishCard() {
  return CardFace{"Large family card",
                  "Vilnius City Municipality",
                  {"Family of Jonas Jonaitis", "5 members"},
                  "LT-0481-2026-000123",
                  {2026, 12, 31},
                  RealToken(),
                  {}};
}

struct LanguageCase {
  std::string language;
  CardFace face;
};

std::vector<LanguageCase> SixLanguages() {
  auto in = [](std::string programme, std::string territory, std::vector<std::string> holders,
               CardFaceLabels labels) {
    CardFace face = EnglishCard();
    face.programme = std::move(programme);
    face.territory = std::move(territory);
    face.holder_lines = std::move(holders);
    face.labels = std::move(labels);
    return face;
  };
  return {
      {"en", EnglishCard()},
      {"lt", in("Šeimos kortelė", "Vilniaus miesto savivaldybė",
                {"Jonaičių šeima", "Ūla Žemaitė, Ąžuolas Ėglė"}, {"Nr.", "Galioja iki"})},
      {"ro", in("Card pentru familii numeroase", "Primăria Municipiului Ungheni",
                {"Familia Ștefan Țurcanu", "Ana-Maria Țîrdea"}, {"Nr.", "Valabil până la"})},
      {"uk", in("Картка багатодітної родини", "Житомирська міська рада",
                {"Родина Ґалини Їжак", "Євгенія Іваненко"}, {"№", "Дійсна до"})},
      {"mk",
       in("Картичка за повеќечлено семејство", "Општина Карпош",
          {"Семејство Ќоровски", "Ѓорѓи Ѕвездановски, Љубица Џамбазова"}, {"Бр.", "Важи до"})},
      {"ru", in("Карта многодетной семьи", "Администрация города Бельцы",
                {"Семья Ёлкиных", "Эдуард Ыкин"}, {"№", "Действительна до"})},
  };
}

TEST(RenderCardPdf, PrintsACardSizedPageInEachLanguage) {
  for (const LanguageCase& language : SixLanguages()) {
    SCOPED_TRACE(language.language);
    core::Result<std::string> pdf = RenderCardPdf(language.face, CardSheet::kCardSize);
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
    EXPECT_NE(pdf->find("/Count 1"), std::string::npos);
    EXPECT_NE(pdf->find("/MediaBox [ 0 0 242.64"), std::string::npos);
    EXPECT_NE(pdf->find("+DejaVuSans-Bold"), std::string::npos);
    // What a person reads off the card: every text, in its language, and the number.
    std::optional<std::string> text = probe::PdfPageText(*pdf, 0);
    ASSERT_TRUE(text.has_value());
    const std::string printed = WithoutSpaces(*text);
    for (const std::string& expected :
         {language.face.programme, language.face.territory, language.face.holder_lines[0],
          language.face.holder_lines[1], language.face.labels.card_number + "LT-0481-2026-000123",
          language.face.labels.valid_until + "2026-12-31"}) {
      EXPECT_NE(printed.find(WithoutSpaces(expected)), std::string::npos) << expected << "\n"
                                                                          << *text;
    }
  }
}

TEST(RenderCardPdf, ItsQrCodeReadsBackAsTheToken) {
  for (CardSheet sheet : {CardSheet::kCardSize, CardSheet::kA4WithCutMarks}) {
    core::Result<std::string> pdf = RenderCardPdf(EnglishCard(), sheet);
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    // 200 dpi: less than a card printer's 300, about what a phone camera resolves.
    EXPECT_EQ(probe::ReadQrOnPdfPage(*pdf, 0, 200), RealToken());
  }
}

TEST(RenderCardPdf, NamesTheCardNumberButNotTheHolderInTheDocumentTitle) {
  core::Result<std::string> pdf = RenderCardPdf(EnglishCard(), CardSheet::kCardSize);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_NE(pdf->find("/Title (Large family card LT-0481-2026-000123)"), std::string::npos);
  EXPECT_EQ(pdf->find("Jonaitis"), std::string::npos);
}

TEST(RenderCardPdf, PlacesTheCardOnAnA4SheetWithCutMarks) {
  core::Result<std::string> card = RenderCardPdf(EnglishCard(), CardSheet::kCardSize);
  core::Result<std::string> sheet = RenderCardPdf(EnglishCard(), CardSheet::kA4WithCutMarks);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_TRUE(card.ok());
  EXPECT_NE(sheet->find("/Count 1"), std::string::npos);
  EXPECT_NE(sheet->find("/MediaBox [ 0 0 595.27"), std::string::npos);
  EXPECT_NE(*sheet, *card);
}

TEST(RenderCardPdf, RefusesMoreHolderLinesThanTheCardHolds) {
  CardFace face = EnglishCard();
  face.holder_lines = {"one", "two", "three", "four"};
  core::Result<std::string> pdf = RenderCardPdf(face, CardSheet::kCardSize);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), "card.too_many_holder_lines");
  EXPECT_EQ(pdf.status().field(), "holder_lines");
}

TEST(RenderCardPdf, RefusesTextThatWouldRunIntoTheNumber) {
  CardFace long_title = EnglishCard();
  long_title.programme.clear();
  for (int i = 0; i < 12; ++i) long_title.programme += "Programme of support for families ";
  core::Result<std::string> pdf = RenderCardPdf(long_title, CardSheet::kCardSize);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), "card.text_does_not_fit");
  EXPECT_EQ(pdf.status().field(), "programme");

  CardFace long_holders = EnglishCard();
  long_holders.holder_lines.assign(3, std::string(120, 'W'));
  pdf = RenderCardPdf(long_holders, CardSheet::kA4WithCutMarks);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), "card.text_does_not_fit");
  EXPECT_EQ(pdf.status().field(), "holder_lines");
}

TEST(RenderCardPdf, FitsThreeHolderLinesAndTheLongestCardNumber) {
  CardFace face = EnglishCard();
  face.holder_lines = {"Family of Jonas Jonaitis", "Ona Jonaitienė", "5 members"};
  face.card_number = std::string(kMaxCardNumberLength, '9');
  core::Result<std::string> pdf = RenderCardPdf(face, CardSheet::kCardSize);
  EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
}

TEST(RenderCardPdf, RefusesTextNoFontCanDraw) {
  CardFace face = EnglishCard();
  face.holder_lines[0] = "Family \u0378";  // an unassigned code point
  core::Result<std::string> pdf = RenderCardPdf(face, CardSheet::kCardSize);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), "card.unprintable_text");
  EXPECT_EQ(pdf.status().kind(), core::StatusKind::kInvalidArgument);
}

TEST(RenderCardPdf, RefusesACardWithoutAToken) {
  CardFace face = EnglishCard();
  face.token.clear();
  core::Result<std::string> pdf = RenderCardPdf(face, CardSheet::kCardSize);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), "qr.empty");
  face.token.assign(3000, 'A');
  pdf = RenderCardPdf(face, CardSheet::kCardSize);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), "qr.too_long");
}

}  // namespace
}  // namespace socius::benefits
