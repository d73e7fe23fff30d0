#include "export/qr.h"

#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <string>

namespace socius::exporting {
namespace {

// What version 40 holds in 8-bit mode at level M.
constexpr size_t kMaxBytesAtLevelM = 2331;

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

core::Result<QrCode> EncodeQr(std::string_view bytes) {
  if (bytes.empty()) return core::Status::InvalidArgument("qr.empty");
  // Refused before encoding: libqrencode would try every version first.
  if (bytes.size() > kMaxBytesAtLevelM) {
    return core::Status::InvalidArgument("qr.too_long", "",
                                         std::to_string(bytes.size()) + " bytes");
  }
  errno = 0;
  std::unique_ptr<QRcode, QrFree> encoded(
      QRcode_encodeData(static_cast<int>(bytes.size()),
                        reinterpret_cast<const unsigned char*>(bytes.data()), 0, QR_ECLEVEL_M));
  if (encoded == nullptr) {
    return core::Status::Internal("libqrencode failed: errno " + std::to_string(errno));
  }
  QrCode code;
  code.size = encoded->width;
  const size_t count = static_cast<size_t>(code.size) * static_cast<size_t>(code.size);
  code.modules.resize(count);
  // libqrencode keeps other flags in the upper bits of each byte; bit 0 is the colour.
  for (size_t i = 0; i < count; ++i) code.modules[i] = (encoded->data[i] & 1) != 0;
  return code;
}

std::string QrSvg(const QrCode& code, int module_px) {
  module_px = std::max(module_px, 1);
  const int side = code.size + 2 * kQrQuietZone;
  const std::string pixels = std::to_string(side * module_px);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + pixels + "\" height=\"" +
                    pixels + "\" viewBox=\"0 0 " + std::to_string(side) + " " +
                    std::to_string(side) +
                    "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
                    "fill=\"#fff\"/><path fill=\"#000\" d=\"";
  // One rectangle per horizontal run of dark modules keeps the path short.
  for (int y = 0; y < code.size; ++y) {
    for (int x = 0; x < code.size;) {
      if (!code.Dark(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < code.size && code.Dark(x + run, y)) ++run;
      svg += "M" + std::to_string(x + kQrQuietZone) + " " + std::to_string(y + kQrQuietZone) + "h" +
             std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  svg += "\"/></svg>";
  return svg;
}

}  // namespace socius::exporting
