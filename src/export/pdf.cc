#include "export/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <string>

namespace socius::exporting {
namespace {

// cairo's PDF unit is the point.
constexpr double kPointsPerMm = 72.0 / 25.4;

double Points(double mm) { return mm * kPointsPerMm; }
double Millimetres(double points) { return points / kPointsPerMm; }

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct LayoutFree {
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutFree>;

struct FontDescriptionFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};

PangoAlignment ToPango(TextAlign align) {
  switch (align) {
    case TextAlign::kCenter:
      return PANGO_ALIGN_CENTER;
    case TextAlign::kRight:
      return PANGO_ALIGN_RIGHT;
    case TextAlign::kLeft:
      break;
  }
  return PANGO_ALIGN_LEFT;
}

}  // namespace

struct PdfDocument::Impl {
  std::string bytes;  // the stream cairo writes into; must outlive the surface
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PageSize size;
  int pages = 1;
  int unknown_glyphs = 0;
  bool finished = false;

  // cairo leaves a trailing page that nothing was drawn on out of the file; painting every
  // page white keeps the page count what the caller asked for. Drawing continues in black.
  void PaintPageWhite() {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
  }

  LayoutPtr Layout(std::string_view text, const TextStyle& style) {
    LayoutPtr layout(pango_cairo_create_layout(cr));
    std::unique_ptr<PangoFontDescription, FontDescriptionFree> font(pango_font_description_new());
    pango_font_description_set_family(font.get(), std::string(kFontFamily).c_str());
    pango_font_description_set_weight(font.get(),
                                      style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    // Absolute size is in device units, which are points on a PDF surface; a plain size would
    // be scaled by pango's 96 dpi default.
    pango_font_description_set_absolute_size(font.get(), style.size_pt * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font.get());
    if (style.max_width_mm > 0) {
      pango_layout_set_width(layout.get(),
                             static_cast<int>(Points(style.max_width_mm) * PANGO_SCALE));
      pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment(layout.get(), ToPango(style.align));
    }
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
  }

  static TextExtent Extent(PangoLayout* layout) {
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout, &width, &height);
    return TextExtent{Millimetres(static_cast<double>(width) / PANGO_SCALE),
                      Millimetres(static_cast<double>(height) / PANGO_SCALE),
                      pango_layout_get_unknown_glyphs_count(layout)};
  }
};

PdfDocument::PdfDocument(PageSize first_page, PdfMetadata metadata)
    : impl_(std::make_unique<Impl>()) {
  impl_->size = first_page;
  impl_->surface = cairo_pdf_surface_create_for_stream(
      AppendToString, &impl_->bytes, Points(first_page.width_mm), Points(first_page.height_mm));
  if (!metadata.title.empty()) {
    cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_TITLE,
                                   metadata.title.c_str());
  }
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_CREATOR,
                                 metadata.creator.c_str());
  impl_->cr = cairo_create(impl_->surface);
  impl_->PaintPageWhite();
}

PdfDocument::~PdfDocument() {
  // cairo's objects are reference counted and tolerate being in an error state.
  if (impl_->cr != nullptr) cairo_destroy(impl_->cr);
  if (impl_->surface != nullptr) cairo_surface_destroy(impl_->surface);
}

void PdfDocument::NewPage() { NewPage(impl_->size); }

void PdfDocument::NewPage(PageSize size) {
  cairo_show_page(impl_->cr);
  // The size applies from the next page on; it must be set before anything is drawn on it.
  cairo_pdf_surface_set_size(impl_->surface, Points(size.width_mm), Points(size.height_mm));
  impl_->size = size;
  ++impl_->pages;
  impl_->PaintPageWhite();
}

TextExtent PdfDocument::DrawText(std::string_view text, double x_mm, double y_mm,
                                 const TextStyle& style) {
  LayoutPtr layout = impl_->Layout(text, style);
  cairo_move_to(impl_->cr, Points(x_mm), Points(y_mm));
  pango_cairo_show_layout(impl_->cr, layout.get());
  TextExtent extent = Impl::Extent(layout.get());
  impl_->unknown_glyphs += extent.unknown_glyphs;
  return extent;
}

TextExtent PdfDocument::MeasureText(std::string_view text, const TextStyle& style) {
  return Impl::Extent(impl_->Layout(text, style).get());
}

void PdfDocument::DrawQr(const QrCode& code, double x_mm, double y_mm, double side_mm) {
  cairo_t* cr = impl_->cr;
  const double module = Points(side_mm) / (code.size + 2 * kQrQuietZone);
  const double left = Points(x_mm) + kQrQuietZone * module;
  const double top = Points(y_mm) + kQrQuietZone * module;
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, Points(x_mm), Points(y_mm), Points(side_mm), Points(side_mm));
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  // One path filled once: separately filled squares leave hairline seams in some viewers.
  for (int y = 0; y < code.size; ++y) {
    for (int x = 0; x < code.size;) {
      if (!code.Dark(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < code.size && code.Dark(x + run, y)) ++run;
      cairo_rectangle(cr, left + x * module, top + y * module, run * module, module);
      x += run;
    }
  }
  cairo_fill(cr);
  cairo_restore(cr);
}

void PdfDocument::DrawLine(double x1_mm, double y1_mm, double x2_mm, double y2_mm,
                           double width_mm) {
  cairo_set_line_width(impl_->cr, Points(width_mm));
  cairo_move_to(impl_->cr, Points(x1_mm), Points(y1_mm));
  cairo_line_to(impl_->cr, Points(x2_mm), Points(y2_mm));
  cairo_stroke(impl_->cr);
}

void PdfDocument::DrawRectangle(double x_mm, double y_mm, double width_mm, double height_mm,
                                double line_width_mm) {
  cairo_set_line_width(impl_->cr, Points(line_width_mm));
  cairo_rectangle(impl_->cr, Points(x_mm), Points(y_mm), Points(width_mm), Points(height_mm));
  cairo_stroke(impl_->cr);
}

void PdfDocument::DrawPageNumber(int total_pages, const TextStyle& style) {
  std::string label = std::to_string(impl_->pages);
  if (total_pages > 0) label += " / " + std::to_string(total_pages);
  TextStyle centred = style;
  centred.max_width_mm = impl_->size.width_mm;
  centred.align = TextAlign::kCenter;
  const double height = MeasureText(label, centred).height_mm;
  DrawText(label, 0, impl_->size.height_mm - 8 - height, centred);
}

int PdfDocument::page_count() const { return impl_->pages; }
PageSize PdfDocument::page_size() const { return impl_->size; }
int PdfDocument::unknown_glyphs() const { return impl_->unknown_glyphs; }

core::Result<std::string> PdfDocument::Finish() {
  if (impl_->finished) return core::Status::Internal("PDF document finished twice");
  impl_->finished = true;
  cairo_status_t drawn = cairo_status(impl_->cr);
  cairo_destroy(impl_->cr);
  impl_->cr = nullptr;
  cairo_surface_finish(impl_->surface);  // writes the trailer through AppendToString
  cairo_status_t written = cairo_surface_status(impl_->surface);
  cairo_surface_destroy(impl_->surface);
  impl_->surface = nullptr;
  if (drawn != CAIRO_STATUS_SUCCESS) {
    return core::Status::Internal(std::string("cairo: ") + cairo_status_to_string(drawn));
  }
  if (written != CAIRO_STATUS_SUCCESS) {
    return core::Status::Internal(std::string("cairo: ") + cairo_status_to_string(written));
  }
  return std::move(impl_->bytes);
}

}  // namespace socius::exporting
