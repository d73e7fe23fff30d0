#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace socius::exporting {

// A QR code as a square of modules, row by row; true is dark. Readers need a light margin
// (the quiet zone) of kQrQuietZone modules around it, which the drawing functions add.
struct QrCode {
  int size = 0;  // modules per side: 21 for version 1, 4 more per version
  std::vector<bool> modules;

  bool Dark(int x, int y) const {
    return modules[static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x)];
  }
};

inline constexpr int kQrQuietZone = 4;

// Encodes `bytes` in 8-bit mode at error-correction level M (about 15% of the symbol may be
// soiled or creased and it still reads), in the smallest version that holds them. Fails with
// InvalidArgument qr.empty for no bytes and qr.too_long past what version 40 holds
// (2,331 bytes at level M); Internal when libqrencode runs out of memory.
core::Result<QrCode> EncodeQr(std::string_view bytes);

// The code as a standalone SVG image: one path of dark modules on a white square that includes
// the quiet zone; `module_px` (at least 1) pixels per module. For the web app and e-mails.
std::string QrSvg(const QrCode& code, int module_px);

}  // namespace socius::exporting
