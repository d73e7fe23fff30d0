#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace socius::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("socius_static_" + std::to_string(::getpid()));
    fs::remove_all(base_);
    fs::create_directories(base_ / "dist" / "assets");
    Write(base_ / "dist" / "index.html", "<!doctype html>");
    Write(base_ / "dist" / "assets" / "app-3f2a.js", "console.log(1)");
    Write(base_ / "secret.txt", "TOP SECRET");
    fs::create_symlink(base_ / "secret.txt", base_ / "dist" / "link.txt");
  }
  void TearDown() override { fs::remove_all(base_); }
  static void Write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

  fs::path base_;
};

TEST_F(StaticFilesTest, FindsHashedAssetAsImmutable) {
  StaticFiles files((base_ / "dist").string());
  auto lookup = files.Find("/assets/app-3f2a.js", "");
  ASSERT_EQ(lookup.outcome, StaticFiles::Outcome::kFile);
  EXPECT_EQ(lookup.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(lookup.cache_control, "public, max-age=31536000, immutable");
  EXPECT_EQ(lookup.size, 14u);
  EXPECT_FALSE(lookup.etag.empty());
  EXPECT_EQ(files.Find("/assets/app-3f2a.js", "\"x\", " + lookup.etag).outcome,
            StaticFiles::Outcome::kNotModified);
  EXPECT_EQ(files.Find("/assets/app-3f2a.js", "W/" + lookup.etag).outcome,
            StaticFiles::Outcome::kNotModified);
}

TEST_F(StaticFilesTest, RootAndClientRoutesServeIndexWithoutLongCaching) {
  StaticFiles files((base_ / "dist").string());
  for (const char* path : {"/", "/cases/42", "/assets/unknown-route"}) {
    auto lookup = files.Find(path, "");
    ASSERT_EQ(lookup.outcome, StaticFiles::Outcome::kFile) << path;
    EXPECT_EQ(fs::path(lookup.file).filename(), "index.html") << path;
    EXPECT_EQ(lookup.cache_control, "no-cache") << path;
    EXPECT_EQ(lookup.content_type, "text/html; charset=utf-8");
  }
}

TEST_F(StaticFilesTest, SourceMapsAreNeverServed) {
  Write(base_ / "dist" / "assets" / "app-3f2a.js.map", "{\"sources\":[\"src/App.tsx\"]}");
  Write(base_ / "dist" / "APP.map", "{}");
  StaticFiles files((base_ / "dist").string());
  EXPECT_EQ(files.Find("/assets/app-3f2a.js.map", "").outcome, StaticFiles::Outcome::kNotFound);
  EXPECT_EQ(files.Find("/APP.map", "").outcome, StaticFiles::Outcome::kNotFound);
}

TEST_F(StaticFilesTest, MissingFileWithExtensionIsNotFound) {
  StaticFiles files((base_ / "dist").string());
  EXPECT_EQ(files.Find("/assets/gone-1234.js", "").outcome, StaticFiles::Outcome::kNotFound);
}

TEST_F(StaticFilesTest, TraversalAndEscapingSymlinksAreNotFound) {
  StaticFiles files((base_ / "dist").string());
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/./index.html",
                           "/..\\secret.txt", "/link.txt", "relative.txt"}) {
    EXPECT_EQ(files.Find(path, "").outcome, StaticFiles::Outcome::kNotFound) << path;
  }
}

TEST(StaticFilesContentType, KnowsTheWebAppsFileTypes) {
  EXPECT_EQ(StaticFiles::ContentTypeOf("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentTypeOf("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentTypeOf("a.svg"), "image/svg+xml");
  EXPECT_EQ(StaticFiles::ContentTypeOf("a.woff2"), "font/woff2");
  EXPECT_EQ(StaticFiles::ContentTypeOf("a.js.map"), "application/octet-stream");
  EXPECT_EQ(StaticFiles::ContentTypeOf("favicon.ico"), "image/x-icon");
  EXPECT_EQ(StaticFiles::ContentTypeOf("dir.d/file"), "application/octet-stream");
}

}  // namespace
}  // namespace socius::http
