// Panel reviews in workspace files (version 3): ratings and notes round trip, version 1 and 2
// files read unchanged, and every refusal names the file, the line and the field.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "workspace_test_support.h"

namespace wv::app {
namespace {

using test::expect_error;
using test::kFile;

// A version 3 workspace whose one panel has `review` on line 6.
std::string with_review(const std::string& review, int version = 3) {
  return "{\n"
         "  \"format\": \"worldview-workspace\",\n"
         "  \"version\": " + std::to_string(version) + ",\n"
         "  \"panels\": [\n"
         "    {\"source\": {\"kind\": \"toyworld\", \"scene\": \"s\"},\n"
         "     \"review\": " + review + "}\n"
         "  ]\n}\n";
}

Workspace reviewed_workspace() {
  Workspace ws;
  PanelSpec rated;
  rated.source.toyworld.scene = "three red balls in a dark blue room";
  rated.review.rating = 4;
  rated.review.notes = {{.frame = 42, .time_s = 1.4, .text = "the ball clips the wall", .point_uv = glm::vec2(0.31f, 0.62f)},
                        {.frame = 7, .time_s = 0.2333, .text = "caf\xC3\xA9 \"quoted\", with a comma"}};
  PanelSpec unreviewed;
  unreviewed.source.toyworld.scene = "one white ball in a grey room";
  PanelSpec noted_only = unreviewed;
  noted_only.review.notes = {{.frame = 0, .time_s = 0.0, .text = "first frame"}};
  ws.panels = {rated, unreviewed, noted_only};
  return ws;
}

TEST(WorkspaceReview, RatingsAndNotesRoundTrip) {
  const Workspace ws = reviewed_workspace();
  const std::string text = workspace_to_json(ws);
  const auto back = parse_workspace(text, kFile);
  ASSERT_TRUE(back) << back.error().message << "\n" << text;
  EXPECT_EQ(*back, ws);
  EXPECT_NE(text.find("\"version\": 3"), std::string::npos) << text;
  EXPECT_NE(text.find("\"point\": [0.31, 0.62]"), std::string::npos) << text;
  // A panel without a review has no "review" field: only two are written.
  size_t reviews = 0;
  for (size_t at = text.find("\"review\""); at != std::string::npos; at = text.find("\"review\"", at + 1)) ++reviews;
  EXPECT_EQ(reviews, 2u) << text;
}

TEST(WorkspaceReview, VersionOneAndTwoFilesReadUnchanged) {
  const std::string v1 = test::with_source("\"scene\": \"s\"");
  const auto one = parse_workspace(v1, kFile);
  ASSERT_TRUE(one) << one.error().message;
  EXPECT_EQ(one->version, kWorkspaceVersion);
  EXPECT_TRUE(one->panels.at(0).review.empty());

  // Saved again, it is a version 3 file that means the same.
  const auto again = parse_workspace(workspace_to_json(*one), kFile);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *one);

  // A "review" in a version 2 file was an unknown field for the builds that read version 2: still ignored.
  for (const int version : {1, 2}) {
    std::vector<std::string> warnings;
    const auto old = parse_workspace(with_review("{\"rating\": 5}", version), kFile, &warnings);
    ASSERT_TRUE(old) << old.error().message;
    EXPECT_TRUE(old->panels.at(0).review.empty()) << version;
    ASSERT_EQ(warnings.size(), 1u) << version;
    EXPECT_EQ(warnings[0], std::string(kFile) + ":6: panels[0].review: not part of workspace version 2 (reviews came "
                                                "with version 3), ignored");
  }
}

TEST(WorkspaceReview, ReadsAVersionThreeReview) {
  const auto ws = parse_workspace(
      with_review("{\"rating\": 3, \"notes\": [{\"frame\": 12, \"time_s\": 0.4, \"text\": \"a\", \"point\": [0, 1]}]}"), kFile);
  ASSERT_TRUE(ws) << ws.error().message;
  const ReviewSpec& review = ws->panels.at(0).review;
  EXPECT_EQ(review.rating, 3);
  ASSERT_EQ(review.notes.size(), 1u);
  EXPECT_EQ(review.notes[0].frame, 12);
  EXPECT_EQ(review.notes[0].time_s, 0.4);
  EXPECT_EQ(review.notes[0].point_uv, glm::vec2(0.0f, 1.0f));
}

TEST(WorkspaceReview, RefusesBadReviewsNamingTheField) {
  expect_error(with_review("[]"), 6, "panels[0].review", "expected an object, found array");
  expect_error(with_review("{\"rating\": 6}"), 6, "panels[0].review.rating",
               "6 is out of range (allowed: whole numbers 0 to 5)");
  expect_error(with_review("{\"rating\": 2.5}"), 6, "panels[0].review.rating", "not a whole number");
  expect_error(with_review("{\"rating\": \"4\"}"), 6, "panels[0].review.rating", "expected a whole number, found string");
  expect_error(with_review("{\"notes\": {}}"), 6, "panels[0].review.notes", "expected an array, found object");
  expect_error(with_review("{\"notes\": [{\"time_s\": 0, \"text\": \"a\"}]}"), 6, "panels[0].review.notes[0].frame",
               "missing field");
  expect_error(with_review("{\"notes\": [{\"frame\": -1, \"time_s\": 0, \"text\": \"a\"}]}"), 6,
               "panels[0].review.notes[0].frame", "out of range");
  expect_error(with_review("{\"notes\": [{\"frame\": 1, \"time_s\": 1e9, \"text\": \"a\"}]}"), 6,
               "panels[0].review.notes[0].time_s", "out of range");
  expect_error(with_review("{\"notes\": [{\"frame\": 1, \"time_s\": 0, \"text\": \"\"}]}"), 6,
               "panels[0].review.notes[0].text", "empty note text");
  expect_error(with_review("{\"notes\": [{\"frame\": 1, \"time_s\": 0, \"text\": \"" + std::string(4097, 'x') + "\"}]}"), 6,
               "panels[0].review.notes[0].text", "at most 4096");
  expect_error(with_review("{\"notes\": [{\"frame\": 1, \"time_s\": 0, \"text\": \"a\", \"point\": [0.5]}]}"), 6,
               "panels[0].review.notes[0].point", "expected [u, v]");
  expect_error(with_review("{\"notes\": [{\"frame\": 1, \"time_s\": 0, \"text\": \"a\", \"point\": [0.5, 1.5]}]}"), 6,
               "panels[0].review.notes[0].point[1]", "1.5 is out of range (allowed: 0 to 1)");
  std::string many = "{\"notes\": [";
  for (size_t i = 0; i <= workspace_limits::kMaxNotesPerPanel; ++i)
    many += std::string(i ? "," : "") + "{\"frame\": 1, \"time_s\": 0, \"text\": \"a\"}";
  expect_error(with_review(many + "]}"), 6, "panels[0].review.notes", "257 items, at most 256 allowed");
}

TEST(WorkspaceReview, SavingRefusesAReviewThatWouldNotLoad) {
  Workspace ws = reviewed_workspace();
  ws.panels[0].review.rating = 9;
  const Status saved = save_workspace(std::string(WV_TEST_OUTPUT_DIR) + "/never.wv.json", ws);
  ASSERT_FALSE(saved);
  EXPECT_NE(saved.error().message.find("panels[0].review.rating"), std::string::npos) << saved.error().message;
}

}  // namespace
}  // namespace wv::app
