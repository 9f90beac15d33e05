// Review end to end (docs/review.md): a scripted session rates and notes a rollout through the
// console's Review tab, exports the summary and saves; the files hold what was done, and
// `worldview review` makes the same summary again from the saved workspace alone. Frames that
// cannot be made and damaged workspaces are reported, never a crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "app/workspace/workspace.h"
#include "headless_test_util.h"
#include "media/png.h"

namespace {

namespace fs = std::filesystem;
using wv::test::run_worldview;

const std::string kFixture = std::string(WV_TORCHSCRIPT_FIXTURES) + "/drifting_color_field.pt";

fs::path fresh_folder(const std::string& name) { return wv::test::fresh_output_dir("review/" + name); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

size_t lines_of(const std::string& text) { return size_t(std::count(text.begin(), text.end(), '\n')); }

TEST(HeadlessReview, AScriptedSessionRatesNotesExportsAndSavesThroughTheConsole) {
  const fs::path folder = fresh_folder("session");
  const fs::path exported = folder / "exported", saved = folder / "session.wv.json";
  wv::test::write_bytes(folder / "session.txt", "0.3 rate 0 4\n"
                                     "0.8 note the sea turns grey\n"
                                     "1.3 note-at 0.25 0.75 a bright spot, \"quoted\"\n"
                                     "1.8 export " + exported.string() + "\n"
                                     "2.2 save " + saved.string() + "\n");
  const auto r = run_worldview("headless --model-file " + kFixture + " --prompt \"a calm sea\" --seconds 3 --fps 30 "
                               "--width 320 --height 180 --msaa 1 --still --out " + (folder / "run.mp4").string() +
                               " --script " + (folder / "session.txt").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "console: rated panel 0 (\"a calm sea\") 4/5")) << r.output;
  EXPECT_TRUE(contains(r.output, "console: exported 2 note(s) to " + exported.string())) << r.output;

  // The saved workspace: the rating, both notes at the frames shown, the second at the point.
  const auto ws = wv::app::load_workspace(saved.string());
  ASSERT_TRUE(ws) << ws.error().message;
  const wv::app::ReviewSpec& review = ws->panels.at(0).review;
  EXPECT_EQ(review.rating, 4);
  ASSERT_EQ(review.notes.size(), 2u);
  EXPECT_EQ(review.notes[0].text, "the sea turns grey");
  EXPECT_FALSE(review.notes[0].point_uv);
  EXPECT_EQ(review.notes[1].text, "a bright spot, \"quoted\"");
  ASSERT_TRUE(review.notes[1].point_uv);
  EXPECT_NEAR(review.notes[1].point_uv->x, 0.25f, 0.01f);
  EXPECT_NEAR(review.notes[1].point_uv->y, 0.75f, 0.01f);
  EXPECT_GT(review.notes[0].frame, 0);
  EXPECT_GT(review.notes[1].frame, review.notes[0].frame);
  EXPECT_GT(review.notes[1].time_s, review.notes[0].time_s);

  // The summary: both notes in the Markdown and the CSV; the sheet has one row of two cells.
  const std::string md = wv::test::read_bytes(exported / "review.md"), csv = wv::test::read_bytes(exported / "review.csv");
  EXPECT_TRUE(contains(md, "****- (4/5)")) << md;
  EXPECT_TRUE(contains(md, "| 1 | " + std::to_string(review.notes[0].frame) + " | ")) << md;
  EXPECT_TRUE(contains(md, "| 0.250, 0.750 | a bright spot, \"quoted\" | row 1, column 2 |")) << md;
  EXPECT_EQ(lines_of(csv), 3u) << csv;
  EXPECT_TRUE(contains(csv, ",0.2500,0.7500,\"a bright spot, \"\"quoted\"\"\",1,2,\n")) << csv;
  const auto sheet = wv::media::read_png((exported / "review.png").string());
  ASSERT_TRUE(sheet) << sheet.error().message;
  EXPECT_EQ(sheet->width, 2 * (192 + 8) + 8);
  EXPECT_EQ(sheet->height, 192 + 2 * 8);
  // The ring around the second note's point: 6 px right of it, in the second cell.
  const int x = 8 + 200 + int(0.25f * 192) + 6, y = 8 + int(0.75f * 192);
  const uint8_t* ring = sheet->row(y) + 4 * x;
  EXPECT_EQ(ring[0], 255);
  EXPECT_EQ(ring[1], 40);

  // Offline, from the saved file alone: the rollout replays exactly, so the same summary.
  const fs::path again = folder / "again";
  const auto offline = run_worldview("review --workspace " + saved.string() + " --model-file " + kFixture + " --out " +
                                     again.string());
  ASSERT_EQ(offline.exit_code, 0) << offline.output;
  EXPECT_TRUE(contains(offline.output, "review: 2 note(s) of 1 panel(s)")) << offline.output;
  EXPECT_EQ(wv::test::read_bytes(again / "review.png"), wv::test::read_bytes(exported / "review.png"));
  EXPECT_EQ(wv::test::read_bytes(again / "review.md"), md);
  EXPECT_EQ(wv::test::read_bytes(again / "review.csv"), csv);
}

TEST(HeadlessReview, TheReviewCommandCrossesOutFramesItCannotMakeAndSaysWhy) {
  const fs::path folder = fresh_folder("missing");
  const fs::path workspace = folder / "w.wv.json";
  wv::test::write_bytes(workspace, R"({"format": "worldview-workspace", "version": 3, "name": "Two | sources", "panels": [
  {"source": {"kind": "toyworld", "scene": "one red ball in a dark blue room", "size": [64, 48]},
   "review": {"rating": 2, "notes": [{"frame": 10, "time_s": 0.333, "text": "=cmd|' /C calc'!A0", "point": [0.5, 0.5]},
                                     {"frame": 3, "time_s": 0.1, "text": "early"}]}},
  {"source": {"kind": "video", "path": "gone.mp4"},
   "review": {"notes": [{"frame": 2, "time_s": 0.08, "text": "the clip"}]}}]}
)");
  const auto r = run_worldview("review --workspace " + workspace.string() + " --out " + (folder / "out").string());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_TRUE(contains(r.output, "1 noted frame(s) could not be made")) << r.output;
  const std::string md = wv::test::read_bytes(folder / "out" / "review.md"), csv = wv::test::read_bytes(folder / "out" / "review.csv");
  EXPECT_TRUE(contains(md, "# Review: Two \\| sources")) << md;
  EXPECT_TRUE(contains(md, "| the clip | crossed out: ")) << md;
  EXPECT_TRUE(contains(md, "gone.mp4: no such file")) << md;
  EXPECT_TRUE(contains(md, "| early | row 1, column 2 |")) << md;
  // A note a spreadsheet would run as a formula stays text.
  EXPECT_TRUE(contains(csv, ",'=cmd|' /C calc'!A0,")) << csv;
  const auto sheet = wv::media::read_png((folder / "out" / "review.png").string());
  ASSERT_TRUE(sheet) << sheet.error().message;
  EXPECT_EQ(sheet->width, 2 * (192 + 8) + 8);       // the longest row: two notes
  EXPECT_EQ(sheet->height, 2 * (144 + 8) + 8);      // two rows of 4:3 cells
}

TEST(HeadlessReview, TheSheetWrapsEachPanelsNotesAndShowsTheFirst256) {
  const fs::path folder = fresh_folder("many");
  const fs::path workspace = folder / "w.wv.json";
  std::string panels;
  for (int p = 0; p < 2; ++p) {
    std::string notes;
    for (int n = 0; n < 130; ++n)
      notes += std::string(n ? "," : "") + "{\"frame\": " + std::to_string(n) + ", \"time_s\": 0, \"text\": \"n" +
               std::to_string(n) + "\"}";
    panels += std::string(p ? "," : "") + "{\"source\": {\"kind\": \"toyworld\", \"scene\": \"one red ball in a dark blue "
              "room\", \"size\": [16, 16]}, \"review\": {\"notes\": [" + notes + "]}}";
  }
  wv::test::write_bytes(workspace, "{\"format\": \"worldview-workspace\", \"version\": 3, \"panels\": [" + panels + "]}");
  const auto r = run_worldview("review --workspace " + workspace.string() + " --out " + (folder / "out").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "review: 260 note(s) of 2 panel(s)")) << r.output;
  const std::string md = wv::test::read_bytes(folder / "out" / "review.md");
  const std::string csv = wv::test::read_bytes(folder / "out" / "review.csv");
  EXPECT_EQ(lines_of(csv), 261u);
  // Panel 0: 17 rows of up to 8; panel 1 from row 18, its last 4 notes past the 256th cell.
  EXPECT_TRUE(contains(md, "| 130 | 129 | 00:00:00.000 |  | n129 | row 17, column 2 |")) << md;
  EXPECT_TRUE(contains(md, "| 1 | 0 | 00:00:00.000 |  | n0 | row 18, column 1 |")) << md;
  EXPECT_TRUE(contains(md, "| 126 | 125 | 00:00:00.000 |  | n125 | row 33, column 6 |")) << md;
  EXPECT_TRUE(contains(md, "| 127 | 126 | 00:00:00.000 |  | n126 | not in it (it shows the first 256 notes) |")) << md;
  EXPECT_TRUE(contains(csv, ",n129,17,2,\n")) << csv;
  EXPECT_TRUE(contains(csv, ",n126,,,\n")) << csv;
  const auto sheet = wv::media::read_png((folder / "out" / "review.png").string());
  ASSERT_TRUE(sheet) << sheet.error().message;
  EXPECT_EQ(sheet->width, 8 * (192 + 8) + 8);
  EXPECT_EQ(sheet->height, 33 * (192 + 8) + 8);
}

TEST(HeadlessReview, TheReviewCommandRefusesADamagedWorkspaceNamingTheLastGoodVersion) {
  const fs::path folder = fresh_folder("damaged");
  const fs::path workspace = folder / "w.wv.json";
  wv::test::write_bytes(workspace.string() + ".bak", R"({"format": "worldview-workspace", "version": 3, "panels": []})");
  wv::test::write_bytes(workspace, "{\"format\": \"worldview-workspace\",\n\"version\": 3,\n\"panels\": [{\"review\": 5}]}");
  const auto r = run_worldview("review --workspace " + workspace.string() + " --out " + (folder / "out").string());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output, workspace.string() + ":3: panels[0].source: missing field")) << r.output;
  EXPECT_TRUE(contains(r.output, "the last good version is " + workspace.string() + ".bak")) << r.output;
  EXPECT_FALSE(fs::exists(folder / "out"));
}

}  // namespace
