// Synchronized groups and looping videos in workspace files: read, written back only when set (so
// files without them still read cleanly in older builds), and refused with the field when wrong.
#include <gtest/gtest.h>

#include "workspace_test_support.h"

namespace wv::app {
namespace {

using test::expect_error;
using test::kFile;
using test::with_panels;

TEST(WorkspaceGroups, ReadGroupsAndLoopingVideosAndWriteThemBack) {
  const std::string text = with_panels(
      R"(    {"source": {"kind": "video", "path": "a.mp4", "loop": true}, "group": "compare"},
    {"source": {"kind": "video", "path": "b.webm"}, "group": "compare"},
    {"source": {"kind": "video", "path": "frames_%04d.png"}})");
  const auto parsed = parse_workspace(text, kFile);
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->panels.size(), 3u);
  EXPECT_EQ(parsed->panels[0].group, "compare");
  EXPECT_TRUE(parsed->panels[0].source.video.loop);
  EXPECT_EQ(parsed->panels[1].group, "compare");
  EXPECT_FALSE(parsed->panels[1].source.video.loop);
  EXPECT_EQ(parsed->panels[2].group, "");
  EXPECT_EQ(parsed->panels[2].source.video.path, "frames_%04d.png");

  const std::string written = workspace_to_json(*parsed);
  const auto again = parse_workspace(written, kFile);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, *parsed);
}

TEST(WorkspaceGroups, UnsetFieldsAreNotWritten) {
  Workspace ws;
  PanelSpec video;
  video.source.kind = SourceSpec::Kind::Video;
  video.source.video.path = "a.mp4";
  ws.panels = {video};
  const std::string text = workspace_to_json(ws);
  EXPECT_EQ(text.find("\"group\""), std::string::npos) << text;
  EXPECT_EQ(text.find("\"loop\""), std::string::npos) << text;
}

TEST(WorkspaceGroups, RefusesWrongTypesAndLongNames) {
  expect_error(with_panels(R"(    {"source": {"kind": "video", "path": "a.mp4"}, "group": 3})"), 5, "panels[0].group",
               "expected a string");
  expect_error(with_panels(R"(    {"source": {"kind": "video", "path": "a.mp4", "loop": "yes"}})"), 5,
               "panels[0].source.loop", "expected true or false");
  expect_error(with_panels(R"(    {"source": {"kind": "video", "path": "a.mp4"}, "group": ")" + std::string(129, 'g') +
                           R"("})"),
               5, "panels[0].group", "at most 128");
}

}  // namespace
}  // namespace wv::app
