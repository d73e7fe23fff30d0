#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "export/qr.h"

namespace socius::exporting {

// Page sizes and positions are in millimetres, from the page's top-left corner.
struct PageSize {
  double width_mm = 0;
  double height_mm = 0;
};
inline constexpr PageSize kA4Portrait{210, 297};
inline constexpr PageSize kA4Landscape{297, 210};
inline constexpr PageSize kId1Card{85.6, 53.98};  // ISO/IEC 7810 ID-1, a bank card's size

// The family every text is set in: it covers Latin with the Romanian and Lithuanian letters
// and the Cyrillic of Ukrainian, Russian and Macedonian, in regular and bold (Debian's
// fonts-dejavu-core; fontconfig must find it).
inline constexpr std::string_view kFontFamily = "DejaVu Sans";

enum class TextAlign { kLeft, kCenter, kRight };

struct TextStyle {
  double size_pt = 10;
  bool bold = false;
  // 0: one line as long as the text. Otherwise lines wrap at word boundaries within this
  // width, and `align` places each line within it.
  double max_width_mm = 0;
  TextAlign align = TextAlign::kLeft;
};

// What a text took on the page. `unknown_glyphs` counts the characters no installed font
// could draw (shown as boxes): a card or report with any is not fit to print.
struct TextExtent {
  double width_mm = 0;
  double height_mm = 0;
  int unknown_glyphs = 0;
};

struct PdfMetadata {
  std::string title;  // shown by PDF viewers; never put personal data here
  std::string creator = "Socius";
};

// A PDF document built in memory with cairo and pango, page after page: draw on the current
// page, NewPage() to go on, Finish() for the bytes. Pages may differ in size. Not
// thread-safe; one document per thread. Fonts come from fontconfig.
class PdfDocument {
 public:
  explicit PdfDocument(PageSize first_page, PdfMetadata metadata = {});
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // Ends the current page and starts another, of `size` or of the current page's size.
  void NewPage();
  void NewPage(PageSize size);

  // Draws UTF-8 `text` with its top-left corner at (x_mm, y_mm); '\n' starts a new line.
  TextExtent DrawText(std::string_view text, double x_mm, double y_mm, const TextStyle& style);
  // What DrawText would take, without drawing.
  TextExtent MeasureText(std::string_view text, const TextStyle& style);
  // Draws `code` as a square of side `side_mm` at (x_mm, y_mm), its white quiet zone included,
  // so nothing else need be kept clear around it.
  void DrawQr(const QrCode& code, double x_mm, double y_mm, double side_mm);
  void DrawLine(double x1_mm, double y1_mm, double x2_mm, double y2_mm, double width_mm);
  void DrawRectangle(double x_mm, double y_mm, double width_mm, double height_mm,
                     double line_width_mm);
  // "3 / 12" (or "3" when `total_pages` is 0) centred 8 mm above the bottom edge; numbers
  // only, so it needs no translation. A report counts its pages before drawing them.
  void DrawPageNumber(int total_pages, const TextStyle& style = {.size_pt = 8});

  int page_count() const;
  PageSize page_size() const;
  // Unknown glyphs of all the text drawn so far.
  int unknown_glyphs() const;

  // Ends the document and returns its bytes. Internal when cairo failed (out of memory, or a
  // second call). Nothing may be drawn after it.
  core::Result<std::string> Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace socius::exporting
