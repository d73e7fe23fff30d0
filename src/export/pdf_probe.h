#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "export/qr.h"

// For tests only: reads back what this module writes with independent readers (poppler for
// PDF, ZXing for QR codes), so that a test checks what a person or a phone would see rather
// than the bytes we meant to write. Linked into test binaries, never into the server.
namespace socius::exporting::probe {

// The number of pages poppler finds in `pdf`; nullopt when it cannot open it.
std::optional<int> PdfPageCount(const std::string& pdf);

// The text of page `page` (0-based) as a PDF reader extracts it (through the fonts' Unicode
// maps); nullopt when the document or page cannot be opened.
std::optional<std::string> PdfPageText(const std::string& pdf, int page);

// Renders page `page` at `dots_per_inch` and decodes the QR code on it; nullopt when the page
// cannot be rendered or holds no readable code.
std::optional<std::string> ReadQrOnPdfPage(const std::string& pdf, int page, double dots_per_inch);

// Draws `code` at 4 pixels a module with its quiet zone and decodes it.
std::optional<std::string> ReadQr(const QrCode& code);

// How many pixels of page `page` rendered at `dots_per_inch` are dark: a page that renders
// to something, not a blank or a broken one.
std::optional<int64_t> DarkPixelsOnPdfPage(const std::string& pdf, int page, double dots_per_inch);

// One member of a zip archive (an XLSX workbook's "xl/worksheets/sheet1.xml"), read back with
// minizip; nullopt when the archive or the member cannot be read.
std::optional<std::string> ReadZipMember(const std::string& zip, const std::string& member);

}  // namespace socius::exporting::probe
