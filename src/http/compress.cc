#include "http/compress.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace socius::http {

namespace {

// Below this, compression saves less than it costs.
constexpr size_t kWorthCompressing = 1400;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool AcceptsGzip(const Request& request) {
  const std::string header = Lower(request.Header("accept-encoding"));
  size_t start = 0;
  while (start < header.size()) {
    size_t end = header.find(',', start);
    if (end == std::string::npos) end = header.size();
    std::string item = header.substr(start, end - start);
    start = end + 1;
    const size_t semicolon = item.find(';');
    std::string coding = item.substr(0, semicolon);
    coding.erase(0, coding.find_first_not_of(" \t"));
    coding.erase(coding.find_last_not_of(" \t") + 1);
    if (coding != "gzip" && coding != "*") continue;
    if (semicolon != std::string::npos) {
      std::string params = item.substr(semicolon + 1);
      params.erase(std::remove_if(params.begin(), params.end(),
                                  [](char c) { return c == ' ' || c == '\t'; }),
                   params.end());
      if (params == "q=0" || params == "q=0.0" || params == "q=0.00" || params == "q=0.000") {
        if (coding == "gzip") return false;
        continue;
      }
    }
    return true;
  }
  return false;
}

std::optional<std::string> Gzip(std::string_view data) {
  z_stream stream{};
  // 15 window bits + 16: a gzip header and trailer rather than zlib's.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  const size_t written = out.size() - stream.avail_out;
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return std::nullopt;
  out.resize(written);
  return out;
}

Response GzipIfAccepted(const Request& request, Response response) {
  response.Header("Vary", "Accept-Encoding");
  if (response.body.size() < kWorthCompressing || !AcceptsGzip(request)) return response;
  std::optional<std::string> compressed = Gzip(response.body);
  if (!compressed) return response;
  response.body = std::move(*compressed);
  response.Header("Content-Encoding", "gzip");
  return response;
}

}  // namespace socius::http
