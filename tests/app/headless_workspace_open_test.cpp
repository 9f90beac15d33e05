// Opening another workspace from the console's Workspace tab (Open with a .wv.json path), as a
// session script works it: the second workspace's panels replace the first's, the first's unsaved
// changes go to its autosave file first, and Save writes the opened file from then on; a workspace
// that does not load, and unsaved changes nothing can keep, are refused with the reason while the
// panels stay as they were.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "app/workspace/workspace.h"
#include "headless_test_util.h"
#include "media/png.h"

namespace {

namespace fs = std::filesystem;
using wv::test::read_bytes;
using wv::test::run_worldview;
using wv::test::write_bytes;

// One video panel playing `clip` (a path relative to the workspace's folder).
std::string video_workspace(const std::string& clip) {
  return R"({"format": "worldview-workspace", "version": 3,
  "panels": [{"source": {"kind": "video", "path": ")" + clip + R"("}}]}
)";
}

struct Folder {
  fs::path dir, first, second;
};

// first.wv.json plays a red clip, second.wv.json a green one; both clips beside them.
Folder two_workspaces(const std::string& name) {
  Folder f{wv::test::fresh_output_dir("workspace-open/" + name), {}, {}};
  for (const char* color : {"red", "green"})
    fs::copy_file(wv::test::lavfi_clip(std::string("workspace-open-") + color + ".mp4",
                                       std::string("color=c=") + color + ":s=160x96:r=30", 3),
                  f.dir / (std::string(color) + ".mp4"));
  f.first = f.dir / "first.wv.json";
  f.second = f.dir / "second.wv.json";
  write_bytes(f.first, video_workspace("red.mp4"));
  write_bytes(f.second, video_workspace("green.mp4"));
  return f;
}

// Runs first.wv.json for 2.5 s with `script`, a still viewer, a snapshot at 2.4 s.
wv::test::ProgramRun run_first(const Folder& f, const std::string& script, const std::string& extra = "") {
  write_bytes(f.dir / "session.txt", script);
  return run_worldview("headless --still --msaa 1 --width 640 --height 360 --seconds 2.5 --snapshot-at 2.4 --snapshot " +
                       (f.dir / "shot.png").string() + " --out " + (f.dir / "run.mp4").string() + " --workspace " +
                       f.first.string() + " --script " + (f.dir / "session.txt").string() + " " + extra);
}

// Rates panel 0, then opens `path` from the Workspace tab's Open field.
std::string rate_then_open(const fs::path& path) {
  return "0.2 rate 0 4\n0.6 tab workspace\n0.7 click open-path\n0.8 type " + path.string() + "\n0.9 click open\n";
}

bool is_red(const uint8_t* p) { return p[0] > 180 && p[1] < 70 && p[2] < 70; }
bool is_green(const uint8_t* p) { return p[1] > 90 && p[0] < 70 && p[2] < 70; }

// The snapshot's middle pixel passes `color` (the panel there is the expected workspace's).
testing::AssertionResult center_is(const Folder& f, bool (*color)(const uint8_t*)) {
  auto shot = wv::media::read_png((f.dir / "shot.png").string());
  if (!shot) return testing::AssertionFailure() << shot.error().message;
  const uint8_t* p = shot->row(shot->height / 2) + 4 * (shot->width / 2);
  if (color(p)) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "the middle of the snapshot is " << int(p[0]) << " " << int(p[1]) << " "
                                     << int(p[2]);
}

TEST(HeadlessWorkspaceOpen, TheSecondWorkspacesPanelsReplaceTheFirstsWhoseChangesAreAutosaved) {
  const Folder f = two_workspaces("replace");
  const std::string first_text = read_bytes(f.first);
  // After the open, Save writes the opened workspace.
  const auto r = run_first(f, rate_then_open(f.second) + "1.5 click save\n");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string autosave = wv::app::autosave_path(f.first.string());
  EXPECT_NE(r.output.find("console: opened " + f.second.string() + " (1 panel(s)); the unsaved changes are kept in " +
                          autosave),
            std::string::npos)
      << r.output;
  // The first workspace's rating is in its autosave file; the file itself is as it was.
  const auto kept = wv::app::load_workspace(autosave);
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_EQ(kept->panels.at(0).review.rating, 4);
  EXPECT_EQ(read_bytes(f.first), first_text);
  EXPECT_NE(r.output.find("console: saved " + f.second.string()), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(wv::app::last_good_path(f.second.string()))) << "Save replaced the opened file";
  EXPECT_TRUE(center_is(f, is_green)) << "the panel in the middle is not the second workspace's green clip";
}

TEST(HeadlessWorkspaceOpen, AWorkspaceThatDoesNotLoadIsRefusedWithTheReasonAndThePanelsStay) {
  const Folder f = two_workspaces("damaged");
  const fs::path damaged = f.dir / "damaged.wv.json";
  write_bytes(damaged, "{\"format\": \"worldview-workspace\", \"version\": 3, \"panels\": [");
  const fs::path bad_field = f.dir / "bad-field.wv.json";
  write_bytes(bad_field, "{\"format\": \"worldview-workspace\", \"version\": 3,\n \"panels\": [{\"width_m\": -1,\n"
                         " \"source\": {\"kind\": \"video\", \"path\": \"green.mp4\"}}]}\n");
  const fs::path missing = f.dir / "missing.wv.json";
  const auto r = run_first(f, rate_then_open(damaged) + "1.1 click open-path\n1.2 type " + bad_field.string() +
                                  "\n1.3 click open\n1.5 click open-path\n1.6 type " + missing.string() +
                                  "\n1.7 click open\n");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("warning: console: " + damaged.string() + ":"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("warning: console: " + bad_field.string() + ":2: panels[0].width_m: "), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("warning: console: " + missing.string()), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("console: opened"), std::string::npos) << r.output;
  // The first workspace stayed the run's: its rating is autosaved beside it when the run ends.
  const auto kept = wv::app::load_workspace(wv::app::autosave_path(f.first.string()));
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_EQ(kept->panels.at(0).review.rating, 4);
  EXPECT_TRUE(center_is(f, is_red)) << "the first workspace's red clip is gone";
}

TEST(HeadlessWorkspaceOpen, UnsavedChangesNothingCanKeepAreNotOpenedOver) {
  const Folder f = two_workspaces("autosave-off");
  const auto r = run_first(f, rate_then_open(f.second), "--autosave 0");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("warning: console: not opening " + f.second.string() +
                          ": the run has unsaved changes and autosave is off (--autosave 0): Save first"),
            std::string::npos)
      << r.output;
  EXPECT_TRUE(center_is(f, is_red)) << "the first workspace's panels were replaced";
}

TEST(HeadlessWorkspaceOpen, AWorkspaceWithoutChangesIsLeftWithNothingWritten) {
  const Folder f = two_workspaces("unchanged");
  const auto r = run_first(f, "0.6 tab workspace\n0.7 click open-path\n0.8 type " + f.second.string() +
                                  "\n0.9 click open\n");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("console: opened " + f.second.string() + " (1 panel(s)); no unsaved changes"),
            std::string::npos)
      << r.output;
  EXPECT_FALSE(fs::exists(wv::app::autosave_path(f.first.string()))) << r.output;
}

}  // namespace
