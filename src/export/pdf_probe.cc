#include "export/pdf_probe.h"

#include <ZXing/ReadBarcode.h>
#include <cairo.h>
#include <minizip/unzip.h>
#include <poppler.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

namespace socius::exporting::probe {
namespace {

struct GObjectFree {
  void operator()(void* object) const { g_object_unref(object); }
};
using Document = std::unique_ptr<PopplerDocument, GObjectFree>;
using Page = std::unique_ptr<PopplerPage, GObjectFree>;

Document Open(const std::string& pdf) {
  GBytes* bytes = g_bytes_new(pdf.data(), pdf.size());
  GError* error = nullptr;
  Document document(poppler_document_new_from_bytes(bytes, nullptr, &error));
  g_bytes_unref(bytes);
  if (error != nullptr) g_error_free(error);
  return document;
}

Page OpenPage(const Document& document, int page) {
  if (document == nullptr || page < 0 || page >= poppler_document_get_n_pages(document.get())) {
    return nullptr;
  }
  return Page(poppler_document_get_page(document.get(), page));
}

std::optional<std::string> Decode(const std::vector<uint8_t>& grey, int width, int height) {
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  ZXing::Result result = ZXing::ReadBarcode(
      ZXing::ImageView(grey.data(), width, height, ZXing::ImageFormat::Lum), hints);
  if (!result.isValid()) return std::nullopt;
  return result.text();
}

// The page rendered at `dots_per_inch` as grey levels, row by row, with its width and height.
struct Grey {
  std::vector<uint8_t> pixels;
  int width = 0;
  int height = 0;
};

std::optional<Grey> RenderGrey(const std::string& pdf, int page, double dots_per_inch) {
  Document document = Open(pdf);
  Page opened = OpenPage(document, page);
  if (opened == nullptr) return std::nullopt;
  double width_pt = 0;
  double height_pt = 0;
  poppler_page_get_size(opened.get(), &width_pt, &height_pt);
  const double scale = dots_per_inch / 72.0;
  Grey grey;
  grey.width = static_cast<int>(width_pt * scale);
  grey.height = static_cast<int>(height_pt * scale);
  cairo_surface_t* surface =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, grey.width, grey.height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  poppler_page_render(opened.get(), cr);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  grey.pixels.resize(static_cast<size_t>(grey.width) * static_cast<size_t>(grey.height));
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < grey.height; ++y) {
    for (int x = 0; x < grey.width; ++x) {
      uint32_t pixel = 0;
      std::memcpy(&pixel, data + y * stride + x * 4, sizeof pixel);
      grey.pixels[static_cast<size_t>(y * grey.width + x)] =
          ZXing::RGBToLum((pixel >> 16) & 0xff, (pixel >> 8) & 0xff, pixel & 0xff);
    }
  }
  cairo_surface_destroy(surface);
  return grey;
}

}  // namespace

std::optional<int> PdfPageCount(const std::string& pdf) {
  Document document = Open(pdf);
  if (document == nullptr) return std::nullopt;
  return poppler_document_get_n_pages(document.get());
}

std::optional<std::string> PdfPageText(const std::string& pdf, int page) {
  Page opened = OpenPage(Open(pdf), page);
  if (opened == nullptr) return std::nullopt;
  char* text = poppler_page_get_text(opened.get());
  std::string result = text != nullptr ? text : "";
  g_free(text);
  return result;
}

std::optional<std::string> ReadQrOnPdfPage(const std::string& pdf, int page, double dots_per_inch) {
  std::optional<Grey> grey = RenderGrey(pdf, page, dots_per_inch);
  if (!grey) return std::nullopt;
  return Decode(grey->pixels, grey->width, grey->height);
}

std::optional<int64_t> DarkPixelsOnPdfPage(const std::string& pdf, int page, double dots_per_inch) {
  std::optional<Grey> grey = RenderGrey(pdf, page, dots_per_inch);
  if (!grey) return std::nullopt;
  int64_t dark = 0;
  for (uint8_t level : grey->pixels) dark += level < 128 ? 1 : 0;
  return dark;
}

std::optional<std::string> ReadZipMember(const std::string& zip, const std::string& member) {
  char path[] = "/tmp/socius_zip_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return std::nullopt;
  close(fd);
  std::ofstream(path, std::ios::binary) << zip;
  std::optional<std::string> content;
  unzFile archive = unzOpen(path);
  if (archive != nullptr && unzLocateFile(archive, member.c_str(), 1) == UNZ_OK &&
      unzOpenCurrentFile(archive) == UNZ_OK) {
    content.emplace();
    char buffer[4096];
    int read = 0;
    while ((read = unzReadCurrentFile(archive, buffer, sizeof buffer)) > 0) {
      content->append(buffer, static_cast<size_t>(read));
    }
    unzCloseCurrentFile(archive);
  }
  if (archive != nullptr) unzClose(archive);
  std::remove(path);
  return content;
}

std::optional<std::string> ReadQr(const QrCode& code) {
  constexpr int kPixels = 4;
  const int side = (code.size + 2 * kQrQuietZone) * kPixels;
  std::vector<uint8_t> grey(static_cast<size_t>(side) * static_cast<size_t>(side), 255);
  for (int y = 0; y < code.size; ++y) {
    for (int x = 0; x < code.size; ++x) {
      if (!code.Dark(x, y)) continue;
      for (int dy = 0; dy < kPixels; ++dy) {
        for (int dx = 0; dx < kPixels; ++dx) {
          const int row = (y + kQrQuietZone) * kPixels + dy;
          const int column = (x + kQrQuietZone) * kPixels + dx;
          grey[static_cast<size_t>(row * side + column)] = 0;
        }
      }
    }
  }
  return Decode(grey, side, side);
}

}  // namespace socius::exporting::probe
