// Autosave (docs/workspace.md): a scripted run that changes its workspace writes the changes to
// NAME.autosave.wv.json beside it and leaves the workspace file alone; a run that changes nothing
// writes nothing; an autosave file that does not load is never written over; opening another
// workspace from the console autosaves the changes first.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "app/workspace/workspace.h"
#include "headless_test_util.h"

namespace {

namespace fs = std::filesystem;
using wv::test::run_worldview;

const std::string kFixture = std::string(WV_TORCHSCRIPT_FIXTURES) + "/drifting_color_field.pt";

const std::string kWorkspace = R"({
  "format": "worldview-workspace",
  "version": 3,
  "panels": [{"source": {"kind": "toyworld", "scene": "one red ball in a dark blue room", "size": [64, 64]}}]
}
)";

fs::path fresh_folder(const std::string& name) { return wv::test::fresh_output_dir("autosave/" + name); }

// The workspace's toyworld panel (0) and a prompt panel (1), the script, autosaving every second.
wv::test::ProgramRun scripted_run(const fs::path& folder, const std::string& script) {
  wv::test::write_bytes(folder / "session.txt", script);
  return run_worldview("headless --workspace " + (folder / "work.wv.json").string() + " --model-file " + kFixture +
                       " --prompt \"a calm sea\" --seconds 3 --fps 10 --width 160 --height 90 --msaa 1 --still --out " +
                       (folder / "run.mp4").string() + " --autosave 1 --script " + (folder / "session.txt").string());
}

TEST(HeadlessAutosave, ASteerIsAutosavedBesideTheWorkspaceWhichStaysAsItWas) {
  const fs::path folder = fresh_folder("steer");
  wv::test::write_bytes(folder / "work.wv.json", kWorkspace);
  const auto r = scripted_run(folder, "0.2 select 1\n0.4 steer a red storm\n");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(wv::test::read_bytes(folder / "work.wv.json"), kWorkspace);
  const fs::path autosave = folder / "work.autosave.wv.json";
  EXPECT_NE(r.output.find("autosave: wrote " + autosave.string()), std::string::npos) << r.output;
  const auto saved = wv::app::load_workspace(autosave.string());
  ASSERT_TRUE(saved) << saved.error().message;
  ASSERT_EQ(saved->panels.size(), 2u);
  const wv::app::RolloutSourceSpec& steered = saved->panels[1].source.rollout;
  ASSERT_EQ(steered.branches.size(), 1u) << wv::test::read_bytes(autosave);
  EXPECT_EQ(steered.branches[0].prompt, "a red storm");
  EXPECT_FALSE(fs::exists(folder / "work.wv.json.bak"));  // no Save: the workspace was never replaced
}

TEST(HeadlessAutosave, ARunThatChangesNothingWritesNothing) {
  const fs::path folder = fresh_folder("unchanged");
  wv::test::write_bytes(folder / "work.wv.json", kWorkspace);
  const auto r = scripted_run(folder, "0.2 select 0\n");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(fs::exists(folder / "work.autosave.wv.json")) << r.output;
  EXPECT_EQ(r.output.find("autosave:"), std::string::npos) << r.output;
}

TEST(HeadlessAutosave, AnAutosaveFileThatDoesNotLoadIsNeverWrittenOver) {
  const fs::path folder = fresh_folder("refused");
  wv::test::write_bytes(folder / "work.wv.json", kWorkspace);
  const std::string damaged = "{\"format\": \"worldview-workspace\", \"version\": 3, \"panels\": [";
  wv::test::write_bytes(folder / "work.autosave.wv.json", damaged);
  const auto r = scripted_run(folder, "0.2 select 1\n0.4 steer a red storm\n");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(wv::test::read_bytes(folder / "work.autosave.wv.json"), damaged);
  EXPECT_NE(r.output.find("autosave: not writing over " + (folder / "work.autosave.wv.json").string() +
                          ", which does not load"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(wv::test::read_bytes(folder / "work.wv.json"), kWorkspace);
}

TEST(HeadlessAutosave, SavingRemovesTheRunsStaleAutosaveAndKeepsTheLastGoodFile) {
  const fs::path folder = fresh_folder("saved");
  wv::test::write_bytes(folder / "work.wv.json", kWorkspace);
  const fs::path workspace = folder / "work.wv.json";
  // Autosaved at 1 s, saved over the workspace at 1.5 s.
  const auto r = scripted_run(folder, "0.2 select 1\n0.4 steer a red storm\n1.5 save " + workspace.string() + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("autosave: wrote"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(folder / "work.autosave.wv.json")) << r.output;
  EXPECT_EQ(wv::test::read_bytes(folder / "work.wv.json.bak"), kWorkspace);
  const auto saved = wv::app::load_workspace(workspace.string());
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->panels.at(1).source.rollout.branches.at(0).prompt, "a red storm");
}

TEST(HeadlessAutosave, OpeningAnotherWorkspaceAutosavesTheSteerFirstAndTheRunEndsOnTheOpenedOne) {
  const fs::path folder = fresh_folder("open");
  wv::test::write_bytes(folder / "work.wv.json", kWorkspace);
  const std::string other = R"({"format": "worldview-workspace", "version": 3,
  "panels": [{"source": {"kind": "toyworld", "scene": "two green balls in a black room", "size": [64, 64]}}]}
)";
  wv::test::write_bytes(folder / "other.wv.json", other);
  const fs::path other_path = folder / "other.wv.json";
  const auto r = scripted_run(folder, "0.2 select 1\n0.4 steer a red storm\n0.8 open " + other_path.string() + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const fs::path autosave = folder / "work.autosave.wv.json";
  EXPECT_NE(r.output.find("console: opened " + other_path.string() + " (1 panel(s)); the unsaved changes are kept in " +
                          autosave.string()),
            std::string::npos)
      << r.output;
  const auto saved = wv::app::load_workspace(autosave.string());
  ASSERT_TRUE(saved) << saved.error().message;
  ASSERT_EQ(saved->panels.size(), 2u);
  EXPECT_EQ(saved->panels[1].source.rollout.branches.at(0).prompt, "a red storm");
  // The run ends on the opened workspace: no prompt track of the closed rollout is reported, and
  // the opened file, unchanged, is not autosaved.
  EXPECT_EQ(r.output.find("headless: panel 1"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(folder / "other.autosave.wv.json")) << r.output;
  EXPECT_EQ(wv::test::read_bytes(other_path), other);
}

}  // namespace
