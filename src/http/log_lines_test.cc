#include "http/log_lines.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace socius::http {
namespace {

TEST(WholeLineWriterTest, WritesOnlyWholeLinesInChunksUpToPipeBuf) {
  std::vector<std::string> chunks;
  WholeLineWriter writer([&](std::string_view chunk) { chunks.emplace_back(chunk); });
  std::string expected;
  for (int i = 0; i < 500; ++i) {
    std::string line = "{\"request\":" + std::to_string(i) + ",\"path\":\"/api/v1/persons\"}";
    writer.Add(line);
    expected += line + "\n";
  }
  writer.Flush();
  ASSERT_GT(chunks.size(), 1u);
  std::string joined;
  for (const std::string& chunk : chunks) {
    EXPECT_EQ(chunk.back(), '\n');
    EXPECT_LE(chunk.size(), WholeLineWriter::kChunk);
    joined += chunk;
  }
  EXPECT_EQ(joined, expected);
}

TEST(WholeLineWriterTest, NothingIsWrittenBeforeALineIsComplete) {
  std::vector<std::string> chunks;
  WholeLineWriter writer([&](std::string_view chunk) { chunks.emplace_back(chunk); });
  writer.Add("short line");
  EXPECT_TRUE(chunks.empty());  // held until the flush
  writer.Flush();
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0], "short line\n");
}

TEST(WholeLineWriterTest, ALineLongerThanAChunkGoesAloneAndWhole) {
  std::vector<std::string> chunks;
  WholeLineWriter writer([&](std::string_view chunk) { chunks.emplace_back(chunk); });
  writer.Add("first");
  const std::string long_line(3 * WholeLineWriter::kChunk, 'x');
  writer.Add(long_line);
  writer.Add("last");
  writer.Flush();
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0], "first\n");
  EXPECT_EQ(chunks[1], long_line + "\n");
  EXPECT_EQ(chunks[2], "last\n");
}

}  // namespace
}  // namespace socius::http
