#include <gtest/gtest.h>

#include <string>

#include "app/workspace/field_path.h"
#include "app/workspace/line_index.h"

namespace wv::app {
namespace {

TEST(WorkspaceLineIndex, RecordsTheLineOfEveryValue) {
  const std::string text =
      "{\n"                                   // 1
      "  \"a\": 1,\n"                         // 2
      "  \"list\": [\n"                       // 3
      "    {\"x\": \"s\"},\n"                 // 4
      "    {\n"                               // 5
      "      \"x\": [true, null]\n"           // 6
      "    }\n"                               // 7
      "  ],\n"                                // 8
      "  \"empty\": [], \"o\": {}\n"          // 9
      "}\n";
  const LineIndex index = LineIndex::build(text);
  EXPECT_EQ(index.line_of(""), 1);
  EXPECT_EQ(index.line_of("/a"), 2);
  EXPECT_EQ(index.line_of("/list"), 3);
  EXPECT_EQ(index.line_of("/list/0"), 4);
  EXPECT_EQ(index.line_of("/list/0/x"), 4);
  EXPECT_EQ(index.line_of("/list/1"), 5);
  EXPECT_EQ(index.line_of("/list/1/x"), 6);
  EXPECT_EQ(index.line_of("/list/1/x/1"), 6);
  EXPECT_EQ(index.line_of("/empty"), 9);
  EXPECT_EQ(index.line_of("/o"), 9);
  EXPECT_FALSE(index.first_duplicate().has_value());
}

TEST(WorkspaceLineIndex, MissingValuesGetTheNearestAncestorsLine) {
  const LineIndex index = LineIndex::build("{\n\"p\": [\n{\n}\n]\n}");
  EXPECT_EQ(index.line_of("/p/0/source/kind"), 3);
  EXPECT_EQ(index.line_of("/p/7"), 2);
  EXPECT_EQ(index.line_of("/nothing"), 1);
}

TEST(WorkspaceLineIndex, DecodesKeysAsTheParserDoes) {
  const std::string text =
      "{\"caf\\u00e9\": 1,\n"
      "\"a/b~c\": 2,\n"
      "\"q\\\"\\n\": 3,\n"
      "\"\\ud83d\\ude00\": [\"}]\\\"{[\", 4]}";
  const LineIndex index = LineIndex::build(text);
  EXPECT_EQ(index.line_of("/caf\xC3\xA9"), 1);
  EXPECT_EQ(index.line_of("/a~1b~0c"), 2);
  EXPECT_EQ(index.line_of("/q\"\n"), 3);
  EXPECT_EQ(index.line_of("/\xF0\x9F\x98\x80/1"), 4);  // brackets inside strings are not nesting
}

TEST(WorkspaceLineIndex, SkipsAByteOrderMark) {
  const LineIndex index = LineIndex::build("\xEF\xBB\xBF{\n\"a\": 1}");
  EXPECT_EQ(index.line_of("/a"), 2);
}

TEST(WorkspaceLineIndex, ReportsTheFirstDuplicateKey) {
  const LineIndex index = LineIndex::build("{\"p\": [{\n\"t\": 1,\n\"u\": 2,\n\"t\": 3}]}");
  ASSERT_TRUE(index.first_duplicate().has_value());
  EXPECT_EQ(index.first_duplicate()->display, "p[0].t");
  EXPECT_EQ(index.first_duplicate()->first_line, 2);
  EXPECT_EQ(index.first_duplicate()->line, 4);
}

TEST(WorkspaceLineIndex, BoundsWhatItRecordsForHostileNesting) {
  const std::size_t depth = 100000;
  std::string text = "{\"deep\":\n" + std::string(depth, '[') + std::string(depth, ']') + ",\n\"after\": 1}";
  const LineIndex index = LineIndex::build(text);
  EXPECT_EQ(index.line_of("/after"), 3);  // still in step after the unrecorded part
  std::string deep_pointer = "/deep";
  for (std::size_t i = 0; i < 20; ++i) deep_pointer += "/0";
  EXPECT_EQ(index.line_of(deep_pointer), 2);
}

TEST(WorkspaceLineIndex, StopsRecordingPastTheLastUsefulArrayIndex) {
  std::string text = "[\n";
  for (std::size_t i = 0; i < LineIndex::kMaxIndex + 10; ++i) text += "0,\n";
  text += "0]";
  const LineIndex index = LineIndex::build(text);
  EXPECT_EQ(index.line_of("/5"), 7);
  EXPECT_EQ(index.line_of("/" + std::to_string(LineIndex::kMaxIndex + 5)), 1);
}

TEST(WorkspaceLineIndex, LineAtOffset) {
  EXPECT_EQ(line_at_offset("ab\ncd\n", 0), 1);
  EXPECT_EQ(line_at_offset("ab\ncd\n", 2), 1);
  EXPECT_EQ(line_at_offset("ab\ncd\n", 3), 2);
  EXPECT_EQ(line_at_offset("ab\ncd\n", 99), 3);
}

TEST(WorkspaceFieldPath, NamesFieldsForPointersAndPeople) {
  const FieldPath path = FieldPath{}.key("panels").index(2).key("source").key("a/b c");
  EXPECT_EQ(path.pointer, "/panels/2/source/a~1b c");
  EXPECT_EQ(path.display, "panels[2].source[\"a/b c\"]");
  EXPECT_EQ(FieldPath{}.name(), "(top level)");
  EXPECT_EQ(quote_for_message("a\"b\n"), "\"a\\\"b\\x0a\"");
  EXPECT_EQ(quote_for_message(std::string(100, 'x')), "\"" + std::string(60, 'x') + "...\"");
}

}  // namespace
}  // namespace wv::app
