#include "http/compress.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace socius::http {
namespace {

std::string Gunzip(const std::string& data) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(out.size() - stream.avail_out);
  inflateEnd(&stream);
  return out;
}

Request WithAcceptEncoding(const std::string& value) {
  Request r;
  if (!value.empty()) r.headers["accept-encoding"] = value;
  return r;
}

TEST(CompressTest, GzipOnlyWhenTheClientAcceptsIt) {
  EXPECT_TRUE(AcceptsGzip(WithAcceptEncoding("gzip, deflate, br")));
  EXPECT_TRUE(AcceptsGzip(WithAcceptEncoding("br;q=1.0, GZIP;q=0.5")));
  EXPECT_TRUE(AcceptsGzip(WithAcceptEncoding("*")));
  EXPECT_FALSE(AcceptsGzip(WithAcceptEncoding("")));
  EXPECT_FALSE(AcceptsGzip(WithAcceptEncoding("br, deflate")));
  EXPECT_FALSE(AcceptsGzip(WithAcceptEncoding("gzip;q=0, *")));
  EXPECT_FALSE(AcceptsGzip(WithAcceptEncoding("xgzip")));
}

TEST(CompressTest, ALargeBodyIsCompressedAndComesBackTheSame) {
  std::string page;
  for (int i = 0; i < 500; ++i) page += "<li>Centrul de zi „Speranța” — Луни–Петок 8–16</li>";
  Response plain;
  plain.body = page;
  Response sent = GzipIfAccepted(WithAcceptEncoding("gzip"), plain);
  EXPECT_LT(sent.body.size(), page.size() / 5);
  EXPECT_EQ(Gunzip(sent.body), page);
  bool encoded = false;
  for (const auto& [name, value] : sent.headers)
    encoded = encoded || (name == "Content-Encoding" && value == "gzip");
  EXPECT_TRUE(encoded);

  Response untouched = GzipIfAccepted(WithAcceptEncoding("br"), plain);
  EXPECT_EQ(untouched.body, page);
  Response small;
  small.body = "<p>short</p>";
  EXPECT_EQ(GzipIfAccepted(WithAcceptEncoding("gzip"), small).body, "<p>short</p>");
}

}  // namespace
}  // namespace socius::http
