#include "export/qr.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "export/pdf_probe.h"

namespace socius::exporting {
namespace {

// The 7×7 finder pattern: a dark ring, a light ring, a dark 3×3 centre.
bool HasFinderAt(const QrCode& code, int left, int top) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
      const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      if (code.Dark(left + x, top + y) != (ring || centre)) return false;
    }
  }
  return true;
}

TEST(EncodeQr, ChoosesTheSmallestVersionAtLevelM) {
  // Version 1 holds 14 bytes at level M, version 2 holds 26.
  core::Result<QrCode> small = EncodeQr("LT-0481-2026");
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(small->size, 21);
  core::Result<QrCode> larger = EncodeQr("https://socius.example/v");
  ASSERT_TRUE(larger.ok());
  EXPECT_EQ(larger->size, 25);
  EXPECT_EQ(larger->modules.size(), 25u * 25u);
}

TEST(EncodeQr, DrawsTheThreeFinderPatterns) {
  core::Result<QrCode> code = EncodeQr("LT-0481-2026-000123");
  ASSERT_TRUE(code.ok());
  EXPECT_TRUE(HasFinderAt(*code, 0, 0));
  EXPECT_TRUE(HasFinderAt(*code, code->size - 7, 0));
  EXPECT_TRUE(HasFinderAt(*code, 0, code->size - 7));
  EXPECT_FALSE(HasFinderAt(*code, code->size - 7, code->size - 7));
}

TEST(EncodeQr, DecodesToTheSameBytes) {
  const std::string token(
      "SC1.MXwzZjJhOWMxZDBlNGI3NTg2fExULTA0ODEtMjAyNi0wMDAxMjN8TFQtU0VJTUF8MjAyNi0wMS0wMXwy"
      "MDI2LTEyLTMxfDIwMjUtMTItMjA.Zm9yZ2VkLXNpZ25hdHVyZS1ieXRlcy1mb3ItYS1zaXplLXRlc3Qtb25seS4"
      "uLi4uLi4uLi4uLi4uLi4uLg");
  core::Result<QrCode> code = EncodeQr(token);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(probe::ReadQr(*code), token);
  core::Result<QrCode> unicode = EncodeQr("Șeimos kortelė Їжак");
  ASSERT_TRUE(unicode.ok());
  EXPECT_EQ(probe::ReadQr(*unicode), "Șeimos kortelė Їжак");
}

TEST(EncodeQr, RefusesNothingAndTooMuch) {
  core::Result<QrCode> empty = EncodeQr("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), "qr.empty");
  core::Result<QrCode> largest = EncodeQr(std::string(2331, 'x'));
  ASSERT_TRUE(largest.ok());
  EXPECT_EQ(largest->size, 177);  // version 40
  core::Result<QrCode> too_long = EncodeQr(std::string(2332, 'x'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().code(), "qr.too_long");
  EXPECT_EQ(too_long.status().kind(), core::StatusKind::kInvalidArgument);
}

TEST(QrSvg, IsOnePathOverAWhiteSquareWithTheQuietZone) {
  core::Result<QrCode> code = EncodeQr("LT-0481-2026");
  ASSERT_TRUE(code.ok());
  std::string svg = QrSvg(*code, 3);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"87\" height=\"87\"", 0),
            0u)
      << svg;
  EXPECT_NE(svg.find("viewBox=\"0 0 29 29\""), std::string::npos);
  EXPECT_NE(svg.find("d=\"M4 4h7v1h-7z"), std::string::npos);  // the finder's top edge
  size_t paths = 0;
  for (size_t at = svg.find("<path"); at != std::string::npos; at = svg.find("<path", at + 1)) {
    ++paths;
  }
  EXPECT_EQ(paths, 1u);
  EXPECT_NE(QrSvg(*code, 0).find("width=\"29\""), std::string::npos);  // at least 1 px
}

}  // namespace
}  // namespace socius::exporting
